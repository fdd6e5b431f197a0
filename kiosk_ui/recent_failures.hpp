// Failed tries per key (a username at an address, an address, a kiosk screen) within a sliding
// window: a key that failed `max_failures` times within `window` is paused until the oldest of
// those failures leaves the window. So at most `max_failures` tries per `window` fail for one key,
// whatever the rhythm, and nothing but time ends a pause (a success elsewhere does not).
//
// Memory is bounded: at most `max_keys` keys, each holding at most `max_failures` instants. A new
// key in a full table takes the place of the key whose last failure is oldest among those not
// paused; a pause is never dropped. When every place holds a pause, a new key is refused until
// one ends (fail closed: counting nothing for it would let a flood of keys guess unlimited).
//
// Plain value; time is passed in. Thread: its owner's (the agent's I/O thread). Never fails
// (std::bad_alloc aside).
#pragma once

#include <chrono>
#include <cstddef>
#include <list>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "domain/time_text.hpp"

namespace onthaal::http {

class RecentFailures {
  public:
    RecentFailures(int max_failures, std::chrono::seconds window, std::size_t max_keys);

    // The instant `key` may try again; nullopt when it may try now.
    std::optional<domain::Instant> paused_until(const std::string& key, domain::Instant now) const;
    // `key` failed at `now` (call only when paused_until allowed the try).
    void failed(const std::string& key, domain::Instant now);
    // Forgets `key` (its owner proved who it is, e.g. the right password from that address).
    void forget(const std::string& key);

    std::size_t keys() const { return entries_.size(); }
    int max_failures() const { return max_failures_; }
    std::chrono::seconds window() const { return window_; }

  private:
    struct Entry {
        std::vector<domain::Instant> failures;   // oldest first, at most max_failures_
        std::list<std::string>::iterator place;  // in by_last_failure_
    };
    std::optional<domain::Instant> pause_end(const Entry& entry, domain::Instant now) const;
    // The key to drop for a new one: the oldest-failed unpaused key; nullopt when all are paused.
    std::optional<std::string> evictable(domain::Instant now) const;
    std::optional<domain::Instant> earliest_pause_end(domain::Instant now) const;

    int max_failures_;
    std::chrono::seconds window_;
    std::size_t max_keys_;
    std::unordered_map<std::string, Entry> entries_;
    std::list<std::string> by_last_failure_;  // oldest last failure first
};

}  // namespace onthaal::http
