// What central's side of an entity module needs of central: who is pushing (DeviceScope) and how a
// record reaches devices (append_change to the change feed, with its audience). Central's schema
// is in central/central_schema.cpp; the feed is read in central/change_feed.cpp.
//
// Scope: a desk device sees every change of its own site; a kiosk only the kiosk view of the
// changes that have one (kiosk_payload); a coach device sees the staff list (its colleagues'
// records without sign-in data) and the changes about its own caseload (clients whose coach it
// is), plus coach-only tombstones when a client leaves its caseload (loss of access). No device
// ever sees another site.
// Thread: the caller's, inside the caller's transaction. Failure: StoreError.
#pragma once

#include <optional>
#include <string>

#include "domain/types.hpp"
#include "local_store/sqlite_database.hpp"

namespace onthaal::entities {

struct DeviceScope {
    std::string device_id;
    std::string site_id;
    domain::DeviceRole role = domain::DeviceRole::kiosk;
    std::optional<std::string> staff_id;  // the coach, for coach devices
};

struct ChangeAudience {
    std::string site_id;
    std::optional<std::string> coach_id;       // the client's coach at the time of the change
    bool coach_only = false;                   // tombstones for loss of access
    std::optional<std::string> origin_device;  // the device that recorded it: not sent back to it
    // The record as a kiosk may hold it (issue 12, item 4: only what check-in needs); nullopt:
    // kiosks never receive this change. A coach receives it for a colleague's staff record.
    std::optional<std::string> kiosk_payload;
    // For dated records: after this instant (UTC text) has passed by a day, a kiosk receives a
    // delete instead, so its store holds no past appointments.
    std::optional<std::string> kiosk_until;
};

// Appends one change. `payload_json` is the record as the device should store it.
void append_change(store::Database& db, const ChangeAudience& audience, const std::string& entity,
                   const std::string& entity_id, const std::string& op,
                   const std::string& payload_json);

}  // namespace onthaal::entities
