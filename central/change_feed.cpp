#include "central/change_feed.hpp"

#include <nlohmann/json.hpp>

namespace onthaal::central {
namespace {

// Columns: seq, entity, entity_id, op, payload, origin_device. Each role reads its own view of a
// change (entities/central_feed.hpp): one row more than asked tells whether another page follows.
constexpr const char* kDeskChanges =
    "SELECT seq, entity, entity_id, op, payload, origin_device FROM change_log"
    " WHERE site_id = ?1 AND seq > ?2 AND coach_only = 0 ORDER BY seq LIMIT ?3";
// A kiosk: only the kiosk view, and a delete once a dated record's day has passed (?4).
constexpr const char* kKioskChanges =
    "SELECT seq, entity, entity_id,"
    " CASE WHEN kiosk_until < ?4 THEN 'delete' ELSE op END,"
    " CASE WHEN kiosk_until < ?4 THEN 'null' ELSE kiosk_payload END, origin_device"
    " FROM change_log WHERE site_id = ?1 AND seq > ?2 AND coach_only = 0"
    " AND kiosk_payload IS NOT NULL ORDER BY seq LIMIT ?3";
// A coach (?4 its staff id): its caseload, its own staff record whole, its colleagues' without
// their sign-in data.
constexpr const char* kCoachChanges =
    "SELECT seq, entity, entity_id, op,"
    " CASE WHEN entity = 'staff' AND entity_id <> ?4 THEN kiosk_payload ELSE payload END,"
    " origin_device FROM change_log WHERE site_id = ?1 AND seq > ?2"
    " AND ((entity = 'staff' AND (entity_id = ?4 OR kiosk_payload IS NOT NULL)) OR coach_id = ?4)"
    " ORDER BY seq LIMIT ?3";

}  // namespace

ChangePage read_changes(store::Database& db, const DeviceScope& scope, std::int64_t after,
                        std::size_t limit, const std::string& kiosk_since) {
    auto q = db.cached(scope.role == domain::DeviceRole::coach   ? kCoachChanges
                       : scope.role == domain::DeviceRole::kiosk ? kKioskChanges
                                                                 : kDeskChanges);
    q->bind_all(scope.site_id, after, static_cast<std::int64_t>(limit + 1));
    if (scope.role == domain::DeviceRole::coach) q->bind(4, scope.staff_id.value_or(""));
    if (scope.role == domain::DeviceRole::kiosk) q->bind(4, kiosk_since);
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
