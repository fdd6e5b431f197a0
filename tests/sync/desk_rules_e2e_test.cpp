// Issue 5's end-to-end check: a client is absent twice at the desk; the agent applies the rules
// offline; after sync central holds the same service state and the same signal.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "tests/support/desk_client.hpp"
#include "tests/support/loopback_http.hpp"
#include "tests/support/sync_fixture.hpp"

using namespace onthaal::test_support;
using namespace std::chrono_literals;
using nlohmann::json;

TEST(DeskRules, AbsentTwiceStopsTheServiceOfflineAndCentralAgrees) {
    TempDir dir;
    CentralProcess central(dir);
    central.add_site("s1");
    const std::string token = central.add_device("s1", "desk1", "desk");
    central.import_json("s1", {{"staff", json::array({desk_staff_record()})},
                               {"clients",
                                {{{"id", "c1"},
                                  {"first_name", "Amina"},
                                  {"last_name", "Benali"},
                                  {"language", "ar"},
                                  {"programme", "TIBB4"}}}},
                               {"appointments",
                                {{{"id", "a1"},
                                  {"client_id", "c1"},
                                  {"staff_id", "st1"},
                                  {"kind", "first"},
                                  {"registered", false},
                                  {"starts_at", utc_in_minutes(-5)},
                                  {"duration_min", 30},
                                  {"location", "Room 1"}},
                                 {{"id", "a2"},
                                  {"client_id", "c1"},
                                  {"staff_id", "st1"},
                                  {"kind", "first"},
                                  {"registered", true},
                                  {"starts_at", utc_in_minutes(5)},
                                  {"duration_min", 30},
                                  {"location", "Room 1"}}}}});
    central.start();
    AgentProcess agent(dir, {"s1", token, central.url(), "agent", R"(, "role": "desk")"});
    agent.start();
    ASSERT_TRUE(eventually([&] { return agent.status().value("pull_cursor", 0L) >= 4; }, 15s))
        << agent.stderr_text();

    // Central goes away: the desk keeps working on its own rules.
    const auto port = central.port();
    central.stop();
    EXPECT_EQ(sign_in(agent.port(), "wrong-password").cookie, "");
    const DeskClient desk = sign_in(agent.port(), kDeskPassword);
    ASSERT_FALSE(desk.cookie.empty());
    EXPECT_EQ(
        desk.post("/api/v1/desk/appointments/a1/outcome", R"({"outcome":"absent_invalid"})", false)
            .status,
        403)
        << "a change without the CSRF token was accepted";

    const auto first =
        desk.post("/api/v1/desk/appointments/a1/outcome", R"({"outcome":"absent_invalid"})");
    ASSERT_EQ(first.status, 200) << first.body;
    const json first_body = json::parse(first.body);
    EXPECT_EQ(first_body["result"]["reason_code"], "first_appointment.next_registered");
    EXPECT_TRUE(first_body["result"]["due"].is_string()) << "no planning deadline";
    const json today = json::parse(desk.get("/api/v1/desk/today").body);
    ASSERT_EQ(today["appointments"].size(), 2u);
    // The registered appointment a2 is planned already: no stale "plan before" line (issue 15).
    EXPECT_EQ(today["appointments"][0]["guidance"][0]["reason_code"],
              "contact.verify_residence_and_work_permit");
    EXPECT_TRUE(today["appointments"][0]["plan_due"].is_null());

    const auto second =
        desk.post("/api/v1/desk/appointments/a2/outcome", R"({"outcome":"absent_invalid"})");
    ASSERT_EQ(second.status, 200) << second.body;
    const json second_body = json::parse(second.body);
    EXPECT_EQ(second_body["result"]["reason_code"], "first_appointment.service_stopped");
    ASSERT_EQ(second_body["result"]["signals"].size(), 1u);
    EXPECT_EQ(second_body["result"]["signals"][0]["code"], "signal.service_refused_absence");
    EXPECT_EQ(second_body["guidance"][0]["reason_code"], "guidance.service_stopped");
    EXPECT_EQ(desk.post("/api/v1/desk/appointments/a2/outcome", R"({"outcome":"present"})").status,
              409);

    central.start(port);
    ASSERT_TRUE(eventually(
        [&] {
            const json s = agent.status();
            return s["pending_mutations"] == 0 && s["quarantined_mutations"] == 0;
        },
        20s))
        << agent.stderr_text();
    agent.stop();
    const json exported = central.export_site("s1");
    ASSERT_EQ(exported["clients"].size(), 1u);
    EXPECT_EQ(exported["clients"][0]["first_appointment"]["absences"], 2);
    EXPECT_EQ(exported["clients"][0]["first_appointment"]["stopped"], true);
    ASSERT_EQ(exported["signals"].size(), 1u);
    EXPECT_EQ(exported["signals"][0]["code"], "signal.service_refused_absence");
    EXPECT_EQ(exported["signals"][0]["client_id"], "c1");
}
