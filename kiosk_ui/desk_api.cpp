#include "kiosk_ui/desk_api.hpp"

#include <nlohmann/json.hpp>

#include "domain/first_appointment.hpp"
#include "domain/guidance.hpp"
#include "local_store/desk_store.hpp"
#include "local_store/kiosk_store.hpp"
#include "local_store/sync_access.hpp"
#include "log/event_log.hpp"

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

domain::Date date_of(const std::string& utc_text) {
    const auto instant = domain::parse_instant(utc_text);
    return instant ? domain::brussels_date(*instant) : domain::Date{};
}

// The client's first-appointment history as the rules engine reads it.
struct ClientHistory {
    std::vector<domain::CompletedFirstAppointment> completed;
    domain::GuidanceFacts facts;
};

ClientHistory client_history(store::DeskStore& store, const std::string& client_id,
                             const std::string& programme) {
    ClientHistory h;
    h.facts.programme = domain::parse_programme(programme);
    for (const auto& e : store.first_history(client_id)) {
        const auto outcome = domain::parse_first_outcome(e.kind);
        if (!outcome) continue;
        h.completed.push_back({*outcome, e.registered});
        if (!h.facts.first_appointment_on)
            h.facts.first_appointment_on = date_of(e.appointment_starts_at);
        if (*outcome == domain::FirstOutcome::present)
            h.facts.present_on = date_of(e.appointment_starts_at);
        else
            h.facts.last_absence_on = date_of(e.appointment_starts_at);
    }
    h.facts.first = domain::fold_first_appointments(h.completed);
    return h;
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
                std::chrono::seconds(config.desk_login_pause_s)) {}

HttpResponse DeskApi::handle(const HttpRequest& request) {
    const std::string path(request.path());
    if (path == "/api/v1/desk/login") {
        return request.method == "POST" ? login(request)
                                        : json_error(405, "method_not_allowed", "Use POST.");
    }
    const std::string token = cookie_value(request.header("cookie"), kCookie);
    const auto session = token.empty() ? std::nullopt : sessions_.find(token, now_());
    if (!session) return json_error(401, "not_signed_in", "Please sign in.");
    const bool change = request.method != "GET" && request.method != "HEAD";
    if (change && request.header("x-csrf-token") != session->csrf_token) {
        return json_error(403, "csrf",
                          "This request is missing its security token; reload the page.");
    }
    if (path == "/api/v1/desk/logout" && change) {
        sessions_.logout(token);
        HttpResponse r = json_response(200, R"({"status":"signed_out"})");
        r.set_header("Set-Cookie",
                     std::string(kCookie) + "=; HttpOnly; SameSite=Strict; Path=/; Max-Age=0");
        return r;
    }
    if (path == "/api/v1/desk/today" && !change) return today();
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
        const std::string id =
            path.substr(conflicts.size(), path.size() - conflicts.size() - reviewed.size());
        if (!store::DeskStore(db_).mark_conflict_reviewed(id, session->staff_id,
                                                          domain::format_instant(now_()))) {
            return json_error(404, "unknown_conflict", "No open conflict with this id.");
        }
        return json_response(200, R"({"status":"reviewed"})");
    }
    const std::string prefix = "/api/v1/desk/appointments/", suffix = "/outcome";
    if (change && path.starts_with(prefix) && path.ends_with(suffix) &&
        path.size() > prefix.size() + suffix.size()) {
        return complete(path.substr(prefix.size(), path.size() - prefix.size() - suffix.size()),
                        request, *session);
    }
    return json_error(404, "not_found", "There is nothing at this address.");
}

HttpResponse DeskApi::login(const HttpRequest& request) {
    json body;
    try {
        body = json::parse(request.body);
    } catch (const json::parse_error&) {
        return json_error(400, "bad_request", "The body must be JSON.");
    }
    if (!body.is_object() || !body.contains("username") || !body["username"].is_string() ||
        !body.contains("password") || !body["password"].is_string() ||
        body["password"].get<std::string>().size() > 512) {
        return json_error(400, "bad_request", "Send {\"username\": ..., \"password\": ...}.");
    }
    LoginFailure why = LoginFailure::wrong_credentials;
    const auto session = sessions_.login(body["username"], body["password"], now_(), why);
    if (!session) {
        return why == LoginFailure::paused
                   ? json_error(429, "login_paused",
                                "Too many wrong passwords; wait a minute and try again.")
                   : json_error(401, "wrong_credentials", "Wrong username or password.");
    }
    HttpResponse r = json_response(
        200, json{{"staff_name", session->staff_name}, {"csrf_token", session->csrf_token}}.dump());
    r.set_header("Set-Cookie", std::string(kCookie) + "=" + session->token +
                                   "; HttpOnly; SameSite=Strict; Path=/");
    return r;
}

HttpResponse DeskApi::today() {
    const domain::Instant now = now_();
    const domain::Date day = domain::brussels_date(now);
    const auto from = domain::brussels_day_start(day);
    const auto to =
        domain::brussels_day_start(domain::Date(std::chrono::sys_days(day) + std::chrono::days(1)));
    store::DeskStore store(db_);
    json list = json::array();
    for (const auto& a :
         store.appointments_between(domain::format_instant(from), domain::format_instant(to))) {
        const ClientHistory history = client_history(store, a.client_id, a.programme);
        json guidance = json::array();
        for (const auto& g : domain::client_guidance(history.facts))
            guidance.push_back(rule_json(g));
        const auto start = domain::parse_instant(a.starts_at);
        const auto arrived =
            a.checked_in_at ? domain::parse_instant(*a.checked_in_at) : std::nullopt;
        list.push_back({{"id", a.id},
                        {"client_id", a.client_id},
                        {"time", start ? domain::brussels_time_of_day(*start) : ""},
                        {"duration_min", a.duration_min},
                        {"client_name", a.client_name},
                        {"programme", a.programme},
                        {"staff_name", a.staff_name},
                        {"location", a.location},
                        {"kind", a.kind},
                        {"registered", a.registered},
                        {"outcome", a.outcome ? json(*a.outcome) : json(nullptr)},
                        {"checked_in_at",
                         arrived ? json(domain::brussels_time_of_day(*arrived)) : json(nullptr)},
                        {"guidance", guidance}});
    }
    const auto sync = store::SyncAccess(db_).status();
    json conflicts = json::array();
    for (const auto& c : store.open_conflicts()) {
        conflicts.push_back({{"mutation_id", c.mutation_id},
                             {"entity", c.entity},
                             {"entity_id", c.entity_id},
                             {"reason", c.reason},
                             {"message", c.message},
                             {"detected_at", c.detected_at}});
    }
    auto opt = [](const std::optional<std::string>& v) { return v ? json(*v) : json(nullptr); };
    const std::string light = config_.central_url.empty()                       ? "grey"
                              : sync.state == "online" && sync.quarantined == 0 ? "green"
                              : sync.state == "device_not_authorised"           ? "red"
                                                                                : "amber";
    return json_response(200, json{{"date", domain::format_date(day)},
                                   {"appointments", list},
                                   {"sync",
                                    {{"light", light},
                                     {"state", sync.state},
                                     {"pending", sync.pending},
                                     {"quarantined", sync.quarantined},
                                     {"last_success_at", opt(sync.last_success_at)},
                                     {"last_error", opt(sync.last_error)}}},
                                   {"conflicts", conflicts}}
                                  .dump());
}

HttpResponse DeskApi::complete(const std::string& appointment_id, const HttpRequest& request,
                               const DeskSession& session) {
    json body;
    try {
        body = json::parse(request.body);
    } catch (const json::parse_error&) {
        return json_error(400, "bad_request", "The body must be JSON.");
    }
    const auto outcome = body.is_object() && body.contains("outcome") && body["outcome"].is_string()
                             ? domain::parse_first_outcome(body["outcome"].get<std::string>())
                             : std::nullopt;
    if (!outcome)
        return json_error(400, "bad_request",
                          "outcome must be present, absent_valid, absent_invalid or reschedule.");
    const bool mediator_absent = body.is_object() && body.value("mediator_absent", false);
    store::DeskStore desk(db_);
    const auto a = desk.appointment(appointment_id);
    if (!a) return json_error(404, "unknown_appointment", "No such appointment.");
    if (a->outcome)
        return json_error(409, "appointment.already_completed",
                          "This appointment was already completed.");

    domain::FirstOutcome recorded = *outcome;
    domain::RuleResult result = domain::RuleResult::ok();
    if (a->kind == "first") {
        const ClientHistory history = client_history(desk, a->client_id, a->programme);
        const auto decision = domain::complete_first_appointment(
            history.facts.first, *outcome,
            {date_of(a->starts_at), a->registered, mediator_absent, a->checked_in_at.has_value()});
        if (!decision.result.allowed) {
            return json_response(409, json{{"error",
                                            {{"code", decision.result.reason_code},
                                             {"message", decision.result.message_en}}},
                                           {"result", rule_json(decision.result)}}
                                          .dump());
        }
        recorded = decision.recorded;
        result = decision.result;
    } else if (*outcome == domain::FirstOutcome::reschedule && !mediator_absent) {
        result =
            domain::RuleResult::deny("reschedule.only_for_mediator_absence",
                                     "Herinplannen mag alleen als de bemiddelaar zelf afwezig is.",
                                     "Rescheduling is only for the mediator's own absence.");
        return json_response(
            409, json{{"error", {{"code", result.reason_code}, {"message", result.message_en}}},
                      {"result", rule_json(result)}}
                     .dump());
    }
    store::KioskStore facts(db_);
    const auto view = facts.appointment_by_id(appointment_id);
    facts.record_attendance(*view, std::string(domain::to_string(recorded)),
                            domain::format_instant(now_()), session.staff_id, mediator_absent);
    log::info("desk.completed", {{"appointment_id", appointment_id},
                                 {"outcome", std::string(domain::to_string(recorded))}});
    if (on_commit_) on_commit_();
    const ClientHistory after = client_history(desk, a->client_id, a->programme);
    json guidance = json::array();
    for (const auto& g : domain::client_guidance(after.facts)) guidance.push_back(rule_json(g));
    return json_response(200, json{{"recorded", domain::to_string(recorded)},
                                   {"result", rule_json(result)},
                                   {"guidance", guidance}}
                                  .dump());
}

// Plans the client's next appointment. While the first appointment was never completed as
// present, the next one is again a first appointment, registered when the rules say so.
HttpResponse DeskApi::plan(const HttpRequest& request, const DeskSession& session) {
    json body;
    try {
        body = json::parse(request.body);
    } catch (const json::parse_error&) {
        return json_error(400, "bad_request", "The body must be JSON.");
    }
    const auto text = [&](const char* f) {
        return body.is_object() && body.contains(f) && body[f].is_string()
                   ? body[f].get<std::string>()
                   : std::string();
    };
    const auto starts = domain::parse_instant(text("starts_at"));
    const long duration = body.is_object() && body.contains("duration_min") &&
                                  body["duration_min"].is_number_integer()
                              ? body["duration_min"].get<long>()
                              : 0;
    if (!starts || duration < 1 || duration > 1440 || !body.contains("registered") ||
        !body["registered"].is_boolean() || text("location").size() > 200) {
        return json_error(
            400, "bad_request",
            "Send client_id, starts_at (ISO 8601 with offset), duration_min (1-1440), "
            "registered (true/false) and location.");
    }
    auto client = db_.cached("SELECT programme, site_id FROM client WHERE id = ?");
    client->bind_all(text("client_id"));
    if (!client->step()) return json_error(404, "unknown_client", "No such client.");
    store::NewAppointment a{"ap-" + store::new_mutation_id().substr(0, 16),
                            client->column_text(1),
                            text("client_id"),
                            session.staff_id,
                            "regular",
                            body["registered"].get<bool>(),
                            domain::format_instant(*starts),
                            duration,
                            text("location"),
                            store::new_checkin_code()};
    store::DeskStore desk(db_);
    const ClientHistory history = client_history(desk, a.client_id, client->column_text(0));
    domain::RuleResult rule = domain::RuleResult::ok();
    if (!history.facts.first.present) {
        a.kind = "first";
        rule = domain::check_next_first_appointment(history.facts.first, a.registered);
        if (!rule.allowed) {
            return json_response(
                409, json{{"error", {{"code", rule.reason_code}, {"message", rule.message_en}}},
                          {"result", rule_json(rule)}}
                         .dump());
        }
    }
    store::plan_appointment(db_, a, domain::format_instant(now_()), session.staff_id);
    log::info(
        "desk.planned",
        {{"appointment_id", a.id}, {"kind", a.kind}, {"registered", a.registered ? "yes" : "no"}});
    if (on_commit_) on_commit_();
    return json_response(201, json{{"id", a.id},
                                   {"checkin_code", a.checkin_code},
                                   {"kind", a.kind},
                                   {"registered", a.registered},
                                   {"result", rule_json(rule)}}
                                  .dump());
}

}  // namespace onthaal::http
