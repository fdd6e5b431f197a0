#include "sync/retry_backoff.hpp"

#include <algorithm>

namespace onthaal::sync {

RetryBackoff::RetryBackoff(std::chrono::milliseconds base, std::chrono::milliseconds cap,
                           std::uint64_t seed)
    : base_(base), cap_(std::max(cap, base)), random_(seed) {}

std::chrono::milliseconds RetryBackoff::ceiling() const {
    // Stop doubling once past the cap so the shift can never overflow.
    std::int64_t ceiling = base_.count();
    for (int i = 0; i < failures_ && ceiling < cap_.count(); ++i) ceiling *= 2;
    return std::chrono::milliseconds(std::min(ceiling, static_cast<std::int64_t>(cap_.count())));
}

std::chrono::milliseconds RetryBackoff::next_delay(
    std::optional<std::chrono::milliseconds> retry_after) {
    const std::int64_t upper = ceiling().count();
    if (failures_ < 62) ++failures_;
    std::uniform_int_distribution<std::int64_t> pick(0, upper);
    const std::chrono::milliseconds jittered(pick(random_));
    if (retry_after && *retry_after > jittered) return *retry_after;
    return jittered;
}

}  // namespace onthaal::sync
