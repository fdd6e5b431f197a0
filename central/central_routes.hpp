// Central's HTTP routes (the sync API of docs/sync-protocol.md): hello, push, pull (long-poll).
// Pure request handling over the store; the only asynchrony is a pull that waits in PullWaiters.
//
// Every /api/v1/sync/ route needs "Authorization: Bearer <device token>"; an unknown or revoked
// token gets 401 and nothing else. A device only ever reads and writes its own site.
// Thread: the server's I/O thread, which owns the store connection. Failure: 4xx JSON for bad
// input; store failures propagate and the server answers 500 (the device retries).
#pragma once

#include <optional>

#include "central/change_feed.hpp"
#include "central/pull_waiters.hpp"
#include "local_store/sqlite_database.hpp"
#include "net/http_server.hpp"

namespace onthaal::central {

class CentralRoutes {
  public:
    CentralRoutes(store::Database& db, PullWaiters& waiters) : db_(db), waiters_(waiters) {}
    void handle(const http::HttpRequest& request, const http::Responder& respond);

  private:
    std::optional<DeviceScope> authenticate(const http::HttpRequest& request);
    http::HttpResponse hello(const DeviceScope& device);
    http::HttpResponse push(const DeviceScope& device, const http::HttpRequest& request);
    void pull(const DeviceScope& device, const http::HttpRequest& request,
              const http::Responder& respond);
    void serve_pull(const DeviceScope& device, std::int64_t cursor, std::size_t limit,
                    std::chrono::steady_clock::time_point deadline, const http::Responder& respond);

    store::Database& db_;
    PullWaiters& waiters_;
};

}  // namespace onthaal::central
