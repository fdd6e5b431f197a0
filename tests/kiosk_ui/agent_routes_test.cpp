#include "kiosk_ui/agent_routes.hpp"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "domain/time_text.hpp"
#include "local_store/store_open.hpp"
#include "tests/support/temp_dir.hpp"

using namespace onthaal;

class AgentRoutesTest : public ::testing::Test {
  protected:
    http::HttpResponse call(const std::string& method, const std::string& target) {
        http::HttpRequest r;
        r.method = method;
        r.target = target;
        return routes.handle(r);
    }
    test_support::TempDir dir;
    store::Database db = store::open_agent_store(dir.file("a.db"));
    config::AgentConfig config = [] {
        config::AgentConfig c;
        c.site_id = "ocmw-gent";
        c.role = "desk";
        return c;
    }();
    domain::Instant now = domain::parse_instant("2026-11-23T09:00:00+01:00").value();
    http::AgentRoutes routes{config, db, [this] { return now; }};
};

TEST_F(AgentRoutesTest, HealthzAnswersOk) {
    const auto r = call("GET", "/healthz");
    EXPECT_EQ(r.status, 200);
    EXPECT_EQ(nlohmann::json::parse(r.body)["status"], "ok");
}

TEST_F(AgentRoutesTest, StatusReportsSiteRoleAndQueue) {
    db.exec(
        "INSERT INTO outbox (mutation_id, entity, entity_id, payload, created_at, device_time)"
        " VALUES ('m1', 'attendance', 'a1', '{}', 't', 't'), ('m2', 'attendance', 'a2', '{}', 't', "
        "'t')");
    db.exec("UPDATE outbox SET state = 'quarantined' WHERE mutation_id = 'm2'");
    const auto body = nlohmann::json::parse(call("GET", "/api/v1/status?x=1").body);
    EXPECT_EQ(body["site_id"], "ocmw-gent");
    EXPECT_EQ(body["role"], "desk");
    EXPECT_EQ(body["pending_mutations"], 1);
    EXPECT_EQ(body["quarantined_mutations"], 1);
}

TEST_F(AgentRoutesTest, UnknownPathAndWrongMethodGetJsonErrors) {
    const auto missing = call("GET", "/nope");
    EXPECT_EQ(missing.status, 404);
    EXPECT_EQ(nlohmann::json::parse(missing.body)["error"]["code"], "not_found");
    EXPECT_EQ(call("DELETE", "/healthz").status, 405);
}

TEST_F(AgentRoutesTest, ADeskDeviceServesBothPagesAndAKioskOnlyItsOwn) {
    EXPECT_EQ(call("GET", "/").status, 200);
    EXPECT_EQ(call("GET", "/desk").status, 200);
    config.role = "kiosk";
    EXPECT_EQ(call("GET", "/").status, 200);
    EXPECT_EQ(call("GET", "/kiosk.js").status, 200);
    for (const char* staff_only : {"/desk", "/desk.js", "/api/v1/desk/today"}) {
        EXPECT_EQ(call("GET", staff_only).status, 404) << staff_only;
    }
    http::HttpRequest login;
    login.method = "POST";
    login.target = "/api/v1/desk/login";
    login.body = R"({"username":"els","password":"x"})";
    EXPECT_EQ(routes.handle(login).status, 404);
}

TEST_F(AgentRoutesTest, TheKioskConfigGivesTheResultTimeAndWhetherItSpeaks) {
    config.kiosk_result_s = 20;
    config.kiosk_speech_program = "";  // no speech program: the page shows no speak button
    http::AgentRoutes silent{config, db, [this] { return now; }};
    http::HttpRequest r;
    r.method = "GET";
    r.target = "/api/v1/kiosk/config";
    const auto body = nlohmann::json::parse(silent.handle(r).body);
    EXPECT_EQ(body["result_s"], 20);
    EXPECT_EQ(body["idle_s"], 45);
    EXPECT_EQ(body["speech"], false);
    EXPECT_EQ(body["slip"], "");  // no receipt printer unless kiosk_slip names its paper
    r.target = "/api/v1/kiosk/speech?lang=nl&phrase=desk";
    EXPECT_EQ(silent.handle(r).status, 404);
}
