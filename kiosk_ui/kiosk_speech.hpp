// The kiosk's answers read aloud, offline: GET /api/v1/kiosk/speech?lang=nl&phrase=checked_in
// &number=12 (or &time=10:30 for "come back at") answers a WAV made by the speech program
// (Debian's espeak-ng, setting kiosk_speech_program). The page fetches it only when the client
// presses the speak button, after the check-in answer, so the check-in path does no extra work.
//
// Only fixed phrases are said, in the five kiosk languages, with at most a queue number or a
// time of day filled in: the request cannot carry a name or any other text, so no personal data
// ever reaches the program, the cache or a log. Clips are cached per phrase, language and
// number/time (FIFO within a byte budget); concurrent requests for one clip share one run.
//
// Ownership: owns the cache and, from the first clip that is not cached, one worker thread that
// runs the program at nice 10 (run_speech_program: deadline and size limit). Thread: handle() on
// the owner's thread (the agent's I/O thread); the worker posts each clip back to it through
// `post`, so the I/O thread never waits for the program. Without `post` (tests) the program runs in
// handle(). The destructor lets the running clip finish (bounded by the deadline), drops the rest,
// joins. Failure: 404 speech_unavailable when the program is missing (logged once at start), 400
// for an unknown phrase, language or a malformed number/time, 503 when the program failed (logged
// once) or too many clips are being made.
#pragma once

#include <deque>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "kiosk_ui/speech_program.hpp"
#include "net/http_message.hpp"

namespace onthaal::http {

// The sentence said for `phrase` (checked_in, already, too_early, desk) in `lang` (nl, fr, en,
// ar, tr); `number` (queue number, [A-Z]{0,2}[0-9]{1,4}) may follow checked_in and already;
// too_early needs `time` (HH:MM). nullopt for anything else.
std::optional<std::string> speech_text(std::string_view lang, std::string_view phrase,
                                       std::string_view number, std::string_view time);

class SpeechWorker;

class KioskSpeech {
  public:
    using Poster = std::function<void(std::function<void()>)>;
    using Responder = std::function<void(HttpResponse)>;

    // `program`: empty or not found turns speech off (available() false).
    KioskSpeech(std::string program, Poster post, SpeechLimits limits = {},
                std::size_t cache_bytes = 16 * 1024 * 1024);
    ~KioskSpeech();
    KioskSpeech(const KioskSpeech&) = delete;
    KioskSpeech& operator=(const KioskSpeech&) = delete;

    bool available() const { return available_; }
    void handle(const HttpRequest& request, Responder respond);
    HttpResponse handle(const HttpRequest& request);  // answered before returning when no `post`
    // How many times the program was run (tests: the cache spares runs).
    int runs() const { return runs_; }

  private:
    void finish(const std::string& key, SpeechOutput output);
    void remember(const std::string& key, const std::string& audio);

    std::string program_;
    Poster post_;
    SpeechLimits limits_;
    std::size_t cache_budget_;
    bool available_ = false;
    bool failure_logged_ = false;
    int runs_ = 0;
    std::map<std::string, std::shared_ptr<const std::string>> cache_;
    std::deque<std::string> cache_order_;  // oldest first
    std::size_t cache_bytes_ = 0;
    std::map<std::string, std::vector<Responder>> waiting_;  // clips being made
    std::unique_ptr<SpeechWorker> worker_;                   // last: stopped first
};

}  // namespace onthaal::http
