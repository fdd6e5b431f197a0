// Issue 14, item 6: a laptop's wall clock is set back and forward by days (a wrong clock fixed by
// hand, a dead CMOS battery, a resume that corrects it) while it is offline with facts to push.
// The agent runs with tests/support/wall_clock_shift.cpp preloaded, which moves only its wall
// clock: a sync wait measured on the wall clock would then sleep for days (it did fail so when
// SyncWorker::sleep_for waited on system_clock), and an outbox sent by time or by the
// time-ordered mutation ids would reach central out of order.
#include <gtest/gtest.h>

#include <cstdlib>
#include <nlohmann/json.hpp>
#include <thread>
#include <vector>

#include "local_store/sqlite_database.hpp"
#include "tests/support/sync_fixture.hpp"

using namespace onthaal::test_support;
using namespace std::chrono_literals;
using nlohmann::json;

namespace {

constexpr int kThreeDaysMin = 3 * 24 * 60;

// The shim is not sanitised; a sanitised agent must not refuse it for coming first.
std::string asan_options() {
    const char* inherited = std::getenv("ASAN_OPTIONS");
    return (inherited ? std::string(inherited) + ":" : std::string()) + "verify_asan_link_order=0";
}

void set_shift(const std::string& file, int minutes) {
    write_file(file, std::to_string(minutes * 60L));
    std::this_thread::sleep_for(50ms);  // the shim reads the file at most every 10 ms
}

std::int64_t query(const std::string& db_path, const std::string& sql) {
    onthaal::store::Database db = onthaal::store::Database::open(db_path);
    return db.query_int64(sql);
}

// Central's check-ins in the order it received them, and the mutation ids of that order.
std::vector<std::string> received(const std::string& central_db, const char* column) {
    onthaal::store::Database db = onthaal::store::Database::open(central_db);
    onthaal::store::Statement q = db.prepare(std::string("SELECT ") + column +
                                             " FROM attendance_event WHERE kind = 'checked_in'"
                                             " ORDER BY seq");
    std::vector<std::string> out;
    while (q.step()) out.push_back(q.column_text(0));
    return out;
}

}  // namespace

TEST(ClockJump, AWallClockSetBackOrForwardByDaysNeitherStallsSyncNorReordersTheOutbox) {
    TempDir dir;
    const std::string shift = dir.file("clock-shift");
    write_file(shift, "0");
    CentralProcess central(dir);
    central.add_site("s1");
    const std::string token = central.add_device("s1", "desk1", "desk");
    central.import_appointments("s1", 1, "a");                  // now
    central.import_appointments("s1", 1, "b", -kThreeDaysMin);  // three days ago
    central.import_appointments("s1", 1, "c", kThreeDaysMin);   // in three days
    central.start();
    AgentOptions options{"s1", token, central.url(), "agent", R"(, "role": "desk")"};
    options.env = {{"LD_PRELOAD", ONTHAAL_WALL_CLOCK_SHIFT},
                   {"TEST_WALL_CLOCK_SHIFT_FILE", shift},
                   {"ASAN_OPTIONS", asan_options()}};
    AgentProcess agent(dir, options);
    agent.start();
    const auto feed = query(central.db(), "SELECT max(seq) FROM change_log");
    ASSERT_TRUE(eventually([&] { return agent.status().value("pull_cursor", 0L) >= feed; }, 15s))
        << agent.stderr_text();

    // Offline, a check-in at each of three clock settings. Each is accepted only within its
    // appointment's window by the agent's clock: proof the clock did move.
    const auto port = central.port();
    central.stop();
    ASSERT_EQ(agent.check_in(code_for(0)), 200);
    set_shift(shift, -kThreeDaysMin);
    ASSERT_EQ(agent.check_in(checked_code_for("b", 0)), 200) << "the clock did not go back";
    set_shift(shift, kThreeDaysMin);
    ASSERT_EQ(agent.check_in(checked_code_for("c", 0)), 200) << "the clock did not go forward";
    EXPECT_EQ(agent.status()["pending_mutations"], 3);
    // Retrying meanwhile, the worker begins its waits with the clock three days ahead.
    std::this_thread::sleep_for(1500ms);

    central.start(port);
    ASSERT_TRUE(eventually(
        [&] {
            const json s = agent.status();
            return s["pending_mutations"] == 0 && s["quarantined_mutations"] == 0;
        },
        20s))
        << "sync stalled after the clock jumped: " << agent.status().dump();
    agent.stop();
    EXPECT_EQ(received(central.db(), "appointment_id"),
              (std::vector<std::string>{"a0", "b0", "c0"}))
        << "central received the facts in another order than they were recorded";
    const auto ids = received(central.db(), "mutation_id");
    ASSERT_EQ(ids.size(), 3u);
    EXPECT_LT(ids[1], ids[0]) << "the ids were meant to run against the outbox order";
}
