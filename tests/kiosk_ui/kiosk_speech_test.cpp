#include "kiosk_ui/kiosk_speech.hpp"

#include <gtest/gtest.h>
#include <sys/stat.h>
#include <unistd.h>

#include <chrono>
#include <deque>
#include <mutex>
#include <thread>

#include "tests/support/temp_dir.hpp"

using namespace onthaal;
using Clock = std::chrono::steady_clock;

namespace {

http::HttpRequest speech_get(const std::string& query) {
    http::HttpRequest r;
    r.method = "GET";
    r.target = "/api/v1/kiosk/speech?" + query;
    return r;
}

class KioskSpeechTest : public ::testing::Test {
  protected:
    // A stand-in for espeak-ng: a shell script with `body`, executable.
    std::string program(const std::string& body) {
        const std::string path = dir.file("speak");
        test_support::write_file(path, "#!/bin/sh\n" + body + "\n");
        ::chmod(path.c_str(), 0700);
        return path;
    }
    test_support::TempDir dir;
};

}  // namespace

TEST(SpeechText, FixedPhrasesOnlyWithANumberOrATimeNeverOtherText) {
    EXPECT_EQ(http::speech_text("nl", "checked_in", "12", ""),
              "Welkom. U bent aangemeld. Neem plaats in de wachtzaal. Uw nummer is 12.");
    EXPECT_EQ(http::speech_text("en", "already", "A7", ""),
              "You are already checked in. Please take a seat in the waiting room. Your number "
              "is A 7.");
    EXPECT_EQ(http::speech_text("fr", "too_early", "", "10:30"),
              "Vous êtes en avance. Revenez à 10:30.");
    for (const char* lang : {"nl", "fr", "en", "ar", "tr"}) {
        EXPECT_TRUE(http::speech_text(lang, "checked_in", "", "")) << lang;
        EXPECT_TRUE(http::speech_text(lang, "desk", "", "")) << lang;
        EXPECT_TRUE(http::speech_text(lang, "too_early", "", "09:05")) << lang;
    }
    EXPECT_FALSE(http::speech_text("nl", "checked_in", "Amina", ""));  // no name fits a number
    EXPECT_FALSE(http::speech_text("nl", "checked_in", "12; rm", ""));
    EXPECT_FALSE(http::speech_text("nl", "too_early", "", "25:00"));
    EXPECT_FALSE(http::speech_text("nl", "too_early", "", ""));
    EXPECT_FALSE(http::speech_text("nl", "Welkom Amina", "", ""));
    EXPECT_FALSE(http::speech_text("de", "checked_in", "", ""));
}

TEST_F(KioskSpeechTest, AClipIsMadeOncePerPhraseLanguageAndNumberThenServedFromTheCache) {
    // Echoes its arguments after a WAV header: the test sees the voice and the text it was given.
    http::KioskSpeech speech(program("printf 'RIFF'; printf '%s|' \"$@\""), {});
    ASSERT_TRUE(speech.available());
    const auto first = speech.handle(speech_get("lang=ar&phrase=checked_in&number=12"));
    ASSERT_EQ(first.status, 200) << first.body;
    EXPECT_EQ(first.body.rfind("RIFF-v|ar|", 0), 0u) << first.body;
    EXPECT_NE(first.body.find("رقمك هو 12."), std::string::npos) << first.body;
    EXPECT_EQ(speech.handle(speech_get("lang=ar&phrase=checked_in&number=12")).body, first.body);
    EXPECT_EQ(speech.runs(), 1);
    EXPECT_EQ(speech.handle(speech_get("lang=ar&phrase=checked_in&number=13")).status, 200);
    EXPECT_EQ(speech.runs(), 2);
    EXPECT_EQ(speech.handle(speech_get("lang=nl&phrase=checked_in&number=Amina")).status, 400);
    EXPECT_EQ(speech.runs(), 2);
}

TEST_F(KioskSpeechTest, AHungOrRunawayProgramIsStoppedAndAnswered503) {
    http::KioskSpeech hung(program("sleep 10"), {}, {std::chrono::milliseconds(300), 1 << 20});
    const auto start = Clock::now();
    EXPECT_EQ(hung.handle(speech_get("lang=nl&phrase=desk")).status, 503);
    EXPECT_LT(Clock::now() - start, std::chrono::seconds(3));
    http::KioskSpeech runaway(program("printf RIFF; head -c 5000000 /dev/zero"), {},
                              {std::chrono::milliseconds(3000), 1 << 20});
    EXPECT_EQ(runaway.handle(speech_get("lang=nl&phrase=desk")).status, 503);
    http::KioskSpeech not_wav(program("echo hello"), {});
    EXPECT_EQ(not_wav.handle(speech_get("lang=nl&phrase=desk")).status, 503);
}

// A program that closes its output and goes on (or leaves a child behind) is stopped at the
// same deadline, with everything it started: the speech thread and the agent's stop never wait.
TEST_F(KioskSpeechTest, AProgramThatClosesItsOutputButGoesOnIsStoppedWithItsChildren) {
    const std::string marker = dir.file("still-running");
    http::KioskSpeech lingering(
        program("printf RIFF; exec >&-; (sleep 3; touch " + marker + ") & sleep 10"), {},
        {std::chrono::milliseconds(300), 1 << 20});
    const auto start = Clock::now();
    EXPECT_EQ(lingering.handle(speech_get("lang=nl&phrase=desk")).status, 503);
    EXPECT_LT(Clock::now() - start, std::chrono::seconds(2));
    std::this_thread::sleep_for(std::chrono::milliseconds(3500));
    EXPECT_NE(::access(marker.c_str(), F_OK), 0) << "the program's child outlived the timeout";
}

TEST_F(KioskSpeechTest, AMissingProgramTurnsSpeechOff) {
    http::KioskSpeech missing("onthaal-no-such-speech-program", {});
    EXPECT_FALSE(missing.available());
    EXPECT_EQ(missing.handle(speech_get("lang=nl&phrase=desk")).status, 404);
    http::KioskSpeech off("", {});
    EXPECT_FALSE(off.available());
}

TEST_F(KioskSpeechTest, TheProgramRunsOffTheCallersThreadAndTheAnswerIsPostedBack) {
    std::mutex mutex;
    std::deque<std::function<void()>> posted;
    http::KioskSpeech speech(program("sleep 0.5; printf RIFF"), [&](std::function<void()> task) {
        std::lock_guard lock(mutex);
        posted.push_back(std::move(task));
    });
    std::vector<int> answers;
    const auto start = Clock::now();
    for (int i = 0; i < 2; ++i)  // the second asks for the clip being made: no second run
        speech.handle(speech_get("lang=tr&phrase=desk"),
                      [&](http::HttpResponse r) { answers.push_back(r.status); });
    EXPECT_LT(Clock::now() - start, std::chrono::milliseconds(200)) << "handle() waited";
    EXPECT_TRUE(answers.empty());
    for (int i = 0; i < 100 && answers.empty(); ++i) {
        std::this_thread::sleep_for(std::chrono::milliseconds(50));
        std::lock_guard lock(mutex);
        while (!posted.empty()) {
            posted.front()();
            posted.pop_front();
        }
    }
    EXPECT_EQ(answers, (std::vector<int>{200, 200}));
    EXPECT_EQ(speech.runs(), 1);
}

TEST(KioskSpeechEspeak, DebiansEspeakNgMakesAWavInEveryLanguage) {
    http::KioskSpeech speech("espeak-ng", {});
    if (!speech.available()) GTEST_SKIP() << "espeak-ng is not installed";
    for (const char* lang : {"nl", "fr", "en", "ar", "tr"}) {
        const auto r =
            speech.handle(speech_get(std::string("lang=") + lang + "&phrase=checked_in&number=12"));
        ASSERT_EQ(r.status, 200) << lang << ": " << r.body;
        EXPECT_EQ(r.body.rfind("RIFF", 0), 0u);
        EXPECT_GT(r.body.size(), 10000u) << lang;
    }
}
