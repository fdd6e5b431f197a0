// Issue 11: one outcome per appointment through a conflict, and one malformed record never
// wedges a site. Real central and agent processes on loopback.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "domain/time_text.hpp"
#include "tests/support/child_process.hpp"
#include "tests/support/desk_client.hpp"
#include "tests/support/loopback_http.hpp"
#include "tests/support/sync_fixture.hpp"

using namespace onthaal::test_support;
using namespace std::chrono_literals;
using nlohmann::json;

namespace {

json planning(const std::string& starts_at) {
    return {{"staff", json::array({desk_staff_record()})},
            {"clients",
             {{{"id", "c1"},
               {"first_name", "Koen"},
               {"last_name", "Desmet"},
               {"language", "nl"},
               {"programme", "GLOW"}}}},
            {"appointments",
             {{{"id", "a1"},
               {"client_id", "c1"},
               {"staff_id", "st1"},
               {"kind", "regular"},
               {"registered", false},
               {"starts_at", starts_at},
               {"duration_min", 30},
               {"location", "Room 1"},
               {"code", "KOEN23"}}}}};
}

// Where central moves the appointment: 25 minutes later, or 35 earlier when later would be
// tomorrow in Brussels (the desk's today page would then rightly no longer list it).
std::string moved_start() {
    const auto now = std::chrono::floor<std::chrono::seconds>(std::chrono::system_clock::now());
    const bool later_is_today = onthaal::domain::brussels_date(now + 25min) ==
                                onthaal::domain::brussels_date(now);
    return utc_in_minutes(later_is_today ? 25 : -35);
}

bool drained(AgentProcess& agent) {
    const json s = agent.status();
    return s.value("pending_mutations", -1) == 0 && s.value("sync_state", "") == "online";
}

json today_row(const DeskClient& desk, const std::string& id, json* conflicts = nullptr) {
    const json today = json::parse(desk.get("/api/v1/desk/today").body);
    if (conflicts) *conflicts = today["conflicts"];
    for (const auto& a : today["appointments"])
        if (a["id"] == id) return a;
    return json::object();
}

}  // namespace

// The kiosk checks a client in and the desk completes the appointment as present while central
// is down; meanwhile central moves the appointment. Both facts are kept as conflicts; the
// outcome stays the appointment's, at central and at the desk, and a second outcome is refused.
TEST(OneOutcome, AConflictKeepsTheOutcomeAtCentralAndAtTheDesk) {
    TempDir dir;
    CentralProcess central(dir);
    central.add_site("s1");
    const std::string kiosk_token = central.add_device("s1", "kiosk1", "kiosk");
    const std::string desk_token = central.add_device("s1", "desk1", "desk");
    central.import_json("s1", planning(utc_in_minutes(-5)));
    central.start();
    AgentProcess kiosk(dir, {"s1", kiosk_token, central.url(), "kiosk", ""});
    AgentProcess desk_agent(dir, {"s1", desk_token, central.url(), "desk", R"(, "role": "desk")"});
    kiosk.start();
    desk_agent.start();
    for (AgentProcess* agent : {&kiosk, &desk_agent}) {
        ASSERT_TRUE(eventually([&] { return agent->status().value("pull_cursor", 0L) >= 3; }, 15s))
            << agent->stderr_text();
    }

    const auto port = central.port();
    central.stop();
    EXPECT_EQ(kiosk.check_in("KOEN23"), 200);
    const DeskClient desk = sign_in(desk_agent.port(), kDeskPassword);
    ASSERT_FALSE(desk.cookie.empty());
    const auto present =
        desk.post("/api/v1/desk/appointments/a1/outcome", R"({"outcome":"present"})");
    ASSERT_EQ(present.status, 200) << present.body;
    central.import_json("s1", planning(moved_start()));  // central moves it meanwhile
    central.start(port);

    ASSERT_TRUE(eventually([&] { return drained(kiosk) && drained(desk_agent); }, 30s))
        << kiosk.stderr_text() << desk_agent.stderr_text();
    json conflicts;
    ASSERT_TRUE(eventually(
        [&] {
            const json row = today_row(desk, "a1", &conflicts);
            return row.value("outcome", json()) == "present" && row["checked_in_at"].is_string() &&
                   conflicts.size() >= 1;
        },
        15s))
        << today_row(desk, "a1").dump() << conflicts.dump();
    EXPECT_EQ(
        desk.post("/api/v1/desk/appointments/a1/outcome", R"({"outcome":"absent_invalid"})").status,
        409)
        << "the desk accepted a second outcome";

    const json doc = central.export_site("s1");
    ASSERT_EQ(doc["appointments"].size(), 1u);
    EXPECT_EQ(doc["appointments"][0]["outcome"], "present");
    int outcomes = 0;
    for (const auto& e : doc["attendance_events"]) outcomes += e["kind"] != "checked_in";
    EXPECT_EQ(outcomes, 1) << doc["attendance_events"].dump();
    EXPECT_GE(doc["conflicts"].size(), 1u);
}

// A central (here: a proxy rewriting its answers) serves one appointment whose start does not
// parse. The agent sets that one record aside, applies every other, checks their clients in and
// counts the bad one in its status.
TEST(NothingWedges, OneMalformedRecordLeavesEveryOtherRecordOfTheSiteUsable) {
    TempDir dir;
    CentralProcess central(dir);
    central.add_site("s1");
    const std::string token = central.add_device("s1", "kiosk1");
    central.import_appointments("s1", 6);
    central.start();
    ChildProcess proxy({"/usr/bin/python3", ONTHAAL_SOURCE_DIR "/tests/sync/rewrite_proxy.py",
                        std::to_string(central.port()), "a3"});
    const auto line = proxy.read_stdout_line(10s);
    ASSERT_TRUE(line) << proxy.drain_stderr();
    AgentProcess agent(
        dir, {"s1", token, "http://127.0.0.1:" + std::to_string(port_from_listening_line(*line)),
              "agent", ""});
    agent.start();
    ASSERT_TRUE(eventually([&] { return agent.status().value("set_aside_changes", 0L) == 1; }, 15s))
        << agent.stderr_text();
    for (int i : {0, 1, 2, 4, 5}) EXPECT_EQ(agent.check_in(code_for(i)), 200) << i;
    EXPECT_EQ(agent.check_in(code_for(3)), 404) << "the malformed appointment was applied";
    EXPECT_TRUE(eventually([&] { return drained(agent); }, 15s)) << agent.stderr_text();
    agent.stop();

    const std::string config = dir.file("agent.json");
    const auto status = run_command({ONTHAAL_AGENT_BINARY, "status", "--config", config, "--json"});
    ASSERT_EQ(status.exit_code, 0) << status.err;
    EXPECT_EQ(json::parse(status.out)["set_aside"], 1) << status.out;
}
