#include "kiosk_ui/desk_sessions.hpp"

#include <sodium.h>

#include <vector>

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

}  // namespace

std::optional<DeskSession> DeskSessions::login(const std::string& username,
                                               const std::string& password, domain::Instant now,
                                               LoginFailure& why) {
    // A flood of made-up usernames must not grow this map without bound; forgetting the counts
    // at worst gives a guesser a few more tries.
    if (attempts_.size() > 10000) attempts_.clear();
    Attempts& attempts = attempts_[username.substr(0, 64)];
    if (attempts.paused_until && now < *attempts.paused_until) {
        why = LoginFailure::paused;
        return std::nullopt;
    }
    auto q = db_.cached(
        "SELECT id, name, password_hash FROM staff_account WHERE username = ? AND active = 1"
        " AND password_hash IS NOT NULL");
    q->bind_all(username);
    const bool found = q->step();
    const std::string hash = found ? q->column_text(2) : std::string();
    const bool ok = found && sodium_init() >= 0 &&
                    crypto_pwhash_str_verify(hash.c_str(), password.c_str(), password.size()) == 0;
    if (!ok) {
        why = LoginFailure::wrong_credentials;
        if (++attempts.failed >= max_failed_) {
            attempts.paused_until = now + pause_;
            attempts.failed = 0;
            log::warn("desk.login_paused", {{"seconds", std::to_string(pause_.count())}});
        }
        return std::nullopt;
    }
    attempts_.erase(username.substr(0, 64));
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
