#include "entities/central_feed.hpp"

namespace onthaal::entities {

void append_change(store::Database& db, const ChangeAudience& audience, const std::string& entity,
                   const std::string& entity_id, const std::string& op,
                   const std::string& payload_json) {
    db.cached(
          "INSERT INTO change_log (site_id, coach_id, coach_only, entity, entity_id, op, payload,"
          " origin_device, kiosk_payload, kiosk_until) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
        ->bind_all(audience.site_id, audience.coach_id, audience.coach_only, entity, entity_id, op,
                   payload_json, audience.origin_device, audience.kiosk_payload,
                   audience.kiosk_until)
        .run();
}

}  // namespace onthaal::entities
