#include "kiosk_ui/guess_limiter.hpp"

#include <algorithm>

#include "log/event_log.hpp"

namespace onthaal::http {
namespace {

constexpr std::size_t kKeys = 4096;

bool is_loopback(const std::string& address) {
    return address.starts_with("127.") || address == "::1" || address.starts_with("::ffff:127.");
}

// A screen id counts only with its address: nobody elsewhere can pause a kiosk's screen by
// sending its id.
std::string screen_key(const KioskClient& client) {
    return client.source + '\n' + client.screen;
}

const std::string kNetwork = "network";

}  // namespace

GuessLimiter::GuessLimiter(int max_failed_tries, std::chrono::seconds window)
    : by_screen_(max_failed_tries, window, kKeys),
      by_source_(4 * max_failed_tries, window, kKeys),
      off_loopback_(6 * max_failed_tries, window, 1),
      typos_by_source_(10 * max_failed_tries, window, kKeys) {}

std::optional<std::chrono::seconds> GuessLimiter::paused_for(const KioskClient& client,
                                                             domain::Instant now) const {
    std::optional<domain::Instant> until;
    const auto later = [&until](std::optional<domain::Instant> end) {
        if (end && (!until || *end > *until)) until = end;
    };
    later(by_screen_.paused_until(screen_key(client), now));
    later(by_source_.paused_until(client.source, now));
    later(typos_by_source_.paused_until(client.source, now));
    if (!is_loopback(client.source)) later(off_loopback_.paused_until(kNetwork, now));
    if (!until) return std::nullopt;
    // Rounded up: a countdown that shows 0 while still refused would invite a try that fails.
    const auto wait = std::chrono::ceil<std::chrono::seconds>(*until - now);
    return std::max(wait, std::chrono::seconds(1));
}

void GuessLimiter::failed(const KioskClient& client, domain::Instant now) {
    by_screen_.failed(screen_key(client), now);
    by_source_.failed(client.source, now);
    if (!is_loopback(client.source)) off_loopback_.failed(kNetwork, now);
    // The try was allowed, so a window paused now was paused by this failure.
    const char* scope = !is_loopback(client.source) && off_loopback_.paused_until(kNetwork, now)
                            ? "network"
                        : by_source_.paused_until(client.source, now)      ? "source"
                        : by_screen_.paused_until(screen_key(client), now) ? "screen"
                                                                           : nullptr;
    if (scope) log::warn("kiosk.paused", {{"scope", scope}});
}

void GuessLimiter::mistyped(const KioskClient& client, domain::Instant now) {
    typos_by_source_.failed(client.source, now);
}

}  // namespace onthaal::http
