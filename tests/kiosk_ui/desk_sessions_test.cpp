#include "kiosk_ui/desk_sessions.hpp"

#include <gtest/gtest.h>
#include <sodium.h>

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
};

TEST_F(DeskSessionsTest, RightPasswordGivesASessionWithSeparateTokens) {
    const auto s = sessions.login("els", "correct-horse-1", now, why);
    ASSERT_TRUE(s);
    EXPECT_EQ(s->staff_name, "Els");
    EXPECT_GE(s->token.size(), 32u);
    EXPECT_NE(s->token, s->csrf_token);
    EXPECT_TRUE(sessions.find(s->token, now + 1min));
    EXPECT_FALSE(sessions.find("forged", now));
}

TEST_F(DeskSessionsTest, WrongPasswordsPauseTheUsernameEvenForTheRightOne) {
    for (int i = 0; i < 3; ++i) EXPECT_FALSE(sessions.login("els", "guess", now, why));
    EXPECT_FALSE(sessions.login("els", "correct-horse-1", now + 10s, why));
    EXPECT_EQ(why, http::LoginFailure::paused);
    EXPECT_TRUE(sessions.login("els", "correct-horse-1", now + 61s, why));
    EXPECT_FALSE(sessions.login("nobody", "correct-horse-1", now, why));
    EXPECT_EQ(why, http::LoginFailure::wrong_credentials);
}

TEST_F(DeskSessionsTest, IdleSessionsEndAndLogoutEndsAtOnce) {
    const auto s = sessions.login("els", "correct-horse-1", now, why);
    ASSERT_TRUE(s);
    EXPECT_TRUE(sessions.find(s->token, now + 14min));  // activity refreshes
    EXPECT_TRUE(sessions.find(s->token, now + 28min));
    EXPECT_FALSE(sessions.find(s->token, now + 44min)) << "idle for 16 minutes";
    const auto again = sessions.login("els", "correct-horse-1", now, why);
    sessions.logout(again->token);
    EXPECT_FALSE(sessions.find(again->token, now));
}

TEST(CookieValue, FindsTheNamedCookie) {
    EXPECT_EQ(http::cookie_value("a=1; onthaal_desk=abc; b=2", "onthaal_desk"), "abc");
    EXPECT_EQ(http::cookie_value("onthaal_desk=xyz", "onthaal_desk"), "xyz");
    EXPECT_EQ(http::cookie_value("x_onthaal_desk=no", "onthaal_desk"), "");
    EXPECT_EQ(http::cookie_value("", "onthaal_desk"), "");
}
