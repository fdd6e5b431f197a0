#include "tests/support/desk_client.hpp"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

namespace onthaal::test_support {

RawHttpResponse DeskClient::post(const std::string& path, const std::string& body,
                                 bool with_csrf) const {
    return send_raw(port, "POST " + path +
                              " HTTP/1.1\r\nHost: x\r\nOrigin: http://x\r\nConnection: close\r\n"
                              "Content-Type: application/json\r\n" +
                              (cookie.empty() ? "" : "Cookie: onthaal_desk=" + cookie + "\r\n") +
                              (with_csrf ? "X-CSRF-Token: " + csrf + "\r\n" : "") +
                              "Content-Length: " + std::to_string(body.size()) + "\r\n\r\n" + body);
}

RawHttpResponse DeskClient::get(const std::string& path) const {
    return send_raw(port, "GET " + path +
                              " HTTP/1.1\r\nHost: x\r\nConnection: close\r\nCookie: onthaal_desk=" +
                              cookie + "\r\n\r\n");
}

nlohmann::json desk_staff_record() {
    return {
        {"id", "st1"}, {"name", "Els Peeters"}, {"username", "els"}, {"password", kDeskPassword}};
}

DeskClient sign_in(std::uint16_t port, const std::string& password, const std::string& username) {
    using nlohmann::json;
    DeskClient desk{port, "", ""};
    const auto r = desk.post("/api/v1/desk/login",
                             json{{"username", username}, {"password", password}}.dump(), false);
    if (r.status != 200) return desk;
    const std::string set_cookie = r.headers.at("set-cookie");
    EXPECT_NE(set_cookie.find("HttpOnly"), std::string::npos);
    EXPECT_NE(set_cookie.find("SameSite=Strict"), std::string::npos);
    desk.cookie = set_cookie.substr(set_cookie.find('=') + 1,
                                    set_cookie.find(';') - set_cookie.find('=') - 1);
    desk.csrf = json::parse(r.body)["csrf_token"];
    return desk;
}

}  // namespace onthaal::test_support
