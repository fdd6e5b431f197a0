#include "kiosk_ui/service_desk_api.hpp"

#include <nlohmann/json.hpp>

#include "kiosk_ui/service_desk.hpp"
#include "protocol/json_input.hpp"

namespace onthaal::http {
namespace {

using nlohmann::json;

constexpr std::string_view kClients = "/api/v1/desk/clients";
constexpr std::string_view kServices = "/api/v1/desk/services/";
constexpr std::string_view kFacts = "/facts";
constexpr std::size_t kMaxFactBody = 64 * 1024;  // a sheet's text fits many times over

json rule_json(const domain::RuleResult& r) {
    json signals = json::array();  // what VDAB is told: a late first sheet, GLOW ending
    for (const auto& sig : r.signals)
        signals.push_back({{"code", sig.code}, {"message_nl", sig.message_nl}});
    return {{"allowed", r.allowed},
            {"reason_code", r.reason_code},
            {"message_nl", r.message_nl},
            {"message_en", r.message_en},
            {"signals", signals}};
}

HttpResponse record_fact(const std::string& service_id, const HttpRequest& request,
                         const ServiceRouteContext& c) {
    if (request.body.size() > kMaxFactBody)
        return json_error(413, "too_large", "The fact is larger than 64 KiB.");
    const protocol::JsonInput body = protocol::parse_untrusted_json(request.body, 8);
    if (!body.ok()) return json_error(400, "bad_request", "The body is " + body.error + ".");
    const FactOutcome done = RecordServiceFact(c.db).run(service_id, body.value, c.staff_id, c.now);
    switch (done.status) {
        case FactStatus::unknown_service:
            return json_error(404, "unknown_service", "No such service.");
        case FactStatus::bad_request:
            return json_error(400, "bad_request", done.problem);
        case FactStatus::refused:
            return json_response(
                409,
                json{{"error",
                      {{"code", done.result.reason_code}, {"message", done.result.message_en}}},
                     {"result", rule_json(done.result)}}
                    .dump());
        case FactStatus::already_recorded:
            return json_response(
                200, json{{"id", done.id}, {"duplicate", true}, {"state", done.state}}.dump());
        case FactStatus::recorded:
            break;
    }
    if (c.on_commit) c.on_commit();
    return json_response(
        201,
        json{{"id", done.id}, {"result", rule_json(done.result)}, {"state", done.state}}.dump());
}

std::optional<HttpResponse> read_routes(const HttpRequest& request, std::string_view path,
                                        const ServiceRouteContext& c) {
    if (path == kClients)
        return json_response(
            200, search_clients(c.db, request.query_parameter("q").substr(0, 100), c.now).dump());
    if (path == "/api/v1/desk/to-close")
        return json_response(200, services_to_close(c.db, c.now).dump());
    if (path.starts_with(kClients) && path.size() > kClients.size() + 1 &&
        path[kClients.size()] == '/') {
        const std::string id(path.substr(kClients.size() + 1));
        const auto file = client_file(c.db, id, c.now);
        if (!file) return json_error(404, "unknown_client", "No such client.");
        return json_response(200, file->dump());
    }
    return std::nullopt;
}

}  // namespace

std::optional<HttpResponse> handle_service_routes(const HttpRequest& request,
                                                  const ServiceRouteContext& c) {
    const std::string_view path = request.path();
    const bool change = request.method != "GET" && request.method != "HEAD";
    if (!change) return read_routes(request, path, c);
    if (request.method == "POST" && path.starts_with(kServices) && path.ends_with(kFacts) &&
        path.size() > kServices.size() + kFacts.size()) {
        const std::string id(
            path.substr(kServices.size(), path.size() - kServices.size() - kFacts.size()));
        return record_fact(id, request, c);
    }
    return std::nullopt;
}

}  // namespace onthaal::http
