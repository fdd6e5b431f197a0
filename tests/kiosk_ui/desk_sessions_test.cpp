#include "kiosk_ui/desk_sessions.hpp"

#include <gtest/gtest.h>
#include <sodium.h>

#include <algorithm>
#include <iostream>
#include <vector>

#include "domain/staff_password.hpp"
#include "local_store/store_open.hpp"
#include "tests/support/temp_dir.hpp"

using namespace onthaal;
using namespace std::chrono_literals;

class DeskSessionsTest : public ::testing::Test {
  protected:
    void SetUp() override {
        ASSERT_GE(sodium_init(), 0);
        char hash[crypto_pwhash_STRBYTES];
        const std::string password = "correct-horse-1";
        ASSERT_EQ(crypto_pwhash_str(hash, password.c_str(), password.size(),
                                    crypto_pwhash_OPSLIMIT_MIN, crypto_pwhash_MEMLIMIT_MIN),
                  0);
        db.exec("INSERT INTO site VALUES ('s1', 'Site', 'O', NULL)");
        db.prepare(
              "INSERT INTO staff_account (id, site_id, name, username, password_hash) VALUES "
              "('st1', 's1', 'Els', 'els', ?)")
            .bind(1, std::string(hash))
            .run();
    }
    test_support::TempDir dir;
    store::Database db = store::open_agent_store(dir.file("a.db"));
    domain::Instant now = domain::parse_instant("2026-11-23T09:00:00Z").value();
    http::DeskSessions sessions{db, std::chrono::minutes(15), 3, std::chrono::seconds(60)};
    http::LoginFailure why = http::LoginFailure::wrong_credentials;
    const std::string desk_pc = "127.0.0.1";
};

TEST_F(DeskSessionsTest, RightPasswordGivesASessionWithSeparateTokens) {
    const auto s = sessions.login("els", "correct-horse-1", desk_pc, now, why);
    ASSERT_TRUE(s);
    EXPECT_EQ(s->staff_name, "Els");
    EXPECT_GE(s->token.size(), 32u);
    EXPECT_NE(s->token, s->csrf_token);
    EXPECT_TRUE(sessions.find(s->token, now + 1min));
    EXPECT_FALSE(sessions.find("forged", now));
}

TEST_F(DeskSessionsTest, WrongPasswordsPauseTheUsernameEvenForTheRightOne) {
    for (int i = 0; i < 3; ++i) EXPECT_FALSE(sessions.login("els", "guess", desk_pc, now, why));
    EXPECT_FALSE(sessions.login("els", "correct-horse-1", desk_pc, now + 10s, why));
    EXPECT_EQ(why, http::LoginFailure::paused);
    EXPECT_TRUE(sessions.login("els", "correct-horse-1", desk_pc, now + 61s, why));
    EXPECT_FALSE(sessions.login("nobody", "correct-horse-1", desk_pc, now, why));
    EXPECT_EQ(why, http::LoginFailure::wrong_credentials);
}

TEST_F(DeskSessionsTest, IdleSessionsEndAndLogoutEndsAtOnce) {
    const auto s = sessions.login("els", "correct-horse-1", desk_pc, now, why);
    ASSERT_TRUE(s);
    EXPECT_TRUE(sessions.find(s->token, now + 14min));  // activity refreshes
    EXPECT_TRUE(sessions.find(s->token, now + 28min));
    EXPECT_FALSE(sessions.find(s->token, now + 44min)) << "idle for 16 minutes";
    const auto again = sessions.login("els", "correct-horse-1", desk_pc, now, why);
    sessions.logout(again->token);
    EXPECT_FALSE(sessions.find(again->token, now));
}

// Issue 12, item 8: five wrong passwords from anywhere paused the username for everyone, again
// and again. Now the pause is the stranger's own: the desk PC signs in between their rounds.
TEST_F(DeskSessionsTest, AStrangerHammeringAUsernamePausesOnlyTheirOwnAddress) {
    const std::string stranger = "10.0.0.66";
    for (int round = 0; round < 3; ++round) {
        const domain::Instant t = now + round * 61s;
        for (int i = 0; i < 3; ++i) EXPECT_FALSE(sessions.login("els", "guess", stranger, t, why));
        EXPECT_FALSE(sessions.login("els", "correct-horse-1", stranger, t + 1s, why));
        EXPECT_EQ(why, http::LoginFailure::paused) << "round " << round;
        EXPECT_TRUE(sessions.login("els", "correct-horse-1", desk_pc, t + 2s, why))
            << "round " << round << ": the stranger locked the real user out";
    }
}

// One address trying a different username each time meets the per-source limit (4 x 3).
TEST_F(DeskSessionsTest, OneAddressTryingManyUsernamesIsPausedAcrossThem) {
    const std::string stranger = "10.0.0.67";
    for (int i = 0; i < 12; ++i) {
        EXPECT_FALSE(
            sessions.login("user" + std::to_string(i), "guess", stranger, now + i * 1s, why));
        EXPECT_EQ(why, http::LoginFailure::wrong_credentials) << i;
    }
    EXPECT_FALSE(sessions.login("els", "correct-horse-1", stranger, now + 13s, why));
    EXPECT_EQ(why, http::LoginFailure::paused);
    EXPECT_TRUE(sessions.login("els", "correct-horse-1", desk_pc, now + 13s, why));
}

// The ceiling per username from all addresses (20 x 3) needs many addresses; then it holds for
// everyone until its window has passed.
TEST_F(DeskSessionsTest, ManyAddressesTogetherReachTheUsernamesCeiling) {
    for (int a = 0; a < 20; ++a) {
        for (int i = 0; i < 3; ++i)
            EXPECT_FALSE(sessions.login("els", "guess", "10.0.1." + std::to_string(a), now, why));
    }
    EXPECT_FALSE(sessions.login("els", "correct-horse-1", desk_pc, now + 30s, why));
    EXPECT_EQ(why, http::LoginFailure::paused);
    EXPECT_TRUE(sessions.login("els", "correct-horse-1", desk_pc, now + 601s, why));
}

// An unknown username answered in 0.1 ms, a known one in 76 ms: the time told which usernames
// exist. Both now cost one argon2id check with the staff hashes' parameters.
TEST(DeskSignInTiming, AnUnknownUsernameCostsAsMuchAsAKnownOne) {
    test_support::TempDir dir;
    store::Database db = store::open_agent_store(dir.file("a.db"));
    db.exec("INSERT INTO site VALUES ('s1', 'Site', 'O', NULL)");
    db.prepare(
          "INSERT INTO staff_account (id, site_id, name, username, password_hash) VALUES "
          "('st1', 's1', 'Els', 'els', ?)")
        .bind(1, domain::hash_staff_password("correct-horse-1").value())
        .run();
    http::DeskSessions sessions{db, std::chrono::minutes(15), 100, std::chrono::seconds(60)};
    http::DeskSessions::warm_up();
    const auto now = domain::parse_instant("2026-11-23T09:00:00Z").value();
    http::LoginFailure why = http::LoginFailure::wrong_credentials;
    std::vector<double> known, unknown;
    const auto time_one = [&](const std::string& username, int i) {
        const auto started = std::chrono::steady_clock::now();
        EXPECT_FALSE(
            sessions.login(username, "wrong-guess", "10.0.2." + std::to_string(i), now, why));
        return std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    };
    for (int i = 0; i < 5; ++i) {  // interleaved, so a busy moment hits both alike
        known.push_back(time_one("els", i));
        unknown.push_back(time_one("nobody" + std::to_string(i), i));
    }
    const auto median = [](std::vector<double> v) {
        std::sort(v.begin(), v.end());
        return v[v.size() / 2];
    };
    const double ratio = median(unknown) / median(known);
    std::cout << "unknown/known sign-in time: " << ratio << "\n";
    EXPECT_GT(ratio, 0.5);
    EXPECT_LT(ratio, 2.0);
}

TEST(CookieValue, FindsTheNamedCookie) {
    EXPECT_EQ(http::cookie_value("a=1; onthaal_desk=abc; b=2", "onthaal_desk"), "abc");
    EXPECT_EQ(http::cookie_value("onthaal_desk=xyz", "onthaal_desk"), "xyz");
    EXPECT_EQ(http::cookie_value("x_onthaal_desk=no", "onthaal_desk"), "");
    EXPECT_EQ(http::cookie_value("", "onthaal_desk"), "");
}
