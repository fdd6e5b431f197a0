// A desk's call of a checked-in client to the desk (issue 15, item 3) as a synced fact, so the
// waiting-room display on any desk of the site shows the calls of every desk. The mutation's
// payload is the record without its id (the mutation id names the call); devices receive the
// record whole. Calls are no part of the case file: they tell the waiting room where to go now.
// Pure; from_json throws ValidationError for a malformed record or payload.
#pragma once

#include <string>

#include <nlohmann/json_fwd.hpp>

namespace onthaal::protocol {

struct QueueCallMutation {
    std::string appointment_id;
    std::string queue_number;  // the check-in's number; "" for a check-in from before numbers
    std::string location;      // the appointment's room or desk, as the display shows it
    std::string called_at;     // UTC text, when the desk called
    std::string called_by;     // the staff member who called

    nlohmann::json to_json() const;
    static QueueCallMutation from_json(const nlohmann::json& payload, const std::string& id);
};

struct QueueCallRecord {
    std::string id;  // the mutation id that carried it
    QueueCallMutation call;

    nlohmann::json to_json() const;
    static QueueCallRecord from_json(const nlohmann::json& data, const std::string& id);
};

}  // namespace onthaal::protocol
