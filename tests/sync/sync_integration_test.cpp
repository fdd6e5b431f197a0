// Issue 3's acceptance, with real onthaal-central and onthaal-agent processes on loopback.
#include <signal.h>

#include <gtest/gtest.h>

#include <random>
#include <set>
#include <thread>

#include "domain/time_text.hpp"
#include "entities/appointment_entity.hpp"
#include "entities/attendance_entity.hpp"
#include "local_store/kiosk_store.hpp"
#include "local_store/sqlite_database.hpp"
#include "tests/support/child_process.hpp"
#include "tests/support/loopback_http.hpp"
#include "tests/support/sync_fixture.hpp"

using namespace onthaal::test_support;
using namespace std::chrono_literals;
using nlohmann::json;

namespace {

std::multiset<std::string> central_checkin_ids(CentralProcess& central, const std::string& site) {
    std::multiset<std::string> ids;
    const auto doc = central.export_site(site);
    for (const auto& e : doc["attendance_events"]) {
        if (e["kind"] == "checked_in") ids.insert(e["mutation_id"].get<std::string>());
    }
    return ids;
}

// Everything pushed and acknowledged: nothing pending, nothing quarantined.
bool drained(AgentProcess& agent) {
    const json s = agent.status();
    return !s.is_null() && s["pending_mutations"] == 0 && s["quarantined_mutations"] == 0;
}

std::string outbox_dump(const std::string& store_path) {
    onthaal::store::Database db = onthaal::store::Database::open(store_path);
    onthaal::store::Statement q =
        db.prepare("SELECT state, coalesce(last_error, '') FROM outbox LIMIT 5");
    std::string out;
    while (q.step()) out += q.column_text(0) + " " + q.column_text(1) + "\n";
    return out;
}

// The agent has applied the whole planning of import_appointments(count): 1 staff record, `count`
// clients and `count` appointments. (Only "something pulled" let a test start while the last
// appointments were still arriving, and a loaded machine then answered 404 for their codes.)
bool pulled_planning(AgentProcess& agent, int appointments) {
    const json s = agent.status();
    return !s.is_null() && s.value("pull_cursor", 0L) >= 1 + 2L * appointments;
}

// Central holds exactly the agent's facts: each once, none missing, none extra.
void expect_exactly_once(CentralProcess& central, const std::string& site,
                         const std::string& agent_store) {
    const auto at_central = central_checkin_ids(central, site);
    const auto local = agent_attendance_ids(agent_store);
    const std::set<std::string> distinct(at_central.begin(), at_central.end());
    EXPECT_EQ(distinct.size(), at_central.size()) << "a mutation reached central twice";
    EXPECT_EQ(std::set<std::string>(local.begin(), local.end()), distinct);
}

// Central with site s1, one kiosk device and `appointments` appointments of today, and an agent
// enrolled to it that has already pulled the site's planning.
struct SiteWithAgent {
    explicit SiteWithAgent(int appointments, const std::string& agent_settings = "",
                           const std::string& role = "kiosk") {
        central.add_site("s1");
        token = central.add_device("s1", "kiosk1", role);
        central.import_appointments("s1", appointments);
        central.start();
        agent = std::make_unique<AgentProcess>(
            dir, AgentOptions{"s1", token, central.url(), "agent", agent_settings});
        agent->start();
        if (!eventually([&] { return pulled_planning(*agent, appointments); }, 15s)) {
            throw std::runtime_error("the agent did not pull the planning: " +
                                     agent->stderr_text());
        }
    }
    TempDir dir;
    CentralProcess central{dir};
    std::string token;
    std::unique_ptr<AgentProcess> agent;
};

}  // namespace

TEST(SyncIntegration, CheckInsWhileCentralIsDownAreKeptAndDrainWhenItReturns) {
    SiteWithAgent site(20);
    CentralProcess& central = site.central;
    AgentProcess& agent = *site.agent;

    const std::uint16_t port = central.port();
    central.stop();
    for (int i = 0; i < 20; ++i) EXPECT_EQ(agent.check_in(code_for(i)), 200) << i;
    std::this_thread::sleep_for(500ms);
    EXPECT_EQ(agent.status()["pending_mutations"], 20);
    EXPECT_EQ(agent.status()["sync_state"], "offline");

    central.start(port);
    ASSERT_TRUE(eventually([&] { return drained(agent); }, 20s))
        << agent.stderr_text() << outbox_dump(agent.store_path());
    agent.stop();
    EXPECT_EQ(central_checkin_ids(central, "s1").size(), 20u);
    expect_exactly_once(central, "s1", agent.store_path());
}

// Another process (a backup tool, an admin's sqlite3 shell) holds the store's write lock past the
// agent's 5 s busy timeout: marking central's answers fails locally. The sync thread must treat
// that as a passing failure and carry on once the lock is gone, not end for good.
TEST(SyncIntegration, AStoreLockedPastTheBusyTimeoutDelaysSyncButNeverEndsIt) {
    SiteWithAgent site(10);
    const std::uint16_t port = site.central.port();
    site.central.stop();
    for (int i = 0; i < 10; ++i) ASSERT_EQ(site.agent->check_in(code_for(i)), 200) << i;
    {
        onthaal::store::Database other = onthaal::store::Database::open(site.agent->store_path());
        other.exec("BEGIN EXCLUSIVE");
        site.central.start(port);
        std::this_thread::sleep_for(6500ms);
        EXPECT_EQ(site.agent->status()["pending_mutations"], 10) << "marked through a held lock?";
        other.exec("ROLLBACK");
    }
    ASSERT_TRUE(eventually([&] { return drained(*site.agent); }, 20s))
        << site.agent->stderr_text() << outbox_dump(site.agent->store_path());
    site.agent->stop();
    EXPECT_EQ(central_checkin_ids(site.central, "s1").size(), 10u);
    expect_exactly_once(site.central, "s1", site.agent->store_path());
}

TEST(SyncIntegration, SigkillDuringPushNeverLosesOrDoublesAFact) {
    TempDir dir;
    CentralProcess central(dir);
    central.add_site("s1");
    const std::string token = central.add_device("s1", "kiosk1");
    constexpr int kRounds = 12, kPerRound = 8;
    central.import_appointments("s1", kRounds * kPerRound);
    central.start();
    AgentProcess agent(dir, {"s1", token, central.url(), "agent",
                             R"(, "sync_push_delay_ms": 0, "sync_batch_size": 3)"});
    agent.start();
    ASSERT_TRUE(eventually([&] { return pulled_planning(agent, kRounds * kPerRound); }, 15s));
    std::mt19937 random(20261122);
    int acknowledged = 0;
    std::string refused;  // what the check-ins that were not acknowledged got
    for (int round = 0; round < kRounds; ++round) {
        for (int i = 0; i < kPerRound; ++i) {
            const int status = agent.check_in(code_for(round * kPerRound + i));
            acknowledged += status == 200;
            if (status != 200) refused += " " + std::to_string(status);
        }
        // Kill at a random moment of the push that the check-ins just triggered.
        std::this_thread::sleep_for(std::chrono::milliseconds(random() % 40));
        agent.kill_hard();
        agent.start();
    }
    ASSERT_TRUE(eventually([&] { return drained(agent); }, 30s)) << agent.stderr_text();
    agent.stop();
    EXPECT_EQ(acknowledged, kRounds * kPerRound) << "statuses:" << refused;
    EXPECT_EQ(central_checkin_ids(central, "s1").size(), static_cast<size_t>(acknowledged));
    expect_exactly_once(central, "s1", agent.store_path());
}

TEST(SyncIntegration, EverythingConvergesThroughAFaultInjectingProxy) {
    TempDir dir;
    CentralProcess central(dir);
    central.add_site("s1");
    const std::string token = central.add_device("s1", "kiosk1");
    central.import_appointments("s1", 40);
    central.start();
    const std::string control = dir.file("faults-on"), stats = dir.file("faults.log");
    write_file(control, "");
    ChildProcess proxy({"/usr/bin/python3", ONTHAAL_SOURCE_DIR "/tests/sync/fault_proxy.py",
                        std::to_string(central.port()), control, stats});
    const auto line = proxy.read_stdout_line(10s);
    ASSERT_TRUE(line) << proxy.drain_stderr();
    AgentProcess agent(
        dir, {"s1", token, "http://127.0.0.1:" + std::to_string(port_from_listening_line(*line)),
              "agent", R"(, "sync_batch_size": 4)"});
    agent.start();
    ASSERT_TRUE(eventually([&] { return pulled_planning(agent, 40); }, 30s)) << agent.stderr_text();
    for (int i = 0; i < 40; ++i) {
        EXPECT_EQ(agent.check_in(code_for(i)), 200);
        std::this_thread::sleep_for(60ms);
    }
    // Let the faults hit pushes and pulls for a while, then stop them.
    std::this_thread::sleep_for(3s);
    std::remove(control.c_str());
    ASSERT_TRUE(eventually([&] { return drained(agent); }, 40s)) << agent.stderr_text();
    agent.stop();
    expect_exactly_once(central, "s1", agent.store_path());
    EXPECT_EQ(central_checkin_ids(central, "s1").size(), 40u);
    const std::string injected = read_file(stats);
    for (const char* fault :
         {"http_500", "http_503", "drop_before", "drop_after", "stall", "truncate", "bad_json"}) {
        EXPECT_NE(injected.find(fault), std::string::npos) << fault << " was never injected";
    }
}

// The agent sends the next batch while it still records the last answer; central must still
// receive a planned appointment before the check-in on it, even when they fall in different
// batches (a fact about an appointment central does not know yet would be rejected for good).
TEST(SyncIntegration, PlannedAppointmentsReachCentralBeforeTheFactsAboutThem) {
    // Planning is the desk's (a kiosk may push only check-ins).
    SiteWithAgent site(5, R"(, "sync_batch_size": 3, "sync_push_delay_ms": 0, "role": "desk")",
                       "desk");
    site.agent->stop();
    constexpr int kPlanned = 30;
    {
        onthaal::store::Database db = onthaal::store::Database::open(site.agent->store_path());
        onthaal::store::KioskStore kiosk(db);
        const std::string now = onthaal::domain::format_instant(
            std::chrono::floor<std::chrono::seconds>(std::chrono::system_clock::now()));
        for (int i = 0; i < kPlanned; ++i) {
            onthaal::protocol::AppointmentRecord a;
            a.id = "planned-" + std::to_string(i);
            a.client_id = "client-a" + std::to_string(i % 5);
            a.staff_id = "a-staff";
            a.starts_at = now;
            a.location = "Room 2";
            a.checkin_code = "PLN" + std::to_string(100 + i);
            onthaal::entities::plan_appointment(db, a, "s1", now, "a-staff");
            onthaal::entities::AttendanceWriter(db).record_attendance(
                kiosk.appointment_by_id(a.id).value(),
                onthaal::protocol::AttendanceKind::checked_in, now, "kiosk");
        }
    }
    site.agent->start();
    ASSERT_TRUE(eventually([&] { return drained(*site.agent); }, 30s))
        << outbox_dump(site.agent->store_path());
    site.agent->stop();
    const auto doc = site.central.export_site("s1");
    int planned_checkins = 0;
    for (const auto& e : doc["attendance_events"])
        planned_checkins += e["appointment_id"].get<std::string>().rfind("planned-", 0) == 0;
    EXPECT_EQ(planned_checkins, kPlanned);
    expect_exactly_once(site.central, "s1", site.agent->store_path());
}

TEST(SyncIntegration, ADeviceNeverReceivesAnotherSitesRecords) {
    TempDir dir;
    CentralProcess central(dir);
    central.add_site("siteA");
    central.add_site("siteB", "A");
    const std::string token_a = central.add_device("siteA", "kioskA");
    central.import_appointments("siteA", 3, "a");
    central.import_appointments("siteB", 3, "b");
    central.start();
    AgentProcess agent(dir, {"siteA", token_a, central.url(), "agentA", ""});
    agent.start();
    ASSERT_TRUE(eventually([&] { return pulled_planning(agent, 3); }, 15s));
    agent.stop();
    onthaal::store::Database db = onthaal::store::Database::open(agent.store_path());
    EXPECT_EQ(db.query_int64("SELECT count(*) FROM appointment"), 3);
    EXPECT_EQ(db.query_int64("SELECT count(*) FROM client WHERE id LIKE 'client-b%'"), 0);
    EXPECT_EQ(db.query_int64("SELECT count(*) FROM appointment WHERE id LIKE 'b%'"), 0);
    // And directly on the wire: the whole feed for this token holds nothing of site B.
    const auto raw =
        send_raw(central.port(),
                 "GET /api/v1/sync/pull?cursor=0&limit=5000 HTTP/1.1\r\nHost: x\r\n"
                 "Authorization: Bearer " +
                     read_file(token_a).substr(0, 43) + "\r\nConnection: close\r\n\r\n");
    ASSERT_EQ(raw.status, 200);
    EXPECT_EQ(raw.body.find("client-b"), std::string::npos);
    EXPECT_NE(raw.body.find("client-a0"), std::string::npos);
}

TEST(SyncIntegration, ARevokedTokenGets401AndTheWorkerStops) {
    SiteWithAgent site(3);
    CentralProcess& central = site.central;
    AgentProcess& agent = *site.agent;
    central.admin({"device", "revoke", "--db", central.db(), "--site", "s1", "--name", "kiosk1"});
    EXPECT_EQ(agent.check_in(code_for(0)), 200) << "the kiosk must keep working";
    ASSERT_TRUE(
        eventually([&] { return agent.status()["sync_state"] == "device_not_authorised"; }, 15s))
        << agent.status().dump() << agent.stderr_text();
    // Stopped, not retrying: a later check-in stays pending and the agent stays quiet about it.
    EXPECT_EQ(agent.check_in(code_for(1)), 200);
    std::this_thread::sleep_for(1500ms);
    EXPECT_EQ(agent.status()["pending_mutations"], 2);
    const std::string log = agent.stderr_text();
    EXPECT_EQ(log.find("sync.push_failed"), std::string::npos) << log;
    agent.stop();
    const auto direct = send_raw(
        central.port(), "GET /api/v1/sync/hello HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer " +
                            read_file(site.token).substr(0, 43) + "\r\nConnection: close\r\n\r\n");
    EXPECT_EQ(direct.status, 401);
}

TEST(SyncIntegration, AnOfflineCheckInAgainstACentralRescheduleKeepsBothFactsAndListsTheConflict) {
    SiteWithAgent site(1);
    CentralProcess& central = site.central;
    AgentProcess& agent = *site.agent;
    const std::uint16_t port = central.port();
    central.stop();
    ASSERT_EQ(agent.check_in(code_for(0)), 200);  // offline: base version 1
    central.import_appointments("s1", 1, "a",
                                10);  // central moves the appointment 10 minutes: version 2
    central.start(port);
    ASSERT_TRUE(eventually([&] { return drained(agent); }, 20s)) << agent.stderr_text();
    ASSERT_TRUE(eventually([&] { return agent.status()["open_conflicts"] == 1; }, 5s));
    agent.stop();
    const json exported = central.export_site("s1");
    ASSERT_EQ(exported["attendance_events"].size(), 1u) << "the check-in fact was dropped";
    EXPECT_EQ(exported["appointments"][0]["version"], 2) << "the reschedule was lost";
    ASSERT_EQ(exported["conflicts"].size(), 1u);
    EXPECT_EQ(exported["conflicts"][0]["reason"], "appointment_changed");
}

TEST(SyncIntegration, SyncCommandReportsFailureHonestly) {
    TempDir dir;
    CentralProcess central(dir);
    central.add_site("s1");
    const std::string token = central.add_device("s1", "kiosk1");
    central.import_appointments("s1", 2);
    central.start();
    AgentProcess agent(dir, {"s1", token, central.url(), "agent", ""});
    const std::string config = dir.file("agent.json");
    auto ok = run_command({ONTHAAL_AGENT_BINARY, "sync", "--config", config});
    EXPECT_EQ(ok.exit_code, 0) << ok.err;
    EXPECT_NE(ok.out.find("pulled"), std::string::npos);
    central.stop();
    auto down = run_command({ONTHAAL_AGENT_BINARY, "sync", "--config", config});
    EXPECT_EQ(down.exit_code, 1);
    EXPECT_NE(down.err.find("sync failed"), std::string::npos) << down.err;
    auto status = run_command({ONTHAAL_AGENT_BINARY, "status", "--json", "--config", config});
    ASSERT_EQ(status.exit_code, 0) << status.err;
    const json s = json::parse(status.out);
    EXPECT_EQ(s["state"], "offline");
    EXPECT_FALSE(s["online"].get<bool>());
    EXPECT_GT(s["cursor"].get<long>(), 0);
    EXPECT_TRUE(s["last_error"].is_string());
}

TEST(SyncIntegration, ACorruptOutboxRowIsQuarantinedAndTheQueueBehindItMovesOn) {
    SiteWithAgent site(3);
    CentralProcess& central = site.central;
    AgentProcess& agent = *site.agent;
    agent.stop();
    {
        onthaal::store::Database db = onthaal::store::Database::open(agent.store_path());
        db.exec(
            "INSERT INTO outbox (mutation_id, entity, entity_id, base_version, payload, "
            "created_at, device_time)"
            " VALUES ('0000corrupt', 'attendance', 'a0', 1, '{not json', 't', 't')");
    }
    agent.start();
    ASSERT_EQ(agent.check_in(code_for(1)), 200);
    ASSERT_TRUE(eventually(
        [&] {
            const json s = agent.status();
            return s.value("pending_mutations", -1L) == 0 &&
                   s.value("quarantined_mutations", 0L) == 1;
        },
        15s))
        << agent.status().dump();
    agent.stop();
    EXPECT_EQ(central_checkin_ids(central, "s1").size(), 1u)
        << "the good check-in behind the corrupt row did not arrive";
}
