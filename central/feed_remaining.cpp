#include "central/feed_remaining.hpp"

#include <algorithm>

namespace onthaal::central {
namespace {

// The scopes of change_feed.cpp's page queries, counted (?1 site, ?2 after, ?3 the device, whose
// own facts are not sent back to it, ?4 the coach's staff id). With them, in the same snapshot,
// the site's last sequence: the next count starts there, past the site's changes outside the
// scope too (a kiosk's feed ends in records it never receives; counting from the last change in
// its scope would read them all again on every page).
constexpr const char* kCounted =
    "SELECT count(*), (SELECT coalesce(max(seq), 0) FROM change_log"
    " WHERE site_id = ?1) FROM change_log WHERE site_id = ?1"
    " AND seq > ?2 AND (origin_device IS NULL OR origin_device <> ?3)";
constexpr const char* kDeskScope = " AND coach_only = 0";
constexpr const char* kKioskScope = " AND coach_only = 0 AND kiosk_payload IS NOT NULL";
constexpr const char* kCoachScope =
    " AND ((entity = 'staff' AND (entity_id = ?4 OR kiosk_payload IS NOT NULL)) OR coach_id = ?4)";

// A device remembered by the counter costs a few dozen bytes; devices are enrolled by hand, so
// this bound is only a guard against a store full of them.
constexpr std::size_t kMaxDevices = 100000;

}  // namespace

RemainingCounter::Known RemainingCounter::count_after(store::Database& db, const DeviceScope& scope,
                                                      std::int64_t cursor) {
    const char* within = scope.role == domain::DeviceRole::coach   ? kCoachScope
                         : scope.role == domain::DeviceRole::kiosk ? kKioskScope
                                                                   : kDeskScope;
    auto q = db.cached(std::string(kCounted) + within);
    q->bind_all(scope.site_id, cursor, scope.device_id);
    if (scope.role == domain::DeviceRole::coach) q->bind(4, scope.staff_id.value_or(""));
    q->step();
    return {cursor, q->column_int64(0), std::max(cursor, q->column_int64(1))};
}

std::int64_t RemainingCounter::remaining_after(store::Database& db, const DeviceScope& scope,
                                               std::int64_t after, const ChangePage& page) {
    Known next;
    const auto it = by_device_.find(scope.device_id);
    if (!page.has_more) {
        // The page read everything of the scope there was: nothing follows it (yet).
        next = {page.cursor, 0, page.cursor};
    } else if (it != by_device_.end() && it->second.cursor == after &&
               page.cursor <= it->second.counted_to &&
               it->second.remaining >= static_cast<std::int64_t>(page.count)) {
        // The next page of a catch-up: what was left, less this page, plus what came since.
        const Known since = count_after(db, scope, it->second.counted_to);
        next = {page.cursor,
                it->second.remaining - static_cast<std::int64_t>(page.count) + since.remaining,
                since.counted_to};
    } else {
        next = count_after(db, scope, page.cursor);
    }
    if (by_device_.size() >= kMaxDevices && it == by_device_.end()) by_device_.clear();
    by_device_[scope.device_id] = next;
    return next.remaining;
}

}  // namespace onthaal::central
