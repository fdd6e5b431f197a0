#include "protocol/residence_records.hpp"

#include <nlohmann/json.hpp>

#include "protocol/validation.hpp"

namespace onthaal::protocol {

using nlohmann::json;

json ResidenceCheckMutation::to_json() const {
    return {{"client_id", client_id},
            {"checked_on", checked_on},
            {"checked_by", checked_by},
            {"recorded_at", recorded_at}};
}

ResidenceCheckMutation ResidenceCheckMutation::from_json(const json& payload,
                                                         const std::string& id) {
    const FieldReader r(payload, "residence_check", id);
    return {r.text("client_id", 100), r.date("checked_on"), r.text("checked_by", 100),
            r.instant("recorded_at")};
}

json ResidenceCheckRecord::to_json() const {
    json j = check.to_json();
    j["id"] = id;
    return j;
}

ResidenceCheckRecord ResidenceCheckRecord::from_json(const json& data, const std::string& id) {
    const FieldReader r(data, "residence_check", id);
    if (r.text("id", 100) != id) r.fail("id", "must be the change's id");
    return {id, ResidenceCheckMutation::from_json(data, id)};
}

}  // namespace onthaal::protocol
