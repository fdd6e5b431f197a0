// Retry delays after transient sync failures: exponential backoff with full jitter
// (delay = uniform(0, min(cap, base * 2^failures))), so many agents coming back after an outage
// do not hit central in lock-step. A server's Retry-After, when longer, wins.
//
// Ownership: a plain value with its own random engine. Thread: one owner (the sync thread).
// Failure: never throws.
#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <random>

namespace onthaal::sync {

class RetryBackoff {
  public:
    RetryBackoff(std::chrono::milliseconds base, std::chrono::milliseconds cap, std::uint64_t seed);

    // Records one more failure and returns how long to wait before the next try.
    std::chrono::milliseconds next_delay(
        std::optional<std::chrono::milliseconds> retry_after = std::nullopt);
    // A success resets the exponent.
    void reset() { failures_ = 0; }
    int failures() const { return failures_; }
    // The upper bound of the jitter for the current failure count (for status display and tests).
    std::chrono::milliseconds ceiling() const;

  private:
    std::chrono::milliseconds base_;
    std::chrono::milliseconds cap_;
    int failures_ = 0;
    std::mt19937_64 random_;
};

}  // namespace onthaal::sync
