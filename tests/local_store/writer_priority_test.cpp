// The kiosk's commits go ahead of sync's inside one agent: a sync transaction gives way to a
// waiting check-in between rows, and what it committed before giving way is consistent.
#include "local_store/writer_priority.hpp"

#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <nlohmann/json.hpp>
#include <thread>
#include <vector>

#include "entities/entity_registry.hpp"
#include "local_store/store_open.hpp"
#include "local_store/sync_access.hpp"
#include "local_store/transaction.hpp"
#include "tests/support/temp_dir.hpp"

using namespace onthaal::store;
using Clock = std::chrono::steady_clock;

namespace {

// A busy timeout far above the test's own limits: without giving way, a waiting foreground
// transaction would simply wait (and the test would see that), not fail with SQLITE_BUSY.
const ConnectionSettings kPatient{60000, true};

}  // namespace

TEST(WriterPriority, ASyncTransactionGivesWayToAWaitingCheckIn) {
    onthaal::test_support::TempDir dir;
    auto priority = std::make_shared<WriterPriority>();
    Database sync = Database::open(dir.file("t.db"), kPatient);
    sync.exec("CREATE TABLE fact (id INTEGER PRIMARY KEY, source TEXT NOT NULL)");
    sync.set_writer_priority(priority, WriterRole::background);
    Database kiosk = Database::open(dir.file("t.db"), kPatient);
    kiosk.set_writer_priority(priority, WriterRole::foreground);

    std::atomic<bool> sync_began{false};
    std::atomic<bool> check_in_committed{false};
    std::thread check_in([&] {
        while (!sync_began) std::this_thread::yield();
        Transaction tx(kiosk);
        kiosk.exec("INSERT INTO fact (source) VALUES ('kiosk')");
        tx.commit();
        check_in_committed = true;
    });

    // Sync writes row after row until the check-in got through, for at most 10 s: if it did not
    // give way, the check-in would wait for the whole transaction, that is the full 10 s.
    Transaction tx(sync);
    sync_began = true;
    const auto give_up = Clock::now() + std::chrono::seconds(10);
    int sync_rows = 0;
    int kept_rows = 0;
    int discarded = 0;
    while (!check_in_committed && Clock::now() < give_up) {
        sync.cached("INSERT INTO fact (source) VALUES ('sync')")->run();
        ++sync_rows;
        if (!tx.should_yield()) continue;
        if (tx.yield() == Transaction::Yielded::discarded) {
            sync_rows = kept_rows;  // rolled back: to be written again
            ++discarded;
        } else {
            kept_rows = sync_rows;
        }
    }
    const bool check_in_went_first = check_in_committed;
    tx.commit();
    check_in.join();

    EXPECT_TRUE(check_in_went_first) << "the check-in waited for sync's whole transaction";
    EXPECT_GE(discarded, 1) << "gave way by rolling back (no fsync for the check-in to wait for)";
    EXPECT_EQ(kiosk.query_int64("SELECT count(*) FROM fact WHERE source = 'kiosk'"), 1);
    EXPECT_EQ(kiosk.query_int64("SELECT count(*) FROM fact WHERE source = 'sync'"), sync_rows);
}

// Only sync gives way: the kiosk's own transaction (which announces itself) and the desk's never
// do, however long they run.
TEST(WriterPriority, AForegroundTransactionNeverGivesWay) {
    onthaal::test_support::TempDir dir;
    auto priority = std::make_shared<WriterPriority>(std::chrono::microseconds(0));
    Database kiosk = Database::open(dir.file("t.db"));
    kiosk.set_writer_priority(priority, WriterRole::foreground);
    Transaction tx(kiosk);
    EXPECT_TRUE(priority->foreground_waiting());
    EXPECT_FALSE(tx.should_yield());
    tx.commit();
    EXPECT_FALSE(priority->foreground_waiting());
}

// Pulled changes committed before giving way carry the cursor that covers exactly them: a reader
// (or a crash) at any moment sees every change up to the cursor and none past it.
TEST(WriterPriority, PulledChangesCommittedBeforeGivingWayMatchTheCursor) {
    onthaal::test_support::TempDir dir;
    const std::string path = dir.file("agent.db");
    Database setup = open_agent_store(path);
    SyncAccess(setup).save_identity(
        {"dev-1", "site-1", onthaal::domain::DeviceRole::kiosk, std::nullopt},
        {"site-1", "Site", "A", std::vector<unsigned char>(32)});
    // A check-in stays announced for the whole page, and sync gives way at every row without
    // waiting: it rolls back and commits by turns, so it commits in the middle of every chunk.
    auto priority = std::make_shared<WriterPriority>(std::chrono::microseconds(0),
                                                     std::chrono::milliseconds(0));
    Database sync = open_agent_store_connection(path);
    sync.set_writer_priority(priority, WriterRole::background);
    Database reader = open_agent_store_connection(path);

    constexpr int kChanges = 500;
    nlohmann::json changes = nlohmann::json::array();
    for (int seq = 1; seq <= kChanges; ++seq) {
        changes.push_back({{"seq", seq},
                           {"entity", "staff"},
                           {"id", "staff-" + std::to_string(seq)},
                           {"op", "upsert"},
                           {"data", {{"name", "Staff " + std::to_string(seq)}, {"version", 1}}}});
    }
    std::atomic<bool> applied{false};
    priority->foreground_begins();
    std::thread pull([&] {
        std::vector<onthaal::protocol::PulledChange> pulled;
        for (const auto& c : changes)
            pulled.push_back(
                onthaal::protocol::PulledChange::from_json(c, c["seq"].get<int>() - 1));
        SyncAccess(sync).apply_pulled_page(pulled, kChanges, onthaal::entities::standard_registry(),
                                           "2026-11-23T08:00:00Z");
        applied = true;
    });
    // Meanwhile: what is committed, read in one snapshot (one statement), again and again.
    int inconsistent = 0;
    int looks = 0;
    int mid_chunk = 0;  // looks between two of apply_pulled_page's own 100-change commits
    while (!applied) {
        auto q = reader.cached(
            "SELECT (SELECT coalesce(max(pull_cursor), 0) FROM sync_state),"
            " (SELECT count(*) FROM staff_account)");
        ASSERT_TRUE(q->step());
        const auto cursor = q->column_int64(0);
        if (q->column_int64(1) != cursor) ++inconsistent;
        if (cursor % 100 != 0) ++mid_chunk;
        ++looks;
    }
    pull.join();
    priority->foreground_ends();
    EXPECT_EQ(inconsistent, 0) << "of " << looks << " looks";
    EXPECT_GT(mid_chunk, 0) << "sync never gave way in the middle of a chunk";
    EXPECT_EQ(SyncAccess(reader).pull_cursor(), kChanges);
    EXPECT_EQ(reader.query_int64("SELECT count(*) FROM staff_account"), kChanges);
}
