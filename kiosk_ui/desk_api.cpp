#include "kiosk_ui/desk_api.hpp"
#include "kiosk_ui/queue_api.hpp"

#include <nlohmann/json.hpp>

#include "domain/first_appointment.hpp"
#include "domain/guidance.hpp"
#include "kiosk_ui/coach_api.hpp"
#include "kiosk_ui/desk_actions.hpp"
#include "kiosk_ui/desk_conflicts.hpp"
#include "kiosk_ui/request_bodies.hpp"
#include "kiosk_ui/service_desk_api.hpp"
#include "local_store/desk_store.hpp"
#include "local_store/sync_access.hpp"
#include "log/event_log.hpp"
#include "protocol/records.hpp"

namespace onthaal::http {
namespace {

using nlohmann::json;

constexpr const char* kCookie = "onthaal_desk";

json rule_json(const domain::RuleResult& r) {
    json signals = json::array();
    for (const auto& s : r.signals)
        signals.push_back(
            {{"code", s.code}, {"message_nl", s.message_nl}, {"message_en", s.message_en}});
    return {{"allowed", r.allowed},
            {"reason_code", r.reason_code},
            {"message_nl", r.message_nl},
            {"message_en", r.message_en},
            {"due", r.due ? json(domain::format_date(*r.due)) : json(nullptr)},
            {"signals", signals}};
}

HttpResponse refusal(int status, const domain::RuleResult& result) {
    return json_response(
        status, json{{"error", {{"code", result.reason_code}, {"message", result.message_en}}},
                     {"result", rule_json(result)}}
                    .dump());
}

json guidance_json(const std::vector<domain::RuleResult>& guidance) {
    json list = json::array();
    for (const auto& g : guidance) list.push_back(rule_json(g));
    return list;
}

json optional_json(const std::optional<std::string>& v) {
    return v ? json(*v) : json(nullptr);
}

json plan_due(const std::vector<domain::RuleResult>& guidance);

// One row of today's list: times in Europe/Brussels, the client's guidance from the rules.
json appointment_json(const TodayRow& row) {
    const store::DeskAppointment& a = row.appointment;
    const auto start = domain::parse_instant(a.starts_at);
    const auto arrived = a.checked_in_at ? domain::parse_instant(*a.checked_in_at) : std::nullopt;
    return {
        {"id", a.id},
        {"client_id", a.client_id},
        {"time", start ? domain::brussels_time_of_day(*start) : ""},
        {"duration_min", a.duration_min},
        {"client_name", a.client_name},
        {"programme", a.programme},
        {"staff_name", a.staff_name},
        {"location", a.location},
        {"kind", a.kind},
        {"registered", a.registered},
        {"outcome", optional_json(a.outcome)},
        {"checked_in_at", arrived ? json(domain::brussels_time_of_day(*arrived)) : json(nullptr)},
        // Instants (UTC) for minutes waiting since arrival and since the call, lateness and
        // the "now" line.
        {"starts_at", a.starts_at},
        {"arrived_at", optional_json(a.checked_in_at)},
        {"queue_number", optional_json(a.queue_number)},
        {"called_at", optional_json(a.called_at)},
        {"guidance", guidance_json(row.guidance)},
        {"staff_id", a.staff_id},
        {"client_coach_id", optional_json(a.client_coach_id)},
        {"plan_due", plan_due(row.guidance)},
        {"residence_checked", row.residence_checked}};
}

// The day the rules want the next appointment by (the "plan before" line), or null.
json plan_due(const std::vector<domain::RuleResult>& guidance) {
    for (const auto& g : guidance)
        if (g.due && g.reason_code.starts_with("guidance.plan_"))
            return domain::format_date(*g.due);
    return nullptr;
}

// The sync panel: a light (grey: sync off; green: online with nothing refused or set aside; red:
// the device is not authorised; amber otherwise) and the counts behind it.
json sync_json(const config::AgentConfig& config, const store::SyncStatusSnapshot& sync) {
    const std::string light =
        config.central_url.empty() ? "grey"
        : sync.state == protocol::SyncState::online && sync.quarantined == 0 && sync.set_aside == 0
            ? "green"
        : sync.state == protocol::SyncState::device_not_authorised ? "red"
                                                                   : "amber";
    return {{"light", light},
            {"state", protocol::to_string(sync.state)},
            {"pending", sync.pending},
            {"quarantined", sync.quarantined},
            {"set_aside", sync.set_aside},
            {"last_success_at", optional_json(sync.last_success_at)},
            {"last_error", optional_json(sync.last_error)}};
}

}  // namespace

DeskApi::DeskApi(const config::AgentConfig& config, store::Database& db, KioskCheckin::Clock now,
                 std::function<void()> on_commit)
    : config_(config),
      db_(db),
      now_(std::move(now)),
      on_commit_(std::move(on_commit)),
      sessions_(db, std::chrono::minutes(config.desk_session_idle_min),
                static_cast<int>(config.desk_max_failed_logins),
                std::chrono::seconds(config.desk_login_pause_s)),
      tls_(!config.tls_cert_file.empty()) {}

HttpResponse DeskApi::handle(const HttpRequest& request) {
    const std::string path(request.path());
    const bool change = request.method != "GET" && request.method != "HEAD";
    // A page elsewhere that makes the desk's browser post here (CSRF) is stopped twice: by this
    // and by the token below. Sign-in too, so nobody signs the desk into their own session.
    if (change && !comes_from_own_origin(request, tls_)) {
        return json_error(403, "wrong_origin",
                          "This request did not come from this desk's own page; reload the page.");
    }
    if (path == "/api/v1/desk/login") {
        return request.method == "POST" ? login(request)
                                        : json_error(405, "method_not_allowed", "Use POST.");
    }
    const std::string token = cookie_value(request.header("cookie"), kCookie);
    const auto session = token.empty() ? std::nullopt : sessions_.find(token, now_());
    if (!session) return json_error(401, "not_signed_in", "Please sign in.");
    if (change && request.header("x-csrf-token") != session->csrf_token) {
        return json_error(403, "csrf",
                          "This request is missing its security token; reload the page.");
    }
    if (path == "/api/v1/desk/logout" && change) return logout(token);
    if (path == "/api/v1/desk/today" && !change) return today(*session);
    if (path == "/api/v1/desk/session" && !change) {
        // Lets a reloaded page pick up its CSRF token; the cookie itself stays HttpOnly.
        return json_response(
            200,
            json{{"staff_name", session->staff_name}, {"csrf_token", session->csrf_token}}.dump());
    }
    if (path == "/api/v1/desk/appointments" && change) return plan(request, *session);
    const std::string conflicts = "/api/v1/desk/conflicts/", reviewed = "/reviewed";
    if (change && path.starts_with(conflicts) && path.ends_with(reviewed) &&
        path.size() > conflicts.size() + reviewed.size()) {
        return review(
            path.substr(conflicts.size(), path.size() - conflicts.size() - reviewed.size()),
            *session);
    }
    const std::string clients = "/api/v1/desk/clients/", residence = "/residence-check";
    if (change && path.starts_with(clients) && path.ends_with(residence) &&
        path.size() > clients.size() + residence.size()) {
        return check_residence(
            path.substr(clients.size(), path.size() - clients.size() - residence.size()), *session);
    }
    const std::string prefix = "/api/v1/desk/appointments/", suffix = "/outcome";
    if (change && path.starts_with(prefix) && path.ends_with(suffix) &&
        path.size() > prefix.size() + suffix.size()) {
        return complete(path.substr(prefix.size(), path.size() - prefix.size() - suffix.size()),
                        request, *session);
    }
    return client_routes(request, *session);
}

// A client's file, its service and its field work (service_desk_api.hpp, coach_api.hpp).
HttpResponse DeskApi::client_routes(const HttpRequest& request, const DeskSession& session) {
    std::optional<HttpResponse> served;
    if (request.path().starts_with("/api/v1/coach/"))
        served = handle_coach_routes(
            request, {db_, session.staff_id, now_(), notes_, config_.role == "desk"}, on_commit_);
    // Calls are the reception's: a coach's laptop has no waiting room, and central would refuse
    // its call for good (queue_call: desks only).
    else if (config_.role != "desk" ||
             !(served = handle_queue_routes(request, db_, session.staff_id, now_(), on_commit_)))
        served = handle_service_routes(request, {db_, session.staff_id, now_(), on_commit_});
    if (served) return std::move(*served);
    return json_error(404, "not_found", "There is nothing at this address.");
}

HttpResponse DeskApi::check_residence(const std::string& client_id, const DeskSession& session) {
    if (!CheckResidence(db_).run(client_id, session.staff_id, now_()))
        return json_error(404, "unknown_client", "No such client.");
    if (on_commit_) on_commit_();
    return json_response(200, R"({"residence_checked":true})");
}

HttpResponse DeskApi::review(const std::string& conflict_id, const DeskSession& session) {
    if (!ReviewConflict(db_).run(conflict_id, session.staff_id, now_()))
        return json_error(404, "unknown_conflict", "No open conflict with this id.");
    return json_response(200, R"({"status":"reviewed"})");
}

HttpResponse DeskApi::logout(const std::string& token) {
    sessions_.logout(token);
    HttpResponse r = json_response(200, R"({"status":"signed_out"})");
    r.set_header("Set-Cookie",
                 std::string(kCookie) + "=; HttpOnly; SameSite=Strict; Path=/; Max-Age=0");
    return r;
}

HttpResponse DeskApi::login(const HttpRequest& request) {
    const BodyRead<LoginBody> body = read_login_body(request.body);
    if (!body.request) return json_error(400, "bad_request", body.refusal);
    LoginFailure why = LoginFailure::wrong_credentials;
    const auto session = sessions_.login(body.request->username, body.request->password,
                                         request.source, now_(), why);
    if (!session) {
        return why == LoginFailure::paused
                   ? json_error(429, "login_paused",
                                "Too many wrong passwords; wait a few minutes and try again.")
                   : json_error(401, "wrong_credentials", "Wrong username or password.");
    }
    HttpResponse r = json_response(
        200, json{{"staff_name", session->staff_name}, {"csrf_token", session->csrf_token}}.dump());
    // Secure with TLS: the browser then never sends the session over plain HTTP.
    r.set_header("Set-Cookie", std::string(kCookie) + "=" + session->token +
                                   "; HttpOnly; SameSite=Strict; Path=/" +
                                   (tls_ ? "; Secure" : ""));
    return r;
}

HttpResponse DeskApi::today(const DeskSession& session) {
    const TodayAtDesk today = ListToday(db_).run(now_());
    json list = json::array();
    for (const auto& row : today.rows) list.push_back(appointment_json(row));
    json staff = json::array();
    for (const auto& s : today.staff) staff.push_back({{"id", s.id}, {"name", s.name}});
    return json_response(200, json{{"date", domain::format_date(today.day)},
                                   {"now", domain::format_instant(now_())},
                                   {"me", session.staff_id},
                                   {"staff", staff},
                                   {"appointments", list},
                                   {"sync", sync_json(config_, today.sync)},
                                   {"conflicts", desk_conflicts_json(db_, today.conflicts)}}
                                  .dump());
}

HttpResponse DeskApi::complete(const std::string& appointment_id, const HttpRequest& request,
                               const DeskSession& session) {
    const BodyRead<OutcomeBody> body = read_outcome_body(request.body);
    if (!body.request) return json_error(400, "bad_request", body.refusal);
    const CompleteOutcome done =
        CompleteAppointment(db_).run({appointment_id, body.request->outcome,
                                      body.request->mediator_absent, session.staff_id, now_()});
    if (done.status == ActionStatus::not_found)
        return json_error(404, "unknown_appointment", "No such appointment.");
    if (done.status == ActionStatus::refused) return refusal(409, done.result);
    if (on_commit_) on_commit_();
    return json_response(200, json{{"recorded", domain::to_string(done.recorded)},
                                   {"result", rule_json(done.result)},
                                   {"guidance", guidance_json(done.guidance)}}
                                  .dump());
}

// Plans the client's next appointment: a first appointment while the history asks for one,
// registered when the rules say so (PlanAppointment).
HttpResponse DeskApi::plan(const HttpRequest& request, const DeskSession& session) {
    BodyRead<PlanBody> body = read_plan_body(request.body);
    if (!body.request) return json_error(400, "bad_request", body.refusal);
    PlanBody& p = *body.request;
    const PlanOutcome planned = PlanAppointment(db_).run(
        {std::move(p.client_id), p.starts_at, p.duration_min, p.registered, std::move(p.location),
         session.staff_id, std::move(p.staff_id), std::move(p.late_reason), now_()});
    if (planned.status == ActionStatus::not_found)
        return json_error(404, "unknown_client", "No such client.");
    if (planned.status == ActionStatus::refused) return refusal(409, planned.result);
    if (on_commit_) on_commit_();
    return json_response(201, json{{"id", planned.appointment_id},
                                   {"checkin_code", planned.checkin_code},
                                   {"kind", planned.first ? "first" : "regular"},
                                   {"registered", planned.registered},
                                   {"result", rule_json(planned.result)}}
                                  .dump());
}

}  // namespace onthaal::http
