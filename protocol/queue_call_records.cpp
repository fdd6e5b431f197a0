#include "protocol/queue_call_records.hpp"

#include <nlohmann/json.hpp>

#include "protocol/validation.hpp"

namespace onthaal::protocol {

using nlohmann::json;

json QueueCallMutation::to_json() const {
    return {{"appointment_id", appointment_id},
            {"queue_number", queue_number},
            {"location", location},
            {"called_at", called_at},
            {"called_by", called_by}};
}

QueueCallMutation QueueCallMutation::from_json(const json& payload, const std::string& id) {
    const FieldReader r(payload, "queue_call", id);
    QueueCallMutation call{r.text("appointment_id", 100), r.text_or_empty("queue_number", 6),
                           r.text_or_empty("location", 200), r.instant("called_at"),
                           r.text("called_by", 100)};
    if (!call.queue_number.empty() && !is_queue_number(call.queue_number))
        r.fail("queue_number", "must be up to 2 capital letters and 1 to 4 digits");
    return call;
}

json QueueCallRecord::to_json() const {
    json j = call.to_json();
    j["id"] = id;
    return j;
}

QueueCallRecord QueueCallRecord::from_json(const json& data, const std::string& id) {
    const FieldReader r(data, "queue_call", id);
    if (r.text("id", 100) != id) r.fail("id", "must be the change's id");
    return {id, QueueCallMutation::from_json(data, id)};
}

}  // namespace onthaal::protocol
