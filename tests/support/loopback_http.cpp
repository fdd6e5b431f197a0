#include "tests/support/loopback_http.hpp"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cctype>
#include <stdexcept>

namespace onthaal::test_support {
namespace {

void parse_response(const std::string& raw, RawHttpResponse& response) {
    const auto header_end = raw.find("\r\n\r\n");
    if (raw.rfind("HTTP/1.", 0) != 0 || header_end == std::string::npos) return;
    response.status = std::stoi(raw.substr(9, 3));
    size_t pos = raw.find("\r\n") + 2;
    while (pos < header_end) {
        const size_t eol = raw.find("\r\n", pos);
        const std::string line = raw.substr(pos, eol - pos);
        const auto colon = line.find(':');
        if (colon != std::string::npos) {
            std::string name = line.substr(0, colon);
            for (char& c : name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
            response.headers[name] = line.substr(line.find_first_not_of(' ', colon + 1));
        }
        pos = eol + 2;
    }
    response.body = raw.substr(header_end + 4);
    // Keep-alive: bytes past Content-Length belong to the next response.
    if (const auto it = response.headers.find("content-length"); it != response.headers.end()) {
        const auto length = std::stoul(it->second);
        if (response.body.size() > length) response.body.resize(length);
    }
}

bool complete(const std::string& raw) {
    const auto header_end = raw.find("\r\n\r\n");
    if (header_end == std::string::npos) return false;
    RawHttpResponse probe;
    parse_response(raw, probe);
    const auto it = probe.headers.find("content-length");
    return it != probe.headers.end() && probe.body.size() >= std::stoul(it->second);
}

}  // namespace

RawHttpResponse send_raw(std::uint16_t port, const std::string& raw,
                         std::chrono::milliseconds timeout) {
    const int fd = socket(AF_INET, SOCK_STREAM, 0);
    if (fd < 0) throw std::runtime_error("socket failed");
    timeval tv{static_cast<time_t>(timeout.count() / 1000),
               static_cast<suseconds_t>((timeout.count() % 1000) * 1000)};
    setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
    setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &tv, sizeof tv);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_port = htons(port);
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    RawHttpResponse response;
    if (connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0) {
        close(fd);
        throw std::runtime_error("connect to port " + std::to_string(port) + " failed");
    }
    size_t sent = 0;
    while (sent < raw.size()) {
        const ssize_t n = send(fd, raw.data() + sent, raw.size() - sent, MSG_NOSIGNAL);
        if (n <= 0) break;  // the server may close early (e.g. 413); still read its answer
        sent += static_cast<size_t>(n);
    }
    std::string received;
    char chunk[8192];
    while (!complete(received)) {
        const ssize_t n = recv(fd, chunk, sizeof chunk, 0);
        if (n <= 0) break;
        received.append(chunk, static_cast<size_t>(n));
    }
    close(fd);
    parse_response(received, response);
    response.connection_closed_without_reply = received.empty();
    return response;
}

RawHttpResponse http_get(std::uint16_t port, const std::string& target) {
    return send_raw(port,
                    "GET " + target + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n");
}

RawHttpResponse http_post(std::uint16_t port, const std::string& target, const std::string& body,
                          const std::string& content_type) {
    return send_raw(port, "POST " + target +
                              " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n"
                              "Content-Type: " +
                              content_type + "\r\nContent-Length: " + std::to_string(body.size()) +
                              "\r\n\r\n" + body);
}

std::uint16_t port_from_listening_line(const std::string& line) {
    if (line.rfind("listening on http://", 0) != 0 && line.rfind("listening on https://", 0) != 0)
        return 0;
    const auto colon = line.rfind(':');
    try {
        return static_cast<std::uint16_t>(std::stoi(line.substr(colon + 1)));
    } catch (...) {
        return 0;
    }
}

}  // namespace onthaal::test_support
