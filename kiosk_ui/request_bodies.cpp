#include "kiosk_ui/request_bodies.hpp"

#include <nlohmann/json.hpp>

#include "protocol/json_input.hpp"

namespace onthaal::http {
namespace {

using nlohmann::json;

template <class Request>
BodyRead<Request> refused(std::string message) {
    return {std::nullopt, std::move(message)};
}

// The string at `field` when it is one of at most `max_bytes`.
std::optional<std::string> short_text(const json& body, const char* field, std::size_t max_bytes) {
    const auto it = body.find(field);
    if (it == body.end() || !it->is_string() ||
        it->get_ref<const std::string&>().size() > max_bytes)
        return std::nullopt;
    return it->get<std::string>();
}

}  // namespace

BodyRead<CheckinBody> read_checkin_body(std::string_view text) {
    const protocol::JsonInput in = protocol::parse_untrusted_json(text);
    if (!in.ok()) return refused<CheckinBody>("The body must be JSON.");
    const json& body = in.value;
    if (!body.is_object()) return refused<CheckinBody>("The body must be a JSON object.");
    CheckinBody request;
    if (body.contains("screen")) {
        auto screen = short_text(body, "screen", 64);
        if (!screen) return refused<CheckinBody>("screen must be a text of at most 64 characters.");
        request.screen = std::move(*screen);
    }
    // A code wins over a number; one that is not a short string falls back to the number.
    if (auto code = short_text(body, "code", 64)) {
        request.code = std::move(code);
    } else if (auto number = short_text(body, "national_number", 32)) {
        request.national_number = std::move(number);
    } else {
        return refused<CheckinBody>("Send {\"code\": ...} or {\"national_number\": ...}.");
    }
    return {std::move(request), ""};
}

BodyRead<LoginBody> read_login_body(std::string_view text) {
    const protocol::JsonInput in = protocol::parse_untrusted_json(text);
    if (!in.ok()) return refused<LoginBody>("The body must be JSON.");
    const json& body = in.value;
    const auto username =
        body.is_object() ? short_text(body, "username", std::string::npos) : std::nullopt;
    const auto password = body.is_object() ? short_text(body, "password", 512) : std::nullopt;
    if (!username || !password)
        return refused<LoginBody>("Send {\"username\": ..., \"password\": ...}.");
    return {LoginBody{*username, *password}, ""};
}

BodyRead<OutcomeBody> read_outcome_body(std::string_view text) {
    const json body = protocol::parse_untrusted_json(text).value;  // null when refused
    const auto name =
        body.is_object() ? short_text(body, "outcome", std::string::npos) : std::nullopt;
    const auto outcome = name ? domain::parse_first_outcome(*name) : std::nullopt;
    if (!outcome)
        return refused<OutcomeBody>(
            "outcome must be present, absent_valid, absent_invalid or reschedule.");
    const auto absent = body.find("mediator_absent");
    const bool mediator_absent =
        absent != body.end() && absent->is_boolean() && absent->get<bool>();
    return {OutcomeBody{*outcome, mediator_absent}, ""};
}

BodyRead<PlanBody> read_plan_body(std::string_view text) {
    const json body = protocol::parse_untrusted_json(text).value;  // null when refused
    const auto field = [&](const char* name) {
        return body.is_object() ? short_text(body, name, std::string::npos).value_or("") : "";
    };
    const auto starts = domain::parse_instant(field("starts_at"));
    const auto duration = body.is_object() ? body.find("duration_min") : body.end();
    const auto registered = body.is_object() ? body.find("registered") : body.end();
    // A whole number past INT64_MAX wraps to a negative one, refused with the rest.
    const std::int64_t minutes =
        duration != body.end() && duration->is_number_integer() ? duration->get<std::int64_t>() : 0;
    const std::string location = field("location"), reason = field("late_reason");
    if (!starts || minutes < 1 || minutes > 1440 || registered == body.end() ||
        !registered->is_boolean() || location.size() > 200 || reason.size() > 500) {
        return refused<PlanBody>(
            "Send client_id, starts_at (ISO 8601 with offset), duration_min (1-1440), "
            "registered (true/false), location, and optionally staff_id and late_reason.");
    }
    return {PlanBody{field("client_id"), *starts, minutes, registered->get<bool>(), location,
                     field("staff_id"), reason},
            ""};
}

}  // namespace onthaal::http
