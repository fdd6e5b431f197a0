#include "kiosk_ui/kiosk_checkin.hpp"

#include <nlohmann/json.hpp>

#include "domain/checkin_code.hpp"
#include "kiosk_ui/request_bodies.hpp"
#include "log/event_log.hpp"

namespace onthaal::http {
namespace {

using nlohmann::json;

}  // namespace

KioskCheckin::KioskCheckin(store::Database& db, KioskPolicy policy, Clock now,
                           std::function<void()> on_commit, Poster post, Committer commit)
    : find_(db, policy.window, policy.key_file),
      guesses_(policy.max_failed_tries, policy.guess_window),
      now_(std::move(now)),
      on_commit_(std::move(on_commit)),
      batcher_(db, now_, std::move(post), std::move(commit),
               [this](std::vector<PendingCheckin>& batch, const CommitOutcome& outcome) {
                   answer(batch, outcome);
               }) {}

void KioskCheckin::warm_up() {
    find_.warm_up(now_());
}

HttpResponse KioskCheckin::handle(const HttpRequest& request) {
    HttpResponse answer = json_error(500, "internal_error", "No answer.");
    handle(request, [&answer](HttpResponse r) { answer = std::move(r); });
    return answer;
}

void KioskCheckin::handle(const HttpRequest& request, Responder respond) {
    std::optional<store::AppointmentView> appointment;
    if (auto refused = validate(request, appointment)) return respond(std::move(*refused));
    batcher_.add({std::move(*appointment), std::move(respond)});
}

// Returns the refusal, or nullopt with `appointment` set when the check-in may be recorded.
std::optional<HttpResponse> KioskCheckin::validate(
    const HttpRequest& request, std::optional<store::AppointmentView>& appointment) {
    if (request.method != "POST") return json_error(405, "method_not_allowed", "Use POST.");
    const domain::Instant now = now_();
    BodyRead<CheckinBody> body = read_checkin_body(request.body);
    if (!body.request) return json_error(400, "bad_request", body.refusal);
    const KioskClient client{body.request->screen, request.source};
    if (const auto wait = guesses_.paused_for(client, now)) return paused(*wait);
    CheckinQuery query{std::move(body.request->code), std::move(body.request->national_number),
                       now};
    // A typo is caught before any lookup: it tells nothing about which codes exist.
    if (query.code &&
        domain::check_checkin_code(normalise_code(*query.code)) == domain::CodeCheck::typo) {
        guesses_.mistyped(client, now);
        return json_error(400, "code_typo",
                          "This code has a typo. Please check the code on your invitation.");
    }
    CheckinLookup found = find_.run(query);
    if (!found.appointment) return refusal(found, client, now);
    appointment = std::move(found.appointment);
    return std::nullopt;
}

// 429 with the wait in Retry-After and in the body, from which the kiosk page counts down.
HttpResponse KioskCheckin::paused(std::chrono::seconds wait) {
    HttpResponse r = json_response(
        429, json{{"error",
                   {{"code", "kiosk_paused"},
                    {"message", "Too many tries. Please wait a moment or go to the desk."}}},
                  {"retry_after_s", wait.count()}}
                 .dump());
    r.set_header("Retry-After", std::to_string(wait.count()));
    return r;
}

// What the kiosk page shows for a refusal: a status, the stable code, and a message that sends
// the client to the desk. A refused try counts towards the pause (not "not ready yet").
HttpResponse KioskCheckin::refusal(const CheckinLookup& lookup, const KioskClient& client,
                                   domain::Instant now) {
    if (lookup.counts_as_failure()) guesses_.failed(client, now);
    switch (lookup.refusal) {
        case CheckinRefusal::unknown_code:
            return json_error(404, lookup.reason_code,
                              "We do not know this code. Please go to the desk.");
        case CheckinRefusal::invalid_number:
            return json_error(400, lookup.reason_code,
                              "This number is not valid. Please check it or go to the desk.");
        case CheckinRefusal::no_appointment_now:
            return json_error(404, lookup.reason_code,
                              "We find no appointment for you right now. Please go to the desk.");
        case CheckinRefusal::not_ready:
            return json_error(503, lookup.reason_code,
                              "Check-in by number is not available yet. Please use your code or "
                              "go to the desk.");
        case CheckinRefusal::wrong_time:
            break;
    }
    HttpResponse r =
        json_error(409, lookup.reason_code,
                   "This appointment cannot be checked in now. Please go to the desk.");
    // Too early: the page says when to come back instead of only sending the client to the desk.
    if (!lookup.come_back_at.empty()) {
        json body = json::parse(r.body);
        body["come_back_at"] = lookup.come_back_at;
        r.body = body.dump();
    }
    return r;
}

void KioskCheckin::answer(std::vector<PendingCheckin>& batch, const CommitOutcome& outcome) {
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
                           {"location", a.location},
                           {"queue_number", outcome.facts[i].queue_number}};
        batch[i].respond(json_response(200, body.dump()));
    }
    if (new_ids.empty()) return;
    log::info("kiosk.checked_in", {{"appointment_ids", new_ids}});
    if (on_commit_) on_commit_();
}

}  // namespace onthaal::http
