#include "config/listen_address.hpp"

#include <arpa/inet.h>

#include <charconv>

namespace onthaal::config {
namespace {

bool is_ip_literal(const std::string& host) {
    unsigned char buf[sizeof(struct in6_addr)];
    return inet_pton(AF_INET, host.c_str(), buf) == 1 ||
           inet_pton(AF_INET6, host.c_str(), buf) == 1;
}

}  // namespace

std::optional<ListenAddress> parse_listen_address(std::string_view text, std::string& why) {
    const auto colon = text.rfind(':');
    if (colon == std::string_view::npos || colon == 0 || colon + 1 == text.size()) {
        why = "expected HOST:PORT, e.g. 127.0.0.1:8080";
        return std::nullopt;
    }
    std::string host(text.substr(0, colon));
    const std::string_view port_text = text.substr(colon + 1);
    if (host.front() == '[') {
        if (host.back() != ']') {
            why = "an IPv6 host must be written in brackets, e.g. [::1]:8080";
            return std::nullopt;
        }
        host = host.substr(1, host.size() - 2);
    }
    unsigned port = 0;
    const auto [end, ec] =
        std::from_chars(port_text.data(), port_text.data() + port_text.size(), port);
    if (ec != std::errc() || end != port_text.data() + port_text.size() || port > 65535) {
        why = "port must be a number from 0 to 65535";
        return std::nullopt;
    }
    if (host != "localhost" && !is_ip_literal(host)) {
        why = "host must be an IP address or localhost (no name lookups at start-up)";
        return std::nullopt;
    }
    return ListenAddress{host, static_cast<std::uint16_t>(port)};
}

bool is_loopback_host(std::string_view host) {
    if (host == "localhost" || host == "::1") return true;
    std::string h(host);
    unsigned char buf[4];
    return inet_pton(AF_INET, h.c_str(), buf) == 1 && buf[0] == 127;
}

}  // namespace onthaal::config
