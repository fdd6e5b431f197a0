#include "kiosk_ui/agent_routes.hpp"

#include <nlohmann/json.hpp>

#include "local_store/migrations.hpp"

namespace onthaal::http {

HttpResponse AgentRoutes::handle(const HttpRequest& request) {
    const std::string_view path = request.path();
    const bool is_read = request.method == "GET" || request.method == "HEAD";
    if (path == "/healthz" || path == "/api/v1/status") {
        if (!is_read) return json_error(405, "method_not_allowed", "Use GET for this address.");
        return path == "/healthz" ? health() : status();
    }
    return json_error(404, "not_found", "There is nothing at this address.");
}

HttpResponse AgentRoutes::health() {
    // A trivial query proves the store still answers, not only the process.
    store_.query_int64("SELECT 1");
    return json_response(200, R"({"status":"ok"})");
}

HttpResponse AgentRoutes::status() {
    nlohmann::json body = {
        {"site_id", config_.site_id},
        {"role", config_.role},
        {"schema_version", store::schema_version(store_)},
        {"pending_mutations",
         store_.query_int64("SELECT count(*) FROM outbox WHERE state = 'pending'")},
        {"quarantined_mutations",
         store_.query_int64("SELECT count(*) FROM outbox WHERE state = 'quarantined'")},
    };
    return json_response(200, body.dump());
}

}  // namespace onthaal::http
