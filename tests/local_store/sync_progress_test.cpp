// SyncProgress (local_store/sync_progress.hpp): a round's "done of total", its estimate of the
// time left from the rate so far, on a clock the test moves; and why sync stopped, in words.
#include "local_store/sync_progress.hpp"

#include <gtest/gtest.h>

#include <vector>

using namespace onthaal::store;
using namespace std::chrono_literals;

namespace {

struct FakeSteadyClock {
    std::chrono::steady_clock::time_point now{};
    SyncProgress::SteadyClock fn() {
        return [this] { return now; };
    }
};

}  // namespace

TEST(SyncProgress, EstimatesTheTimeLeftFromTheRateOfTheWholeRound) {
    FakeSteadyClock clock;
    SyncProgress progress(clock.fn());
    EXPECT_FALSE(progress.snapshot(SyncDirection::pull).active);
    progress.begin(SyncDirection::pull, "2026-11-23T08:00:00Z", 10000);
    auto p = progress.snapshot(SyncDirection::pull);
    EXPECT_TRUE(p.active);
    EXPECT_EQ(p.done, 0);
    EXPECT_EQ(p.total, 10000);
    EXPECT_EQ(p.started_at, "2026-11-23T08:00:00Z");
    EXPECT_FALSE(p.seconds_left) << "no rate yet";

    clock.now += 2s;
    progress.advance(SyncDirection::pull, 1000, 10000);
    EXPECT_EQ(progress.snapshot(SyncDirection::pull).seconds_left, 18);  // 500/s, 9,000 to go
    clock.now += 2s;
    progress.advance(SyncDirection::pull, 4000, 10000);
    EXPECT_EQ(progress.snapshot(SyncDirection::pull).seconds_left, 6);  // 1,000/s, 6,000 to go

    progress.finish(SyncDirection::pull, "2026-11-23T08:00:09Z");
    p = progress.snapshot(SyncDirection::pull);
    EXPECT_FALSE(p.active);
    EXPECT_EQ(p.finished_at, "2026-11-23T08:00:09Z");
    EXPECT_EQ(p.seconds_left, 6) << "a round that stopped short keeps its last estimate";
    EXPECT_FALSE(progress.snapshot(SyncDirection::push).active) << "push is a round of its own";
}

TEST(SyncProgress, ATotalNeverReadsBelowWhatIsDoneAndAFinishedRoundHasNothingLeft) {
    FakeSteadyClock clock;
    SyncProgress progress(clock.fn());
    progress.begin(SyncDirection::push, "t0", 100);
    clock.now += 1s;
    progress.advance(SyncDirection::push, 120, 100);  // facts recorded during the round
    EXPECT_EQ(progress.snapshot(SyncDirection::push).total, 120);
    progress.advance(SyncDirection::push, 130, std::nullopt);
    EXPECT_EQ(progress.snapshot(SyncDirection::push).total, 120) << "unknown keeps the last";
    progress.advance(SyncDirection::push, 150, 150);
    progress.finish(SyncDirection::push, "t1");
    EXPECT_EQ(progress.snapshot(SyncDirection::push).seconds_left, 0);
}

TEST(SyncProgress, TheListenerSeesEveryChangeAndKeepsItsOwnState) {
    SyncProgress progress;
    std::vector<std::int64_t> seen;
    int calls = 0;
    progress.set_listener([&seen, calls](SyncDirection, const TransferProgress& p) mutable {
        seen.push_back(p.done * 10 + ++calls);  // `calls` lives in the listener: never copied
    });
    progress.begin(SyncDirection::pull, "t0", 3);
    progress.advance(SyncDirection::pull, 3, 3);
    progress.finish(SyncDirection::pull, "t1");
    EXPECT_EQ(seen, (std::vector<std::int64_t>{1, 32, 33}));
}

TEST(SyncStop, NamesWhyInPlainWordsOnlyWhenCentralRefusesTheDevice) {
    SyncStatusSnapshot s;
    s.state = onthaal::protocol::SyncState::offline;
    s.last_error = "push: connect: Connection refused";
    EXPECT_FALSE(sync_stop(s)) << "offline is no stop";

    s.state = onthaal::protocol::SyncState::device_not_authorised;
    s.last_error = "device_revoked: central answered 401 to push";
    s.pending = 2;
    s.quarantined = 1;
    const auto revoked = sync_stop(s);
    ASSERT_TRUE(revoked);
    EXPECT_EQ(revoked->reason, "device_revoked");
    EXPECT_NE(revoked->message_nl.find("Centraal aanvaardt dit toestel niet meer"),
              std::string::npos);
    EXPECT_NE(revoked->message_nl.find("De 3 gegevens"), std::string::npos) << revoked->message_nl;
    EXPECT_NE(revoked->message_en.find("export-unsynced"), std::string::npos);

    s.last_error = "wrong_site: device token belongs to site 'x'";
    EXPECT_EQ(sync_stop(s)->reason, "wrong_site");
}
