// Central's HTTP routes (the sync API of docs/sync-protocol.md): hello, push, pull (long-poll).
// Request handling over the store; a pull that finds nothing waits in PullWaiters, and a push is
// applied on the PushWorker's thread, so neither holds up the I/O thread.
//
// Every /api/v1/sync/ route needs "Authorization: Bearer <device token>"; an unknown or revoked
// token gets 401 and nothing else. A device only ever reads and writes its own site.
// Thread: the server's I/O thread, which owns the store connection it reads with. Failure: 4xx JSON
// for bad input; store failures propagate and the server answers 500 (the device retries).
#pragma once

#include <functional>
#include <optional>

#include "central/change_feed.hpp"
#include "central/pull_waiters.hpp"
#include "central/push_worker.hpp"
#include "local_store/note_seal.hpp"
#include "net/http_server.hpp"

namespace onthaal::central {

class CentralRoutes {
  public:
    // Runs a task later on the I/O thread (boost::asio::post in the server).
    using Poster = std::function<void(std::function<void()>)>;

    // With a PushWorker (and a poster), pushes are applied on the worker's thread and answered on
    // the I/O thread; without one, inline (tests). `notes_public_key` (notes_key.hpp) goes
    // to every device in the hello answer; without one the hello has no notes_public_key.
    CentralRoutes(CentralStore& store, PullWaiters& waiters, PushWorker* pushes = nullptr,
                  Poster post = {}, std::optional<store::PublicKey> notes_public_key = std::nullopt)
        : store_(store),
          waiters_(waiters),
          pushes_(pushes),
          post_(std::move(post)),
          notes_public_key_(notes_public_key) {}
    void handle(const http::HttpRequest& request, const http::Responder& respond);

  private:
    std::optional<DeviceScope> authenticate(const http::HttpRequest& request);
    http::HttpResponse hello(const DeviceScope& device);
    void push(const DeviceScope& device, const http::HttpRequest& request,
              const http::Responder& respond);
    void pull(const DeviceScope& device, const http::HttpRequest& request,
              const http::Responder& respond);
    void serve_pull(const DeviceScope& device, std::int64_t cursor, std::size_t limit,
                    std::chrono::steady_clock::time_point deadline, const http::Responder& respond);

    CentralStore& store_;
    PullWaiters& waiters_;
    PushWorker* pushes_;
    Poster post_;
    std::optional<store::PublicKey> notes_public_key_;
};

}  // namespace onthaal::central
