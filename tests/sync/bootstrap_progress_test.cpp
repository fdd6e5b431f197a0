// Issue 14, item 6: a coach laptop's first pull shows "received of total" and the time left, in
// GET /api/v1/status and in `onthaal-agent sync`; a week's queue goes out in outbox order with
// "sent of pending". Real processes on loopback, ports picked at run time.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <sstream>
#include <vector>

#include "tests/support/child_process.hpp"
#include "tests/support/sync_fixture.hpp"
#include "tests/sync/coach_laptop.hpp"

using namespace onthaal::test_support;
using namespace std::chrono_literals;
using nlohmann::json;

namespace {

std::vector<std::string> lines_of(const std::string& text) {
    std::vector<std::string> lines;
    std::istringstream in(text);
    for (std::string line; std::getline(in, line);) lines.push_back(line);
    return lines;
}

std::vector<std::string> lines_starting(const std::string& text, const std::string& prefix) {
    std::vector<std::string> out;
    for (const auto& line : lines_of(text))
        if (line.starts_with(prefix)) out.push_back(line);
    return out;
}

struct CoachSite {
    explicit CoachSite(int clients) {
        central.add_site("s1");
        token = add_coach_device(dir, central, "laptop1");
        central.import_json("s1", coach_caseload(clients));
        central.start();
        expected = changes_for_coach(central);
    }
    TempDir dir;
    CentralProcess central{dir};
    std::string token;
    std::int64_t expected = 0;
};

}  // namespace

TEST(BootstrapProgress, AFreshLaptopShowsReceivedOfTotalFromZeroToAllInItsStatus) {
    CoachSite site(1500);
    ASSERT_EQ(site.expected, 1 + 3 * 1500) << "the caseload is not what this test counts on";
    AgentProcess agent(site.dir, {"s1", site.token, site.central.url(), "laptop",
                                  R"(, "role": "coach", "sync_pull_page_size": 50)"});
    agent.start();
    // Asked as often as an answer comes (eventually()'s 50 ms would see only a few pages).
    std::vector<json> seen;
    const auto deadline = std::chrono::steady_clock::now() + 60s;
    bool done = false;
    while (!done && std::chrono::steady_clock::now() < deadline) {
        const json p = agent.status().value("pull_progress", json::object());
        if (!p.empty()) seen.push_back(p);
        done = p.value("active", true) == false && p.value("received", 0L) > 0;
    }
    ASSERT_TRUE(done) << agent.stderr_text();
    const json last = seen.back();
    EXPECT_EQ(last["received"], site.expected);
    EXPECT_EQ(last["total"], site.expected);
    EXPECT_EQ(last["seconds_left"], 0);
    EXPECT_TRUE(last["started_at"].is_string());
    EXPECT_TRUE(last["finished_at"].is_string());
    std::int64_t before = 0;
    int midway = 0;
    for (const json& p : seen) {
        if (!p["active"].get<bool>()) continue;
        EXPECT_EQ(p["total"], site.expected) << p.dump();
        EXPECT_GE(p["received"].get<std::int64_t>(), before) << "progress went backwards";
        before = p["received"].get<std::int64_t>();
        if (before > 0 && before < site.expected) ++midway;
        if (before > 0) {
            EXPECT_TRUE(p["seconds_left"].is_number_integer()) << p.dump();
        }
    }
    EXPECT_GT(midway, 0) << "no status answer showed the pull under way; seen " << seen.size();
    EXPECT_EQ(agent.status()["pull_cursor"], site.expected) << "the cursor is not past them all";
}

TEST(BootstrapProgress, TheSyncCommandPrintsPullAndPushProgressAndASummary) {
    CoachSite site(1500);
    AgentProcess laptop(site.dir, {"s1", site.token, site.central.url(), "laptop",
                                   R"(, "role": "coach", "sync_batch_size": 500)"});
    const std::string config = site.dir.file("laptop.json");
    const std::string total = std::to_string(site.expected);

    const auto first = run_command({ONTHAAL_AGENT_BINARY, "sync", "--config", config});
    ASSERT_EQ(first.exit_code, 0) << first.err;
    const auto pull = lines_starting(first.err, "pull: ");
    ASSERT_GE(pull.size(), 2u) << first.err;
    EXPECT_EQ(pull.front(), "pull: 0 of " + total + " changes (0%)") << first.err;
    EXPECT_EQ(pull.back(), "pull: " + total + " of " + total + " changes, done") << first.err;
    EXPECT_NE(first.out.find("pulled " + total + " changes in "), std::string::npos) << first.out;

    // A week offline: 1,200 outcomes queued, pushed in three batches, in the order recorded.
    queue_outcomes(laptop.store_path(), 1200);
    const auto second = run_command({ONTHAAL_AGENT_BINARY, "sync", "--config", config});
    ASSERT_EQ(second.exit_code, 0) << second.err;
    const auto push = lines_starting(second.err, "push: ");
    ASSERT_GE(push.size(), 2u) << second.err;
    EXPECT_EQ(push.front(), "push: 0 of 1200 mutations (0%)") << second.err;
    EXPECT_EQ(push.back(), "push: 1200 of 1200 mutations, done") << second.err;
    EXPECT_NE(second.out.find("pushed 1200 mutations in "), std::string::npos) << second.out;
    onthaal::store::Database db = onthaal::store::Database::open(site.central.db());
    onthaal::store::Statement q = db.prepare(
        "SELECT appointment_id FROM attendance_event WHERE kind = 'present' ORDER BY seq");
    int received = 0;
    for (; q.step(); ++received) {
        ASSERT_EQ(q.column_text(0), "a" + std::to_string(received))
            << "central received the queue out of its order";
    }
    EXPECT_EQ(received, 1200);
}
