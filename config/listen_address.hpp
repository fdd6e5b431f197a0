// HOST:PORT parsing for the "listen" setting and central's --listen flag.
// Pure; thread-safe. Failure: parse_listen_address returns std::nullopt and fills `why`.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace onthaal::config {

struct ListenAddress {
    std::string host;    // IPv4 literal, IPv6 literal without brackets, or "localhost"
    std::uint16_t port;  // 0 asks the system for a free port
};

// Accepts "127.0.0.1:8080", "[::1]:0", "localhost:9000", "0.0.0.0:80".
std::optional<ListenAddress> parse_listen_address(std::string_view text, std::string& why);

// True for 127.0.0.0/8, ::1 and "localhost".
bool is_loopback_host(std::string_view host);

}  // namespace onthaal::config
