// Issue 12, item 9: a state-changing desk request must come from the desk's own page (Origin) as
// well as carry the CSRF token; with TLS the session cookie is Secure.
#include <gtest/gtest.h>
#include <sodium.h>

#include <nlohmann/json.hpp>

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

// Issue 15: the reception calls clients to the desk; a coach's laptop signed in with the same
// pages may not, since central refuses its call for good (queue_call: desks only) and it would
// sit refused in the laptop's outbox.
TEST_F(DeskOrigin, OnlyADeskDeviceCallsAClientToTheDesk) {
    db.exec(
        "INSERT INTO client (id, site_id, first_name, last_name) VALUES ('c1', 's1', 'Amina', "
        "'B');"
        "INSERT INTO appointment (id, site_id, client_id, staff_id, kind, starts_at, duration_min,"
        " location, checkin_code) VALUES ('a1', 's1', 'c1', 'st1', 'regular', "
        "'2026-11-23T09:00:00Z', 30, 'Bureau 2', 'C1');"
        "INSERT INTO attendance_event (id, appointment_id, kind, occurred_at, recorded_by, "
        "device_id) VALUES ('e1', 'a1', 'checked_in', '2026-11-23T08:55:00Z', 'kiosk', 'd');");
    const auto call_as = [&](const char* role) {
        config.role = role;
        http::DeskApi api(
            config, db, [this] { return now; }, [] {});
        const auto signed_in = login(api, "http://desk.site:8443");
        http::HttpRequest r;
        r.method = "POST";
        r.target = "/api/v1/desk/appointments/a1/call";
        r.headers["host"] = "desk.site:8443";
        r.headers["origin"] = "http://desk.site:8443";
        r.headers["cookie"] = cookie(signed_in).substr(0, cookie(signed_in).find(';'));
        r.headers["x-csrf-token"] = nlohmann::json::parse(signed_in.body)["csrf_token"];
        r.body = "{}";
        return api.handle(r).status;
    };
    EXPECT_EQ(call_as("coach"), 404);
    EXPECT_EQ(db.query_int64("SELECT count(*) FROM outbox WHERE entity = 'queue_call'"), 0);
    EXPECT_EQ(call_as("desk"), 200);
    EXPECT_EQ(db.query_int64("SELECT count(*) FROM outbox WHERE entity = 'queue_call'"), 1);
}
