#include "kiosk_ui/recent_failures.hpp"

#include <algorithm>

namespace onthaal::http {

RecentFailures::RecentFailures(int max_failures, std::chrono::seconds window, std::size_t max_keys)
    : max_failures_(std::max(1, max_failures)),
      window_(window),
      max_keys_(std::max<std::size_t>(1, max_keys)) {}

std::optional<domain::Instant> RecentFailures::pause_end(const Entry& entry,
                                                         domain::Instant now) const {
    if (static_cast<int>(entry.failures.size()) < max_failures_) return std::nullopt;
    const domain::Instant end = entry.failures.front() + window_;
    if (now >= end) return std::nullopt;
    return end;
}

std::optional<std::string> RecentFailures::evictable(domain::Instant now) const {
    // Oldest last failure first: expired keys come first, and a paused key failed recently, so
    // the walk is short unless the table is full of pauses.
    for (const std::string& key : by_last_failure_) {
        if (!pause_end(entries_.at(key), now)) return key;
    }
    return std::nullopt;
}

std::optional<domain::Instant> RecentFailures::earliest_pause_end(domain::Instant now) const {
    std::optional<domain::Instant> earliest;
    for (const auto& [key, entry] : entries_) {
        const auto end = pause_end(entry, now);
        if (end && (!earliest || *end < *earliest)) earliest = end;
    }
    return earliest;
}

std::optional<domain::Instant> RecentFailures::paused_until(const std::string& key,
                                                            domain::Instant now) const {
    const auto it = entries_.find(key);
    if (it != entries_.end()) return pause_end(it->second, now);
    if (entries_.size() < max_keys_ || evictable(now)) return std::nullopt;
    return earliest_pause_end(now);
}

void RecentFailures::failed(const std::string& key, domain::Instant now) {
    auto it = entries_.find(key);
    if (it == entries_.end()) {
        if (entries_.size() >= max_keys_) {
            const auto drop = evictable(now);
            if (!drop) return;  // full of pauses: paused_until refuses this key meanwhile
            forget(*drop);
        }
        by_last_failure_.push_back(key);
        it = entries_.emplace(key, Entry{{}, std::prev(by_last_failure_.end())}).first;
    } else {
        by_last_failure_.splice(by_last_failure_.end(), by_last_failure_, it->second.place);
    }
    auto& failures = it->second.failures;
    // Failures that left the window count no more; the newest max_failures_ are all a pause needs.
    const auto expired = std::find_if(failures.begin(), failures.end(),
                                      [&](domain::Instant t) { return t + window_ > now; });
    failures.erase(failures.begin(), expired);
    if (static_cast<int>(failures.size()) >= max_failures_) failures.erase(failures.begin());
    failures.push_back(now);
}

void RecentFailures::forget(const std::string& key) {
    const auto it = entries_.find(key);
    if (it == entries_.end()) return;
    by_last_failure_.erase(it->second.place);
    entries_.erase(it);
}

}  // namespace onthaal::http
