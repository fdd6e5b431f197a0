#include "sync/retry_backoff.hpp"

#include <gtest/gtest.h>

#include <set>

using namespace std::chrono_literals;
using onthaal::sync::RetryBackoff;

TEST(RetryBackoff, CeilingDoublesPerFailureUpToTheCap) {
    RetryBackoff backoff(500ms, 8000ms, 1);
    const std::chrono::milliseconds expected[] = {500ms,  1000ms, 2000ms, 4000ms,
                                                  8000ms, 8000ms, 8000ms};
    for (auto ceiling : expected) {
        EXPECT_EQ(backoff.ceiling(), ceiling);
        const auto delay = backoff.next_delay();
        EXPECT_GE(delay, 0ms);
        EXPECT_LE(delay, ceiling);
    }
}

TEST(RetryBackoff, DelaysAreJitteredNotInLockStep) {
    std::set<long> seen;
    for (std::uint64_t seed = 0; seed < 20; ++seed) {
        RetryBackoff backoff(1000ms, 60000ms, seed);
        for (int i = 0; i < 5; ++i) backoff.next_delay();
        seen.insert(static_cast<long>(backoff.next_delay().count()));
    }
    EXPECT_GT(seen.size(), 15u) << "twenty agents would retry at nearly the same moment";
}

TEST(RetryBackoff, RetryAfterWinsWhenLonger) {
    RetryBackoff backoff(100ms, 200ms, 3);
    EXPECT_EQ(backoff.next_delay(30000ms), 30000ms);
    EXPECT_LE(backoff.next_delay(1ms), 200ms);
}

TEST(RetryBackoff, SuccessResetsAndManyFailuresNeverOverflow) {
    RetryBackoff backoff(1000ms, 3600000ms, 5);
    for (int i = 0; i < 500; ++i) EXPECT_LE(backoff.next_delay(), 3600000ms);
    EXPECT_EQ(backoff.ceiling(), 3600000ms);
    backoff.reset();
    EXPECT_EQ(backoff.ceiling(), 1000ms);
}
