// Internal to kiosk_ui/coach_file.cpp: the parts of a service in the coach's client file, as the
// coach page renders them (dates as dd/mm/yyyy with their ISO form beside, hours as numbers).
// Thread: the agent's I/O thread. Failure: StoreError.
#pragma once

#include <nlohmann/json.hpp>
#include <string>

#include "domain/field_work.hpp"
#include "kiosk_ui/field_desk.hpp"

namespace onthaal::http {

// The bars: GBVS hours and days against their limits, community-service months, TWE evaluation.
nlohmann::json progress_json(const domain::ServiceHistory& h, const domain::FieldProgress& p);
// Training and stage lines with hours recorded, whether GBVS or community service.
nlohmann::json lines_json(const domain::ServiceHistory& h, const domain::FieldWork& work);
// Agreement sheets with their work plan (version, points, assignments) or null.
nlohmann::json sheets_json(const FieldContext& c, const domain::ServiceHistory& h);
// Visits, newest first, with their notes opened when this device holds them.
nlohmann::json visits_json(const FieldContext& c, const std::string& service_id);
// Each line and day's hours as they stand, newest day first, with their sync state.
nlohmann::json hours_json(const FieldContext& c, const std::string& service_id,
                          const domain::FieldWork& work);
// Conflicts to review (and reviewed), each with what differs, labelled in Dutch.
nlohmann::json conflicts_json(const FieldContext& c, const std::string& service_id);

}  // namespace onthaal::http
