// A signed-in desk session against a real agent on loopback: the cookie and CSRF token the desk
// page would hold, and requests that carry them.
#pragma once

#include <cstdint>
#include <nlohmann/json.hpp>
#include <string>

#include "tests/support/loopback_http.hpp"

namespace onthaal::test_support {

struct DeskClient {
    std::uint16_t port = 0;
    std::string cookie;  // empty when the sign-in failed
    std::string csrf;

    RawHttpResponse post(const std::string& path, const std::string& body,
                         bool with_csrf = true) const;
    RawHttpResponse get(const std::string& path) const;
};

// The desk user the integration tests import: staff st1, "Els Peeters", username els, password
// kDeskPassword (an import record, docs/import-format.md).
inline constexpr const char* kDeskPassword = "correct-horse-1";
nlohmann::json desk_staff_record();

// Signs in as `username`; the cookie stays empty when the agent refused.
DeskClient sign_in(std::uint16_t port, const std::string& password,
                   const std::string& username = "els");

}  // namespace onthaal::test_support
