// Internal to kiosk_ui/field_desk.cpp and coach_file.cpp: what the coach's reads and writes share.
// Thread: the agent's I/O thread. Failure: StoreError.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "kiosk_ui/field_desk.hpp"
#include "protocol/field_records.hpp"
#include "protocol/service_records.hpp"

namespace onthaal::http {

// Whether the signed-in staff member reaches the client here (field_desk.hpp: whole_site).
bool reaches_client(const FieldContext& c, const std::string& client_id);
// The service, when its client is the signed-in coach's; nullopt otherwise (or unknown).
std::optional<protocol::ServiceRecord> coach_service(const FieldContext& c,
                                                     const std::string& service_id);
// The version an edit made now is made on: central's confirmed version plus this device's edits
// of the record still waiting for central (each will be one version more when applied in order).
std::int64_t expected_version(store::Database& db, std::string_view entity, const std::string& id,
                              std::int64_t stored_version);
// The service an agreement sheet (a service fact) belongs to, or nullopt.
std::optional<std::string> service_of_sheet(store::Database& db, const std::string& sheet_id);
// "pending" (waiting for central), "refused" (central refused the latest change) or "synced".
std::string sync_of_record(store::Database& db, std::string_view entity, const std::string& id);
// The same for one mutation (no outbox row: it came from central).
std::string sync_of_mutation(store::Database& db, const std::string& mutation_id);
// A conflict's edit made again on the version kept (review "edit_applied").
FieldOutcome reapply_edit(const FieldContext& c, const protocol::RecordConflictRecord& conflict);

}  // namespace onthaal::http
