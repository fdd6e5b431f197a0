// Issue 12, item 9: a state-changing desk request must come from the desk's own page (Origin) as
// well as carry the CSRF token; with TLS the session cookie is Secure.
#include <gtest/gtest.h>
#include <sodium.h>

#include "kiosk_ui/desk_api.hpp"
#include "local_store/store_open.hpp"
#include "tests/support/temp_dir.hpp"

using namespace onthaal;

namespace {

class DeskOrigin : public ::testing::Test {
  protected:
    void SetUp() override {
        ASSERT_GE(sodium_init(), 0);
        char hash[crypto_pwhash_STRBYTES];
        ASSERT_EQ(crypto_pwhash_str(hash, "correct-horse-1", 15, crypto_pwhash_OPSLIMIT_MIN,
                                    crypto_pwhash_MEMLIMIT_MIN),
                  0);
        db.exec("INSERT INTO site (id, name, province) VALUES ('s1', 'Site', 'O')");
        db.prepare(
              "INSERT INTO staff_account (id, site_id, name, username, password_hash) VALUES "
              "('st1', 's1', 'Els', 'els', ?)")
            .bind(1, std::string(hash))
            .run();
        config.site_id = "s1";
        config.role = "desk";
    }
    http::HttpResponse login(http::DeskApi& api, const std::string& origin) {
        http::HttpRequest r;
        r.method = "POST";
        r.target = "/api/v1/desk/login";
        r.headers["host"] = "desk.site:8443";
        if (!origin.empty()) r.headers["origin"] = origin;
        r.body = R"({"username": "els", "password": "correct-horse-1"})";
        return api.handle(r);
    }
    static std::string cookie(const http::HttpResponse& r) {
        for (const auto& [name, value] : r.headers)
            if (name == "Set-Cookie") return value;
        return "";
    }
    test_support::TempDir dir;
    store::Database db = store::open_agent_store(dir.file("a.db"));
    config::AgentConfig config;
    domain::Instant now = domain::parse_instant("2026-11-23T09:00:00Z").value();
};

}  // namespace

TEST_F(DeskOrigin, AChangeFromAnotherPageOrWithoutOriginIsRefused) {
    http::DeskApi api(
        config, db, [this] { return now; }, [] {});
    EXPECT_EQ(login(api, "").status, 403);
    EXPECT_EQ(login(api, "http://evil.example").status, 403);
    EXPECT_EQ(login(api, "https://desk.site:8443").status, 403) << "scheme differs";
    const auto signed_in = login(api, "http://desk.site:8443");
    ASSERT_EQ(signed_in.status, 200) << signed_in.body;
    EXPECT_EQ(cookie(signed_in).find("Secure"), std::string::npos) << "plain HTTP on loopback";
}

TEST_F(DeskOrigin, WithTlsTheCookieIsSecureAndTheOriginHttps) {
    config.tls_cert_file = "cert.pem";
    config.tls_key_file = "key.pem";
    http::DeskApi api(
        config, db, [this] { return now; }, [] {});
    EXPECT_EQ(login(api, "http://desk.site:8443").status, 403);
    const auto signed_in = login(api, "https://desk.site:8443");
    ASSERT_EQ(signed_in.status, 200) << signed_in.body;
    EXPECT_NE(cookie(signed_in).find("; Secure"), std::string::npos) << cookie(signed_in);
}
