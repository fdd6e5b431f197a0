// A small HTTP/1.1 client for central's sync API, over plain TCP (loopback only, enforced by the
// configuration) or TLS with certificate and host-name verification.
//
// Every step (resolve, connect, handshake, write, read) runs under one deadline: the request
// timeout plus the long-poll wait the caller asked for. One request per connection; simple and
// robust against half-dead connections on flaky site networks.
// Ownership: owns its own io_context. Thread: one thread uses a client; cancel() may be called
// from any thread (used at shutdown to end a long-poll at once).
// Failure: request() throws TransportError for anything that is not a complete HTTP response
// (refused, reset, timed out, truncated, TLS failure). HTTP error statuses are returned, not
// thrown.
#pragma once

#include <chrono>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>

namespace onthaal::sync {

class TransportError : public std::runtime_error {
  public:
    using std::runtime_error::runtime_error;
};

struct CentralResponse {
    int status = 0;
    std::string body;
    std::optional<std::chrono::seconds> retry_after;
};

struct CentralEndpoint {
    bool tls = false;
    std::string host;
    std::string port;
    std::string base_path;  // without a trailing slash
};

// Parses a central_url (validated by the configuration already). Throws std::invalid_argument.
CentralEndpoint parse_central_url(const std::string& url);

class CentralClient {
  public:
    CentralClient(CentralEndpoint endpoint, std::string bearer_token, std::string ca_file,
                  std::chrono::milliseconds timeout);
    ~CentralClient();
    CentralClient(const CentralClient&) = delete;
    CentralClient& operator=(const CentralClient&) = delete;

    // `path` is relative to the base path, e.g. "/api/v1/sync/pull?cursor=3".
    CentralResponse request(const std::string& method, const std::string& path,
                            const std::string& body = "",
                            std::chrono::milliseconds extra_wait = std::chrono::milliseconds(0));
    void cancel();

  private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
};

}  // namespace onthaal::sync
