#include "central/central_routes.hpp"

namespace onthaal::central {

http::HttpResponse CentralRoutes::handle(const http::HttpRequest& request) {
    if (request.path() == "/healthz") {
        if (request.method != "GET" && request.method != "HEAD") {
            return http::json_error(405, "method_not_allowed", "Use GET for this address.");
        }
        db_.query_int64("SELECT 1");
        return http::json_response(200, R"({"status":"ok"})");
    }
    return http::json_error(404, "not_found", "There is nothing at this address.");
}

}  // namespace onthaal::central
