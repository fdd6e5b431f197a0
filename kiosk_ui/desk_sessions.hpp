// Staff sign-in for the reception desk, checked offline against the argon2id hashes that arrive
// with the staff records (libsodium's crypto_pwhash_str_verify).
//
// A session is a random token in an HttpOnly, SameSite=Strict cookie plus a separate CSRF token
// the page must echo in X-CSRF-Token on every change. Sessions end on logout or after the idle
// timeout. Wrong passwords are rate limited per username. Sessions live in memory: a restart of
// the agent signs everyone out, which is the safe direction.
// Thread: the agent's I/O thread. Failure: never throws for bad credentials (nullopt).
#pragma once

#include <chrono>
#include <map>
#include <optional>
#include <string>

#include "domain/time_text.hpp"
#include "local_store/sqlite_database.hpp"

namespace onthaal::http {

struct DeskSession {
    std::string token;
    std::string csrf_token;
    std::string staff_id;
    std::string staff_name;
    domain::Instant last_seen;
};

enum class LoginFailure { wrong_credentials, paused };

class DeskSessions {
  public:
    DeskSessions(store::Database& db, std::chrono::minutes idle_timeout, int max_failed,
                 std::chrono::seconds pause)
        : db_(db), idle_timeout_(idle_timeout), max_failed_(max_failed), pause_(pause) {}

    // A new session, or why not.
    std::optional<DeskSession> login(const std::string& username, const std::string& password,
                                     domain::Instant now, LoginFailure& why);
    // The session for a cookie token, refreshed; nullopt when unknown or idle too long.
    std::optional<DeskSession> find(const std::string& token, domain::Instant now);
    void logout(const std::string& token);

  private:
    struct Attempts {
        int failed = 0;
        std::optional<domain::Instant> paused_until;
    };
    store::Database& db_;
    std::chrono::minutes idle_timeout_;
    int max_failed_;
    std::chrono::seconds pause_;
    std::map<std::string, DeskSession> sessions_;
    std::map<std::string, Attempts> attempts_;
};

// The value of cookie `name` in a Cookie header, or "".
std::string cookie_value(const std::string& header, const std::string& name);

}  // namespace onthaal::http
