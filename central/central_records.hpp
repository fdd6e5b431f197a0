// Central's records as the JSON devices receive, and publishing them to the change feed.
// Each publish_* reads the current row and appends an upsert change for its audience.
// Thread: the caller's, inside the caller's transaction. Failure: StoreError; std::out_of_range
// when the record does not exist.
#pragma once

#include <nlohmann/json.hpp>
#include <string>

#include "domain/first_appointment.hpp"
#include "local_store/sqlite_database.hpp"

namespace onthaal::central {

nlohmann::json staff_record(store::Database& db, const std::string& id);
nlohmann::json client_record(store::Database& db, const std::string& id);
nlohmann::json appointment_record(store::Database& db, const std::string& id);

void publish_staff(store::Database& db, const std::string& site_id, const std::string& id);
void publish_client(store::Database& db, const std::string& site_id, const std::string& id);
void publish_appointment(store::Database& db, const std::string& site_id, const std::string& id);

// The client's first-appointment history as central recorded it, oldest first: what the rules
// engine folds into the service state (domain/first_appointment.hpp).
std::vector<domain::CompletedFirstAppointment> first_history(store::Database& db,
                                                             const std::string& client_id);

// The coach of the client an appointment belongs to (for the change's audience).
std::optional<std::string> coach_of_client(store::Database& db, const std::string& client_id);

}  // namespace onthaal::central
