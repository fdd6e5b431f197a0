#include "kiosk_ui/kiosk_checkin.hpp"

#include <nlohmann/json.hpp>

#include "domain/national_number.hpp"
#include "domain/national_number_hash.hpp"
#include "entities/attendance_entity.hpp"
#include "log/event_log.hpp"

namespace onthaal::http {
namespace {

using nlohmann::json;

std::string normalise_code(const std::string& raw) {
    std::string code;
    for (char c : raw) {
        if (c == ' ' || c == '-') continue;  // printed as "K7Q 2M9", scanned or typed with spaces
        code += static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    }
    return code;
}

}  // namespace

HttpResponse KioskCheckin::failed(int status, std::string_view code, std::string_view message) {
    if (++failed_tries_ >= policy_.max_failed_tries) {
        paused_until_ = now_() + policy_.pause;
        failed_tries_ = 0;
        log::warn("kiosk.paused", {{"seconds", std::to_string(policy_.pause.count())}});
    }
    return json_error(status, code, message);
}

void KioskCheckin::warm_up() {
    store_.warm_up_lookups();
    const domain::Instant now = now_();
    // The first use of the time zone loads the system's time-zone database.
    domain::check_checkin_timing(now, now, policy_.window);
    domain::brussels_time_of_day(now);
}

HttpResponse KioskCheckin::handle(const HttpRequest& request) {
    HttpResponse answer = json_error(500, "internal_error", "No answer.");
    handle(request, [&answer](HttpResponse r) { answer = std::move(r); });
    return answer;
}

void KioskCheckin::handle(const HttpRequest& request, Responder respond) {
    std::optional<store::AppointmentView> appointment;
    if (auto refusal = validate(request, appointment)) return respond(std::move(*refusal));
    pending_.push_back({std::move(*appointment), std::move(respond)});
    if (!post_) return flush();
    if (!flush_posted_) {
        flush_posted_ = true;
        post_([this] { flush(); });
    }
}

// Returns the refusal, or nullopt with `appointment` set when the check-in may be recorded.
std::optional<HttpResponse> KioskCheckin::validate(
    const HttpRequest& request, std::optional<store::AppointmentView>& appointment) {
    if (request.method != "POST") return json_error(405, "method_not_allowed", "Use POST.");
    const domain::Instant now = now_();
    if (paused_until_ && now < *paused_until_) {
        HttpResponse r = json_error(429, "kiosk_paused",
                                    "Too many tries. Please wait a moment or go to the desk.");
        r.set_header("Retry-After", std::to_string((*paused_until_ - now).count()));
        return r;
    }
    json body;
    try {
        body = json::parse(request.body);
    } catch (const json::parse_error&) {
        return json_error(400, "bad_request", "The body must be JSON.");
    }
    if (!body.is_object()) return json_error(400, "bad_request", "The body must be a JSON object.");
    if (body.contains("code") && body["code"].is_string() &&
        body["code"].get<std::string>().size() <= 64) {
        appointment = store_.appointment_by_code(normalise_code(body["code"]));
        if (!appointment)
            return failed(404, "unknown_code", "We do not know this code. Please go to the desk.");
    } else if (body.contains("national_number") && body["national_number"].is_string() &&
               body["national_number"].get<std::string>().size() <= 32) {
        HttpResponse error;
        appointment = find_by_national_number(body["national_number"], error);
        if (!appointment) return error;
    } else {
        return json_error(400, "bad_request",
                          "Send {\"code\": ...} or {\"national_number\": ...}.");
    }
    const auto start = domain::parse_instant(appointment->starts_at);
    const auto timing = start ? domain::check_checkin_timing(*start, now, policy_.window)
                              : domain::CheckinTiming::not_today;
    if (timing != domain::CheckinTiming::allowed) {
        return failed(409, domain::reason_code(timing),
                      "This appointment cannot be checked in now. Please go to the desk.");
    }
    return std::nullopt;
}

std::optional<store::AppointmentView> KioskCheckin::find_by_national_number(
    const std::string& number, HttpResponse& error) {
    const auto check = domain::check_national_number(number);
    if (!check.ok()) {
        error = failed(400, domain::reason_code(check.problem),
                       "This number is not valid. Please check it or go to the desk.");
        return std::nullopt;
    }
    const auto key = store_.national_number_key();
    if (!key) {
        error = json_error(
            503, "not_ready",
            "Check-in by number is not available yet. Please use your code or go to the desk.");
        return std::nullopt;
    }
    const domain::Instant now = now_();
    // Only appointments whose window contains now can be checked in: look no further than that.
    const auto from = domain::format_instant(now - policy_.window.after);
    const auto to = domain::format_instant(now + policy_.window.before + std::chrono::seconds(1));
    auto found = store_.appointments_by_national_hash(
        domain::national_number_hash(check.digits, *key), from, to);
    if (found.empty()) {
        error = failed(404, "no_appointment_now",
                       "We find no appointment for you right now. Please go to the desk.");
        return std::nullopt;
    }
    return found.front();
}

void KioskCheckin::flush() {
    flush_posted_ = false;
    if (commit_in_flight_ || pending_.empty()) return;  // the commit's end flushes again
    std::vector<Pending> batch = std::move(pending_);
    pending_.clear();
    std::vector<store::AppointmentView> appointments;
    for (const auto& p : batch) appointments.push_back(p.appointment);
    std::string at = domain::format_instant(now_());
    if (!commit_) {
        CommitOutcome outcome;
        try {
            outcome.facts =
                entities::AttendanceWriter(db_).record_checkins(appointments, at, "kiosk");
        } catch (const std::exception& e) {
            outcome.error = e.what();
        }
        return answer(batch, outcome);
    }
    commit_in_flight_ = true;
    commit_(std::move(appointments), std::move(at),
            [this, batch = std::move(batch)](const CommitOutcome& outcome) mutable {
                commit_in_flight_ = false;
                // What arrived during this commit goes to the writer first, so its fsync overlaps
                // with writing this batch's answers (about 50 µs of socket work each).
                flush();
                answer(batch, outcome);
            });
}

void KioskCheckin::answer(std::vector<Pending>& batch, const CommitOutcome& outcome) {
    // A commit that reports fewer results than check-ins breaks its contract; answering an error
    // beats throwing out of the I/O thread's event loop, which would stop the agent.
    if (!outcome.error.empty() || outcome.facts.size() != batch.size()) {
        const std::string error =
            outcome.error.empty()
                ? "the commit reported results for a different number of check-ins"
                : outcome.error;
        log::error("kiosk.commit_failed",
                   {{"error", error}, {"check_ins", std::to_string(batch.size())}});
        for (auto& p : batch)
            p.respond(
                json_error(500, "internal_error", "Something went wrong; please ask at the desk."));
        return;
    }
    failed_tries_ = 0;
    std::string new_ids;  // one log line per commit: a write to stderr per check-in is I/O time
    for (std::size_t i = 0; i < batch.size(); ++i) {
        const auto& a = batch[i].appointment;
        const bool again = outcome.facts[i].already_checked_in;
        if (!again) new_ids += (new_ids.empty() ? "" : ",") + a.id;
        const auto start = domain::parse_instant(a.starts_at);
        const json body = {{"status", again ? "already_checked_in" : "checked_in"},
                           {"first_name", a.client_first_name},
                           {"language", a.client_language},
                           {"time", start ? domain::brussels_time_of_day(*start) : ""},
                           {"staff_name", a.staff_name},
                           {"location", a.location}};
        batch[i].respond(json_response(200, body.dump()));
    }
    if (new_ids.empty()) return;
    log::info("kiosk.checked_in", {{"appointment_ids", new_ids}});
    if (on_commit_) on_commit_();
}

}  // namespace onthaal::http
