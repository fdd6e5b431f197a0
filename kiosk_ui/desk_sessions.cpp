#include "kiosk_ui/desk_sessions.hpp"

#include <sodium.h>

#include <algorithm>
#include <stdexcept>
#include <vector>

#include "domain/staff_password.hpp"
#include "log/event_log.hpp"

namespace onthaal::http {
namespace {

// Secret tokens are pure randomness (not mutation ids, whose first part is a timestamp).
std::string random_token(std::size_t bytes) {
    std::vector<unsigned char> raw(bytes);
    randombytes_buf(raw.data(), raw.size());
    std::string hex(bytes * 2 + 1, '\0');
    sodium_bin2hex(hex.data(), hex.size(), raw.data(), raw.size());
    hex.pop_back();
    return hex;
}

// An unknown username is checked against this, so that it costs what a known one costs. Made
// once, by the function that hashes staff passwords, so its parameters are theirs.
const std::string& dummy_hash() {
    static const std::string hash = [] {
        if (sodium_init() < 0) throw std::runtime_error("libsodium could not be initialised");
        const auto made = domain::hash_staff_password(random_token(32));
        if (!made) throw std::runtime_error("not enough memory for the desk's dummy hash");
        return *made;
    }();
    return hash;
}

// Sizes the tables so that none holds more than 2^17 failure instants (1 MiB).
RecentFailures failure_table(int max_failures, std::chrono::seconds window) {
    const std::size_t keys = std::min<std::size_t>(10000, (1u << 17) / std::max(1, max_failures));
    return RecentFailures(max_failures, window, keys);
}

std::string user_at(const std::string& username, const std::string& source) {
    return username + '\n' + source;  // a username has no newline: the JSON text is cut at 64
}

}  // namespace

DeskSessions::DeskSessions(store::Database& db, std::chrono::minutes idle_timeout, int max_failed,
                           std::chrono::seconds pause)
    : db_(db),
      idle_timeout_(idle_timeout),
      by_user_at_source_(failure_table(max_failed, pause)),
      by_source_(failure_table(4 * max_failed, 10 * pause)),
      by_user_(failure_table(20 * max_failed, 10 * pause)) {}

void DeskSessions::warm_up() {
    dummy_hash();
}

bool DeskSessions::paused(const std::string& username, const std::string& source,
                          domain::Instant now) const {
    return by_user_at_source_.paused_until(user_at(username, source), now) ||
           by_source_.paused_until(source, now) || by_user_.paused_until(username, now);
}

void DeskSessions::failed(const std::string& username, const std::string& source,
                          domain::Instant now) {
    by_user_at_source_.failed(user_at(username, source), now);
    by_source_.failed(source, now);
    by_user_.failed(username, now);
    const char* scope = by_user_.paused_until(username, now)   ? "username"
                        : by_source_.paused_until(source, now) ? "source"
                        : by_user_at_source_.paused_until(user_at(username, source), now)
                            ? "username_at_source"
                            : nullptr;
    if (scope) log::warn("desk.login_paused", {{"scope", scope}});
}

std::optional<DeskSession> DeskSessions::login(const std::string& username,
                                               const std::string& password,
                                               const std::string& source, domain::Instant now,
                                               LoginFailure& why) {
    const std::string user = username.substr(0, 64);
    if (paused(user, source, now)) {
        why = LoginFailure::paused;
        return std::nullopt;
    }
    auto q = db_.cached(
        "SELECT id, name, password_hash FROM staff_account WHERE username = ? AND active = 1"
        " AND password_hash IS NOT NULL");
    q->bind_all(username);
    const bool found = q->step();
    // Always one argon2id check, known username or not (see dummy_hash).
    const bool matches =
        domain::staff_password_matches(found ? q->column_text(2) : dummy_hash(), password);
    if (!found || !matches) {
        why = LoginFailure::wrong_credentials;
        failed(user, source, now);
        return std::nullopt;
    }
    by_user_at_source_.forget(user_at(user, source));
    DeskSession session{random_token(32), random_token(16), q->column_text(0), q->column_text(1),
                        now};
    sessions_[session.token] = session;
    log::info("desk.signed_in", {{"staff_id", session.staff_id}});
    return session;
}

std::optional<DeskSession> DeskSessions::find(const std::string& token, domain::Instant now) {
    const auto it = sessions_.find(token);
    if (it == sessions_.end()) return std::nullopt;
    if (now - it->second.last_seen > idle_timeout_) {
        sessions_.erase(it);
        return std::nullopt;
    }
    it->second.last_seen = now;
    return it->second;
}

void DeskSessions::logout(const std::string& token) {
    sessions_.erase(token);
}

std::string cookie_value(const std::string& header, const std::string& name) {
    size_t pos = 0;
    while (pos < header.size()) {
        while (pos < header.size() && (header[pos] == ' ' || header[pos] == ';')) ++pos;
        const auto end = header.find(';', pos);
        const std::string pair =
            header.substr(pos, end == std::string::npos ? std::string::npos : end - pos);
        const auto eq = pair.find('=');
        if (eq != std::string::npos && pair.substr(0, eq) == name) return pair.substr(eq + 1);
        if (end == std::string::npos) break;
        pos = end + 1;
    }
    return "";
}

}  // namespace onthaal::http
