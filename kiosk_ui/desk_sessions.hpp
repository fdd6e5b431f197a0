// Staff sign-in for the reception desk, checked offline against the argon2id hashes that arrive
// with the staff records (domain/staff_password.hpp).
//
// A session is a random token in an HttpOnly, SameSite=Strict cookie plus a separate CSRF token
// the page must echo in X-CSRF-Token on every change. Sessions end on logout or after the idle
// timeout. Sessions live in memory: a restart of the agent signs everyone out, which is the safe
// direction.
//
// Wrong passwords are limited in sliding windows (RecentFailures), so that a stranger locks out
// only their own attempts:
//  * per username at one source address: `max_failed` per `pause` (the pause a guesser meets);
//  * per source address, across usernames: 4 x `max_failed` per 10 x `pause`;
//  * per username from all sources: 20 x `max_failed` per 10 x `pause`, a ceiling that needs
//    five addresses to reach, so a stranger at one address never locks out the desk PC.
// A success forgets only its own (username, source) failures. An unknown username is checked
// against a dummy argon2id hash made once with the staff hashes' parameters, so it costs the same
// time as a known one and the answer time does not tell which usernames exist. The failure tables
// hold at most 2^17 instants each (1 MiB) and at most 10,000 keys.
// Thread: the agent's I/O thread. Failure: never throws for bad credentials (nullopt);
// std::runtime_error when the dummy hash cannot be made (out of memory).
#pragma once

#include <chrono>
#include <map>
#include <optional>
#include <string>

#include "domain/time_text.hpp"
#include "kiosk_ui/recent_failures.hpp"
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
                 std::chrono::seconds pause);

    // A new session, or why not. `source` is the client's address (HttpRequest::source).
    std::optional<DeskSession> login(const std::string& username, const std::string& password,
                                     const std::string& source, domain::Instant now,
                                     LoginFailure& why);
    // Makes the dummy hash now (about as long as one sign-in), so the first unknown username is
    // not the one that pays for it. The agent calls it before it listens.
    static void warm_up();
    // The session for a cookie token, refreshed; nullopt when unknown or idle too long.
    std::optional<DeskSession> find(const std::string& token, domain::Instant now);
    void logout(const std::string& token);

  private:
    bool paused(const std::string& username, const std::string& source, domain::Instant now) const;
    void failed(const std::string& username, const std::string& source, domain::Instant now);

    store::Database& db_;
    std::chrono::minutes idle_timeout_;
    std::map<std::string, DeskSession> sessions_;
    RecentFailures by_user_at_source_;
    RecentFailures by_source_;
    RecentFailures by_user_;
};

// The value of cookie `name` in a Cookie header, or "".
std::string cookie_value(const std::string& header, const std::string& name);

}  // namespace onthaal::http
