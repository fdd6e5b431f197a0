// The residence and work-permit check (002 §3.2, 004 §2.2: verified at every contact) as a synced
// fact: a desk staff member ticks "checked" once per client per day. The mutation's payload is
// the record without its id (the mutation id names the fact); devices receive the record whole.
// Pure; from_json throws ValidationError for a malformed record or payload.
#pragma once

#include <string>

#include <nlohmann/json_fwd.hpp>

namespace onthaal::protocol {

struct ResidenceCheckMutation {
    std::string client_id;
    std::string checked_on;   // the Brussels day of the check, "YYYY-MM-DD"
    std::string checked_by;   // the staff member who checked
    std::string recorded_at;  // UTC text, when the device recorded it

    nlohmann::json to_json() const;
    static ResidenceCheckMutation from_json(const nlohmann::json& payload, const std::string& id);
};

struct ResidenceCheckRecord {
    std::string id;  // the mutation id that carried it
    ResidenceCheckMutation check;

    nlohmann::json to_json() const;
    static ResidenceCheckRecord from_json(const nlohmann::json& data, const std::string& id);
};

}  // namespace onthaal::protocol
