// Central's HTTP routes as a pure function of the request (no sockets).
// Thread: the server's I/O thread, which owns the store connection. Failure: 4xx JSON for bad
// input; store failures propagate and become a 500.
#pragma once

#include "kiosk_ui/http_message.hpp"
#include "local_store/sqlite_database.hpp"

namespace onthaal::central {

class CentralRoutes {
public:
    explicit CentralRoutes(store::Database& db) : db_(db) {}
    http::HttpResponse handle(const http::HttpRequest& request);

private:
    store::Database& db_;
};

}  // namespace onthaal::central
