// The desk's routes for a client's file and service (issue 13), under the desk's session:
//   GET  /api/v1/desk/clients?q=TEXT         search by name
//   GET  /api/v1/desk/clients/ID             the client's file (service_desk.hpp: client_file)
//   GET  /api/v1/desk/to-close               services to close, soonest deadline first
//   POST /api/v1/desk/services/ID/facts      record a fact under the rules (201, 409, 400, 404)
// DeskApi calls handle_service_routes after its session and CSRF checks.
//
// Thread: the agent's I/O thread. Failure: 4xx JSON for bad input and refused rules; StoreError
// propagates (500).
#pragma once

#include <functional>
#include <optional>
#include <string>

#include "domain/time_text.hpp"
#include "local_store/sqlite_database.hpp"
#include "net/http_message.hpp"

namespace onthaal::http {

struct ServiceRouteContext {
    store::Database& db;
    const std::string& staff_id;  // the signed-in staff member
    domain::Instant now;
    const std::function<void()>& on_commit;  // wakes the sync worker after a recorded fact
};

// The response, or nullopt when the request is for none of these routes.
std::optional<HttpResponse> handle_service_routes(const HttpRequest& request,
                                                  const ServiceRouteContext& context);

}  // namespace onthaal::http
