// Central's change feed: every change a device may need is appended with a server sequence
// (CouchDB's changes feed idea); a device pulls "changes after my cursor" for its own scope.
//
// Scope: a kiosk or desk device sees every change of its own site; a coach device sees the staff
// list and the changes about its own caseload (clients whose coach it is), plus coach-only
// tombstones when a client leaves its caseload (loss of access). No device ever sees another site.
// Thread: the caller's, inside the caller's transaction for append_change. Failure: StoreError.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "local_store/sqlite_database.hpp"

namespace onthaal::central {

struct DeviceScope {
    std::string device_id;
    std::string site_id;
    std::string role;                     // kiosk, desk or coach
    std::optional<std::string> staff_id;  // the coach, for coach devices
};

struct ChangeAudience {
    std::string site_id;
    std::optional<std::string> coach_id;       // the client's coach at the time of the change
    bool coach_only = false;                   // tombstones for loss of access
    std::optional<std::string> origin_device;  // the device that recorded it: not sent back to it
};

// Appends one change. `payload_json` is the record as the device should store it.
void append_change(store::Database& db, const ChangeAudience& audience, const std::string& entity,
                   const std::string& entity_id, const std::string& op,
                   const std::string& payload_json);

struct ChangePage {
    std::string changes_json;  // a JSON array, built from the stored payloads without re-parsing
    std::int64_t cursor = 0;  // the last sequence read, also past the device's own facts it skipped
    std::size_t count = 0;
    bool has_more = false;
};

ChangePage read_changes(store::Database& db, const DeviceScope& scope, std::int64_t after,
                        std::size_t limit);

// Highest sequence in the feed (for status and tests).
std::int64_t last_sequence(store::Database& db);

}  // namespace onthaal::central
