#include "kiosk_ui/recent_failures.hpp"

#include <gtest/gtest.h>

using namespace onthaal;
using namespace std::chrono_literals;

namespace {
const domain::Instant t0 = domain::parse_instant("2026-11-23T09:00:00Z").value();
}

TEST(RecentFailures, AtMostTheLimitFailsPerWindowWhateverTheRhythm) {
    http::RecentFailures failures(3, 60s, 100);
    failures.failed("k", t0);
    failures.failed("k", t0 + 10s);
    EXPECT_FALSE(failures.paused_until("k", t0 + 20s));
    failures.failed("k", t0 + 20s);
    EXPECT_EQ(failures.paused_until("k", t0 + 59s), t0 + 60s);  // the oldest leaves the window
    EXPECT_FALSE(failures.paused_until("k", t0 + 60s));
    failures.failed("k", t0 + 60s);
    EXPECT_EQ(failures.paused_until("k", t0 + 61s), t0 + 70s)
        << "paused until the oldest of the last three leaves the window";
    EXPECT_FALSE(failures.paused_until("other", t0 + 61s));
}

// Once 10,000 usernames had failed, the whole table was cleared, pauses included.
TEST(RecentFailures, APauseSurvivesAFloodOfNewKeysAndTheTableStaysBounded) {
    http::RecentFailures failures(3, 60s, 100);
    for (int i = 0; i < 3; ++i) failures.failed("victim", t0);
    for (int i = 0; i < 20000; ++i) failures.failed("flood" + std::to_string(i), t0 + 1s);
    EXPECT_LE(failures.keys(), 100u);
    EXPECT_EQ(failures.paused_until("victim", t0 + 2s), t0 + 60s) << "the flood dropped a pause";
}

TEST(RecentFailures, TheOldestUnpausedKeyMakesPlaceForANewOne) {
    http::RecentFailures failures(2, 60s, 3);
    failures.failed("old", t0);
    failures.failed("paused", t0 + 1s);
    failures.failed("paused", t0 + 1s);
    failures.failed("newer", t0 + 2s);
    failures.failed("new", t0 + 3s);
    failures.failed("new", t0 + 3s);
    EXPECT_EQ(failures.keys(), 3u);
    EXPECT_TRUE(failures.paused_until("paused", t0 + 4s));
    EXPECT_TRUE(failures.paused_until("new", t0 + 4s));
    failures.failed("newer", t0 + 4s);  // "old" went, not "newer": it now holds two failures
    EXPECT_TRUE(failures.paused_until("newer", t0 + 5s));
}

// When every place holds a pause, a new key cannot be counted, so it is refused (fail closed)
// until the first pause ends.
TEST(RecentFailures, AFullTableOfPausesRefusesNewKeysUntilOneEnds) {
    http::RecentFailures failures(1, 60s, 2);
    failures.failed("a", t0);
    failures.failed("b", t0 + 5s);
    EXPECT_EQ(failures.paused_until("c", t0 + 10s), t0 + 60s);
    EXPECT_FALSE(failures.paused_until("c", t0 + 60s));
    failures.failed("c", t0 + 60s);
    EXPECT_TRUE(failures.paused_until("c", t0 + 61s));
    EXPECT_TRUE(failures.paused_until("b", t0 + 61s));
}

TEST(RecentFailures, ForgetEndsOnlyThatKeysCount) {
    http::RecentFailures failures(1, 60s, 10);
    failures.failed("a", t0);
    failures.failed("b", t0);
    failures.forget("a");
    EXPECT_FALSE(failures.paused_until("a", t0 + 1s));
    EXPECT_TRUE(failures.paused_until("b", t0 + 1s));
}
