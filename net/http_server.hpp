// HTTP/1.1 server on Boost.Beast: accepts connections, reads requests within limits, hands each
// to a pure handler and writes its response. Beast stays inside http_server.cpp.
//
// Threading: all socket work and every handler call run on the io_context's thread(s); the
// agent runs one thread, so handlers need no locking among themselves.
// Limits: header and body size, a deadline on every read and write (expires_after), keep-alive
// connections closed after the same timeout of silence, a cap on simultaneous connections (at
// the cap, the connection that has waited longest for a request head is closed for a new one; a
// request in progress is never cut), a share per source address.
// Failure: listen() throws std::runtime_error when the address cannot be bound. A malformed or
// oversized request gets a 4xx JSON error and the connection is closed; the server never crashes
// on input. A handler that throws yields a 500 with no detail (the detail goes to the log).
#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <string_view>

#include "config/listen_address.hpp"
#include "net/http_message.hpp"

namespace boost::asio {
class io_context;
}

namespace onthaal::http {

struct ServerLimits {
    std::size_t header_limit_bytes = 8 * 1024;
    std::size_t body_limit_bytes = 64 * 1024;
    std::chrono::milliseconds io_timeout{10000};
    // The request head (line and headers) must arrive within this: a client that opens
    // connections and trickles their heads (slowloris) holds each for at most this long (or
    // io_timeout, when that is shorter).
    std::chrono::milliseconds head_timeout{5000};
    // At this many, a new connection takes the place of the one idle longest (waiting for a
    // request head); when every connection has a request in progress, it is refused.
    std::size_t max_connections = 256;
    // Connections one source address may hold at once, so one client cannot take the others'
    // places. A site's browsers and displays need a handful each; on a kiosk that listens on
    // loopback every local client shares 127.0.0.1, hence room for 64 (the check-in benchmark
    // runs 50 at once).
    std::size_t max_connections_per_source = 64;
};

// What the server makes of the bytes one client sent before closing its side, with the parser,
// limits and refusals of a live connection and no socket: the fuzz target (fuzz/) drives the
// server's request reading through it. `bytes` may hold further pipelined requests after the
// first; `consumed` says where the next one starts.
struct RequestParse {
    enum class Outcome {
        request,  // a whole request, as a handler would get it
        refused,  // the server answers `refusal` (4xx) and closes
        closed,   // the server closes without answering (nothing, or nothing more, was sent)
    };
    Outcome outcome = Outcome::closed;
    HttpRequest request;
    bool keep_alive = false;  // for a request: whether the connection stays open after it
    HttpResponse refusal;
    std::size_t consumed = 0;  // bytes of `bytes` the parser used
};
RequestParse parse_request(std::string_view bytes, const ServerLimits& limits);

using RequestHandler = std::function<HttpResponse(const HttpRequest&)>;

// For answers that come later (long-poll): the handler keeps `respond` and calls it exactly once,
// on the io_context's thread. The connection waits without a read/write deadline meanwhile, so the
// handler must bound the wait itself (a timer).
using Responder = std::function<void(HttpResponse)>;
using DeferredRequestHandler = std::function<void(const HttpRequest&, Responder respond)>;

// Runs `io` until it is stopped (or has no work left). An exception thrown out of a completion
// handler ends only the operation that threw, which drops its connection: it is logged and the
// loop goes on, so no single request can stop the process. The agent and central both run their
// I/O thread with it. Thread: the caller's, which becomes the I/O thread.
void run_until_stopped(boost::asio::io_context& io);

class HttpServer {
  public:
    HttpServer(boost::asio::io_context& io, ServerLimits limits, RequestHandler handler);
    HttpServer(boost::asio::io_context& io, ServerLimits limits, DeferredRequestHandler handler);
    ~HttpServer();
    HttpServer(const HttpServer&) = delete;
    HttpServer& operator=(const HttpServer&) = delete;

    // Serves HTTPS only, with this PEM certificate chain and key; call before listen. Throws
    // std::runtime_error naming the file that cannot be read or does not match.
    void use_tls(const std::string& cert_file, const std::string& key_file);
    // Binds and starts accepting. Returns the bound port (the real one when 0 was asked).
    std::uint16_t listen(const config::ListenAddress& address);
    // Stops accepting; open connections finish their current exchange and close.
    void stop();

    struct Impl;  // defined in http_server.cpp; public only so its connection type can name it

  private:
    std::shared_ptr<Impl> impl_;
};

}  // namespace onthaal::http
