#include "kiosk_ui/kiosk_speech.hpp"

#include <memory>
#include <optional>

#include <pthread.h>
#include <sys/resource.h>
#include <unistd.h>

#include <condition_variable>
#include <mutex>
#include <regex>
#include <thread>

#include "log/event_log.hpp"

namespace onthaal::http {
namespace {

// One language's sentences. {n} is the queue number, {t} the time of day.
struct Phrases {
    std::string_view lang;
    std::string_view voice;  // espeak-ng's voice for the language
    std::string_view checked_in;
    std::string_view already;
    std::string_view number;
    std::string_view too_early;
    std::string_view desk;
};

constexpr Phrases kPhrases[] = {
    {"nl", "nl", "Welkom. U bent aangemeld. Neem plaats in de wachtzaal.",
     "U bent al aangemeld. Neem plaats in de wachtzaal.", " Uw nummer is {n}.",
     "U bent te vroeg. Kom terug om {t}.", "Ga naar de balie, alstublieft."},
    {"fr", "fr-be", "Bienvenue. Vous êtes enregistré. Asseyez-vous dans la salle d'attente.",
     "Vous êtes déjà enregistré. Asseyez-vous dans la salle d'attente.",
     " Votre numéro est le {n}.", "Vous êtes en avance. Revenez à {t}.",
     "Allez à l'accueil, s'il vous plaît."},
    {"en", "en-gb", "Welcome. You are checked in. Please take a seat in the waiting room.",
     "You are already checked in. Please take a seat in the waiting room.", " Your number is {n}.",
     "You are early. Please come back at {t}.", "Please go to the desk."},
    {"ar", "ar", "مرحبًا. تم تسجيل حضورك. تفضل بالجلوس في قاعة الانتظار.",
     "لقد سجلت حضورك بالفعل. تفضل بالجلوس في قاعة الانتظار.", " رقمك هو {n}.",
     "لقد وصلت مبكرًا. عد في الساعة {t}.", "توجه إلى مكتب الاستقبال من فضلك."},
    {"tr", "tr", "Hoş geldiniz. Girişiniz yapıldı. Lütfen bekleme salonunda oturun.",
     "Girişiniz zaten yapıldı. Lütfen bekleme salonunda oturun.", " Numaranız {n}.",
     "Erken geldiniz. Dönüş saatiniz: {t}.", "Lütfen danışmaya gidin."},
};

const Phrases* phrases_of(std::string_view lang) {
    for (const auto& p : kPhrases)
        if (p.lang == lang) return &p;
    return nullptr;
}

std::string filled(std::string_view sentence, std::string_view mark, std::string_view value) {
    std::string out(sentence);
    if (const auto at = out.find(mark); at != std::string::npos)
        out.replace(at, mark.size(), value);
    return out;
}

// "A12" is said "A 12": the letter, then the number as a number.
std::string spoken_number(std::string_view number) {
    std::string out(number);
    const auto digits = out.find_first_of("0123456789");
    if (digits != 0 && digits != std::string::npos) out.insert(digits, " ");
    return out;
}

std::string clip_key(const HttpRequest& r) {
    return r.query_parameter("lang") + "|" + r.query_parameter("phrase") + "|" +
           r.query_parameter("number") + "|" + r.query_parameter("time");
}

HttpResponse audio_response(const std::string& audio) {
    HttpResponse r;
    r.body = audio;
    r.set_header("Content-Type", "audio/wav");
    // A clip never changes for its address; the kiosk's browser may keep it for the day.
    r.set_header("Cache-Control", "private, max-age=86400");
    return r;
}

}  // namespace

std::optional<std::string> speech_text(std::string_view lang, std::string_view phrase,
                                       std::string_view number, std::string_view time) {
    static const std::regex number_form("[A-Z]{0,2}[0-9]{1,4}");
    static const std::regex time_form("([01][0-9]|2[0-3]):[0-5][0-9]");
    const Phrases* p = phrases_of(lang);
    if (!p) return std::nullopt;
    const std::string n(number), t(time);
    if (!n.empty() && !std::regex_match(n, number_form)) return std::nullopt;
    if (!t.empty() && !std::regex_match(t, time_form)) return std::nullopt;
    const bool greets = phrase == "checked_in" || phrase == "already";
    if (greets && t.empty()) {
        std::string text(phrase == "checked_in" ? p->checked_in : p->already);
        if (!n.empty()) text += filled(p->number, "{n}", spoken_number(n));
        return text;
    }
    if (phrase == "too_early" && n.empty() && !t.empty()) return filled(p->too_early, "{t}", t);
    if (phrase == "desk" && n.empty() && t.empty()) return std::string(p->desk);
    return std::nullopt;
}

// The thread that runs the program, one clip at a time, in order.
class SpeechWorker {
  public:
    using Job = std::function<void()>;
    SpeechWorker() : thread_([this] { run(); }) {}
    ~SpeechWorker() {
        {
            std::lock_guard lock(mutex_);
            stopping_ = true;
        }
        wake_.notify_one();
        thread_.join();
    }
    void submit(Job job) {
        {
            std::lock_guard lock(mutex_);
            jobs_.push_back(std::move(job));
        }
        wake_.notify_one();
    }

  private:
    void run() {
        // Niceness is per thread on Linux and the program inherits it: a burst of clips yields
        // the CPU to check-ins on a busy two-core site PC.
        pthread_setname_np(pthread_self(), "kiosk-speech");
        setpriority(PRIO_PROCESS, static_cast<id_t>(gettid()), 10);
        for (;;) {
            Job job;
            {
                std::unique_lock lock(mutex_);
                wake_.wait(lock, [this] { return stopping_ || !jobs_.empty(); });
                if (stopping_) return;  // the clips still queued are no longer wanted
                job = std::move(jobs_.front());
                jobs_.pop_front();
            }
            job();
        }
    }

    std::mutex mutex_;
    std::condition_variable wake_;
    std::deque<Job> jobs_;
    bool stopping_ = false;
    std::thread thread_;  // last: started once everything above exists
};

KioskSpeech::KioskSpeech(std::string program, Poster post, SpeechLimits limits,
                         std::size_t cache_bytes)
    : program_(std::move(program)),
      post_(std::move(post)),
      limits_(limits),
      cache_budget_(cache_bytes),
      available_(speech_program_available(program_)) {
    if (!available_ && !program_.empty())
        log::warn("kiosk.speech_unavailable",
                  {{"program", program_}, {"effect", "the kiosk shows no speak button"}});
}

KioskSpeech::~KioskSpeech() = default;

HttpResponse KioskSpeech::handle(const HttpRequest& request) {
    // With a worker the clip may be answered after this caller has returned: the late answer
    // then lands in a slot kept alive by the responder itself, and this caller hears "busy".
    auto answer = std::make_shared<std::optional<HttpResponse>>();
    handle(request, [answer](HttpResponse r) { *answer = std::move(r); });
    if (*answer) return std::move(**answer);
    return json_error(503, "speech_busy", "The clip is being made; ask again in a moment.");
}

void KioskSpeech::handle(const HttpRequest& request, Responder respond) {
    if (request.method != "GET" && request.method != "HEAD")
        return respond(json_error(405, "method_not_allowed", "Use GET."));
    if (!available_)
        return respond(json_error(404, "speech_unavailable", "This kiosk does not speak."));
    const auto text =
        speech_text(request.query_parameter("lang"), request.query_parameter("phrase"),
                    request.query_parameter("number"), request.query_parameter("time"));
    if (!text) return respond(json_error(400, "bad_phrase", "No such phrase."));
    const std::string key = clip_key(request);
    if (const auto hit = cache_.find(key); hit != cache_.end())
        return respond(audio_response(*hit->second));
    if (auto making = waiting_.find(key); making != waiting_.end())
        return making->second.push_back(std::move(respond));
    if (waiting_.size() >= 8)
        return respond(json_error(503, "speech_busy", "Please try again in a moment."));
    waiting_[key].push_back(std::move(respond));
    const std::string voice(phrases_of(request.query_parameter("lang"))->voice);
    const std::vector<std::string> args = {"-v", voice, "-s", "150", "--stdout", *text};
    ++runs_;
    if (!post_) return finish(key, run_speech_program(program_, args, limits_));
    if (!worker_) worker_ = std::make_unique<SpeechWorker>();
    worker_->submit([this, key, args] {
        auto output = std::make_shared<SpeechOutput>(run_speech_program(program_, args, limits_));
        post_([this, key, output] { finish(key, std::move(*output)); });
    });
}

void KioskSpeech::finish(const std::string& key, SpeechOutput output) {
    auto node = waiting_.extract(key);
    if (!output.why.empty() && !failure_logged_) {
        failure_logged_ = true;  // once: a broken voice would otherwise log every press
        log::warn("kiosk.speech_failed", {{"program", program_}, {"error", output.why}});
    }
    if (output.why.empty()) remember(key, output.audio);
    if (node.empty()) return;
    for (auto& respond : node.mapped()) {
        if (output.why.empty())
            respond(audio_response(output.audio));
        else
            respond(json_error(503, "speech_failed", "The kiosk cannot speak right now."));
    }
}

void KioskSpeech::remember(const std::string& key, const std::string& audio) {
    if (audio.size() > cache_budget_) return;
    while (cache_bytes_ + audio.size() > cache_budget_ && !cache_order_.empty()) {
        cache_bytes_ -= cache_[cache_order_.front()]->size();
        cache_.erase(cache_order_.front());
        cache_order_.pop_front();
    }
    cache_[key] = std::make_shared<const std::string>(audio);
    cache_order_.push_back(key);
    cache_bytes_ += audio.size();
}

}  // namespace onthaal::http
