#include "kiosk_ui/guess_limiter.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <iostream>

using namespace onthaal;
using namespace std::chrono_literals;

namespace {

const domain::Instant t0 = domain::parse_instant("2026-11-23T08:00:00Z").value();
const http::KioskClient screen_a{"screen-a", "127.0.0.1"};
const http::KioskClient screen_b{"screen-b", "127.0.0.1"};

}  // namespace

// Five wrong codes paused check-in on every kiosk for 30 s, and one person kept it closed with a
// try every 6 s. Now a person guessing every 2 s keeps only their own screen closed.
TEST(GuessLimiter, OnePersonGuessingNonStopKeepsOnlyTheirOwnScreenClosed) {
    http::GuessLimiter limiter(5, 30s);
    int refused = 0;
    for (int i = 0; i < 300; ++i) {  // ten minutes
        const domain::Instant t = t0 + i * 2s;
        if (limiter.paused_for(screen_a, t)) {
            ++refused;
        } else {
            limiter.failed(screen_a, t);
        }
        ASSERT_FALSE(limiter.paused_for(screen_b, t + 1s)) << "the other screen closed at " << i;
    }
    EXPECT_GT(refused, 100) << "the guessing screen was not slowed down";
}

TEST(GuessLimiter, APausedScreenCountsDownToTheEndOfItsWindow) {
    http::GuessLimiter limiter(3, 30s);
    limiter.failed(screen_a, t0);
    limiter.failed(screen_a, t0 + 10s);
    EXPECT_FALSE(limiter.paused_for(screen_a, t0 + 10s));
    limiter.failed(screen_a, t0 + 10s);
    EXPECT_EQ(limiter.paused_for(screen_a, t0 + 10s), 20s);
    EXPECT_EQ(limiter.paused_for(screen_a, t0 + 29s), 1s);
    EXPECT_FALSE(limiter.paused_for(screen_a, t0 + 30s));
}

// A new screen id per try gains nothing: the address's own window (4 x 3) holds.
TEST(GuessLimiter, ANewScreenIdPerTryMeetsTheAddressLimit) {
    http::GuessLimiter limiter(3, 30s);
    int allowed = 0;
    for (int i = 0; i < 100; ++i) {
        const http::KioskClient rotating{"s" + std::to_string(i), "10.0.0.7"};
        if (limiter.paused_for(rotating, t0)) continue;
        limiter.failed(rotating, t0);
        ++allowed;
    }
    EXPECT_EQ(allowed, 12);
    EXPECT_FALSE(limiter.paused_for({"x", "10.0.0.8"}, t0)) << "another address is held";
}

// Many addresses on the site's network together meet one more window (6 x 3, more than one
// address may fail); the kiosk PC's own screens (loopback) are never held by it.
TEST(GuessLimiter, ManyNetworkAddressesTogetherMeetTheNetworkLimitButNotTheKioskPc) {
    http::GuessLimiter limiter(3, 30s);
    int allowed = 0;
    for (int i = 0; i < 100; ++i) {
        const http::KioskClient stranger{"s", "10.0.1." + std::to_string(i)};
        if (limiter.paused_for(stranger, t0)) continue;
        limiter.failed(stranger, t0);
        ++allowed;
    }
    EXPECT_EQ(allowed, 18);
    EXPECT_FALSE(limiter.paused_for(screen_a, t0));
    EXPECT_TRUE(limiter.paused_for({"s", "10.0.2.1"}, t0));
}

// A typo never reached a lookup, so it is no guess; only a flood of them (10 x 3) holds the
// address.
TEST(GuessLimiter, TyposAreNoGuessesButAFloodOfThemIsHeld) {
    http::GuessLimiter limiter(3, 30s);
    for (int i = 0; i < 29; ++i) limiter.mistyped(screen_a, t0);
    EXPECT_FALSE(limiter.paused_for(screen_a, t0));
    limiter.mistyped(screen_a, t0);
    EXPECT_TRUE(limiter.paused_for(screen_a, t0));
}

// docs/security.md's figure, from the limiter itself: an attacker using every try the defaults
// allow (5 per 30 s per screen) for an hour, from the kiosk PC with a new screen id each time
// and from a new network address each time, against a site with 10,000 live 9-character codes
// (8 random symbols of 31, so 31^8 possible codes).
TEST(GuessLimiter, AtTheHighestRateAllowedFewerThanOneCodePerYearIsGuessed) {
    http::GuessLimiter limiter(5, 30s);
    long allowed = 0, n = 0;
    for (int second = 0; second < 3600; ++second) {
        const domain::Instant t = t0 + second * 1s;
        for (const bool loopback : {true, false}) {
            while (true) {
                const http::KioskClient c{"s" + std::to_string(++n),
                                          loopback ? "127.0.0.1" : "10.1." + std::to_string(n)};
                if (limiter.paused_for(c, t)) break;
                limiter.failed(c, t);
                ++allowed;
            }
        }
    }
    const double per_year = allowed * 24 * 365.25;
    const double correct = per_year * 10000 / std::pow(31.0, 8);
    std::cout << allowed << " guesses per hour, " << per_year << " per year, " << correct
              << " correct per year\n";
    EXPECT_EQ(allowed, 10 * 5 * 120) << "10 x 5 per 30 s";
    EXPECT_LT(correct, 1.0);
}
