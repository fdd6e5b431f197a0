#include "central/change_feed.hpp"

#include <nlohmann/json.hpp>

namespace onthaal::central {

ChangePage read_changes(store::Database& db, const DeviceScope& scope, std::int64_t after,
                        std::size_t limit) {
    const bool coach = scope.role == domain::DeviceRole::coach;
    // One row more than asked tells whether another page follows.
    auto q = coach ? db.cached(
                         "SELECT seq, entity, entity_id, op, payload, origin_device FROM change_log"
                         " WHERE site_id = ? AND seq > ? AND (entity = 'staff' OR coach_id = ?)"
                         " ORDER BY seq LIMIT ?")
                   : db.cached(
                         "SELECT seq, entity, entity_id, op, payload, origin_device FROM change_log"
                         " WHERE site_id = ? AND seq > ? AND coach_only = 0 ORDER BY seq LIMIT ?");
    if (coach) {
        q->bind_all(scope.site_id, after, scope.staff_id.value_or(""),
                    static_cast<std::int64_t>(limit + 1));
    } else {
        q->bind_all(scope.site_id, after, static_cast<std::int64_t>(limit + 1));
    }
    ChangePage page;
    page.cursor = after;
    page.changes_json = "[";
    std::size_t scanned = 0;
    while (q->step()) {
        if (scanned++ == limit) {
            page.has_more = true;
            break;
        }
        page.cursor = q->column_int64(0);
        // The device's own facts: it has them; the cursor still moves past them.
        if (!q->column_is_null(5) && q->column_text(5) == scope.device_id) continue;
        if (page.count > 0) page.changes_json += ',';
        page.changes_json += "{\"seq\":" + std::to_string(page.cursor) +
                             ",\"entity\":" + nlohmann::json(q->column_text(1)).dump() +
                             ",\"id\":" + nlohmann::json(q->column_text(2)).dump() + ",\"op\":\"" +
                             q->column_text(3) + "\",\"data\":" + q->column_text(4) + "}";
        ++page.count;
    }
    page.changes_json += "]";
    return page;
}

std::int64_t last_sequence(store::Database& db) {
    return db.query_int64("SELECT coalesce(max(seq), 0) FROM change_log");
}

}  // namespace onthaal::central
