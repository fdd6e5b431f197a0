// A deliberately simple blocking HTTP/1.1 client for tests against a real server on loopback:
// it sends the exact bytes given, so tests can also send malformed or oversized requests.
#pragma once

#include <chrono>
#include <cstdint>
#include <map>
#include <string>

namespace onthaal::test_support {

struct RawHttpResponse {
    int status = 0;                              // 0 when no status line arrived
    std::map<std::string, std::string> headers;  // names in lower case
    std::string body;
    bool connection_closed_without_reply = false;
};

// Sends `raw` to 127.0.0.1:port and reads one response (Content-Length framed, or until close).
RawHttpResponse send_raw(std::uint16_t port, const std::string& raw,
                         std::chrono::milliseconds timeout = std::chrono::seconds(10));

// GET/POST helpers that build a well-formed request with Connection: close.
RawHttpResponse http_get(std::uint16_t port, const std::string& target);
RawHttpResponse http_post(std::uint16_t port, const std::string& target, const std::string& body,
                          const std::string& content_type = "application/json");

// Parses "listening on http://HOST:PORT" and returns PORT, or 0 when the line does not match.
std::uint16_t port_from_listening_line(const std::string& line);

}  // namespace onthaal::test_support
