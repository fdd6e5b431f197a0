#include "kiosk_ui/coach_api.hpp"

#include "protocol/json_input.hpp"

namespace onthaal::http {
namespace {

using nlohmann::json;

constexpr std::string_view kClients = "/api/v1/coach/clients/";
constexpr std::string_view kServices = "/api/v1/coach/services/";
constexpr std::string_view kPlans = "/api/v1/coach/work-plans/";
constexpr std::string_view kConflicts = "/api/v1/coach/conflicts/";
constexpr std::string_view kCsv = "/export.csv";
constexpr std::size_t kMaxBody = 32 * 1024;  // a visit with 4,000 bytes of notes fits many times

// The id between `prefix` and `suffix`, or "" when the path is not of that form.
std::string id_between(std::string_view path, std::string_view prefix, std::string_view suffix) {
    if (!path.starts_with(prefix) || !path.ends_with(suffix) ||
        path.size() <= prefix.size() + suffix.size())
        return "";
    const std::string_view id =
        path.substr(prefix.size(), path.size() - prefix.size() - suffix.size());
    return id.find('/') == std::string_view::npos ? std::string(id) : "";
}

json rule_json(const domain::RuleResult& r) {
    return {{"allowed", r.allowed},
            {"reason_code", r.reason_code},
            {"message_nl", r.message_nl},
            {"message_en", r.message_en}};
}

HttpResponse answer(const FieldOutcome& done, const std::function<void()>& on_commit) {
    switch (done.status) {
        case FieldStatus::unknown:
            return json_error(404, "not_found", "Not one of this coach's clients.");
        case FieldStatus::bad_request:
            return json_error(400, "bad_request", done.problem);
        case FieldStatus::refused:
            return json_response(
                409,
                json{{"error",
                      {{"code", done.result.reason_code}, {"message", done.result.message_en}}},
                     {"result", rule_json(done.result)}}
                    .dump());
        case FieldStatus::already_recorded:
            return json_response(200, json{{"id", done.id}, {"duplicate", true}}.dump());
        case FieldStatus::recorded:
            break;
    }
    if (on_commit) on_commit();
    json body = {{"id", done.id}, {"result", rule_json(done.result)}};
    if (!done.record_id.empty()) body["visit_id"] = done.record_id;
    return json_response(201, body.dump());
}

std::optional<HttpResponse> read_routes(std::string_view path, const FieldContext& c) {
    if (path == "/api/v1/coach/caseload") return json_response(200, coach_caseload(c).dump());
    if (const std::string id = id_between(path, kClients, kCsv); !id.empty()) {
        const auto csv = coach_client_csv(c, id);
        if (!csv) return json_error(404, "not_found", "Not one of this coach's clients.");
        HttpResponse r{200, {}, *csv};
        r.set_header("Content-Type", "text/csv; charset=utf-8");
        r.set_header("Content-Disposition",
                     "attachment; filename=\"bezoeken-en-uren-" + id + ".csv\"");
        r.set_header("Cache-Control", "no-store");
        return r;
    }
    if (const std::string id = id_between(path, kClients, ""); !id.empty()) {
        const auto file = coach_client_file(c, id);
        if (!file) return json_error(404, "not_found", "Not one of this coach's clients.");
        return json_response(200, file->dump());
    }
    return std::nullopt;
}

}  // namespace

std::optional<HttpResponse> handle_coach_routes(const HttpRequest& request, const FieldContext& c,
                                                const std::function<void()>& on_commit) {
    const std::string_view path = request.path();
    if (request.method == "GET" || request.method == "HEAD") return read_routes(path, c);
    if (request.method != "POST") return std::nullopt;
    if (request.body.size() > kMaxBody)
        return json_error(413, "too_large", "The body is larger than 32 KiB.");
    const protocol::JsonInput body = protocol::parse_untrusted_json(request.body, 6);
    if (!body.ok()) return json_error(400, "bad_request", "The body is " + body.error + ".");
    if (const std::string id = id_between(path, kServices, "/visits"); !id.empty())
        return answer(record_visit(c, id, body.value), on_commit);
    if (const std::string id = id_between(path, kServices, "/hours"); !id.empty())
        return answer(record_hours(c, id, body.value), on_commit);
    if (const std::string id = id_between(path, kPlans, ""); !id.empty())
        return answer(save_work_plan(c, id, body.value), on_commit);
    if (const std::string id = id_between(path, kConflicts, ""); !id.empty())
        return answer(review_conflict(c, id, body.value), on_commit);
    return std::nullopt;
}

}  // namespace onthaal::http
