#include "config/config_checks.hpp"

#include "config/listen_address.hpp"
#include "domain/types.hpp"
#include "log/event_log.hpp"

namespace onthaal::config {

std::string no_check(const std::string&) {
    return {};
}

std::string check_non_empty(const std::string& value) {
    return value.empty() ? "must not be empty" : "";
}

std::string check_site_id(const std::string& value) {
    if (value.empty()) return "is required: the id of this partner site on central";
    if (value.size() > 64) return "must be at most 64 characters";
    for (char c : value) {
        const bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
                        (c >= '0' && c <= '9') || c == '-' || c == '_';
        if (!ok) return "may hold only letters, digits, - and _";
    }
    return {};
}

std::string check_role(const std::string& value) {
    return domain::parse_device_role(value) ? "" : "must be kiosk, desk or coach";
}

std::string check_queue_prefix(const std::string& value) {
    if (value.size() > 2) return "may hold at most 2 letters";
    for (char c : value)
        if (c < 'A' || c > 'Z') return "may hold only capital letters A to Z";
    return {};
}

std::string check_kiosk_slip(const std::string& value) {
    return value.empty() || value == "58mm" || value == "80mm"
               ? ""
               : "must be 58mm or 80mm (the receipt paper's width), or empty for no slip";
}

std::string check_listen(const std::string& value) {
    std::string why;
    return parse_listen_address(value, why) ? "" : why;
}

std::string check_central_url(const std::string& value) {
    if (value.empty()) return {};
    std::string_view rest;
    bool plain = false;
    if (value.starts_with("https://")) {
        rest = std::string_view(value).substr(8);
    } else if (value.starts_with("http://")) {
        rest = std::string_view(value).substr(7);
        plain = true;
    } else {
        return "must start with https:// (or http:// to a loopback address)";
    }
    const auto slash = rest.find('/');
    const std::string_view authority = rest.substr(0, slash);
    if (authority.empty()) return "has no host";
    std::string host(authority);
    if (host.front() == '[') {
        const auto close = host.find(']');
        if (close == std::string::npos) return "has an unclosed [ in its host";
        host = host.substr(1, close - 1);
    } else if (const auto colon = host.rfind(':'); colon != std::string::npos) {
        host = host.substr(0, colon);
    }
    if (plain && !is_loopback_host(host)) {
        return "uses plain http:// to a non-loopback host; use https:// (tokens and personal data "
               "must not cross the network unencrypted)";
    }
    return {};
}

std::string check_log_level(const std::string& value) {
    log::Level level;
    return log::parse_level(value, level) ? "" : "must be debug, info, warn or error";
}

}  // namespace onthaal::config
