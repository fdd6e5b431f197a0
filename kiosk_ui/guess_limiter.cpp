#include "kiosk_ui/guess_limiter.hpp"

#include "log/event_log.hpp"

namespace onthaal::http {

std::optional<std::chrono::seconds> GuessLimiter::paused_for(domain::Instant now) const {
    if (!paused_until_ || now >= *paused_until_) return std::nullopt;
    return std::chrono::duration_cast<std::chrono::seconds>(*paused_until_ - now);
}

void GuessLimiter::failed(domain::Instant now) {
    if (++failed_tries_ < max_failed_tries_) return;
    paused_until_ = now + pause_;
    failed_tries_ = 0;
    log::warn("kiosk.paused", {{"seconds", std::to_string(pause_.count())}});
}

}  // namespace onthaal::http
