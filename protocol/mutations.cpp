#include "protocol/mutations.hpp"

#include "protocol/validation.hpp"

namespace onthaal::protocol {
namespace {

using nlohmann::json;

std::string text_of(const json& object, const char* field) {
    if (!object.is_object()) return "";
    const auto it = object.find(field);
    return it != object.end() && it->is_string() ? it->get<std::string>() : "";
}

}  // namespace

json MutationEnvelope::to_json(const std::string& device_id) const& {
    return MutationEnvelope(*this).to_json(device_id);
}

json MutationEnvelope::to_json(const std::string& device_id) && {
    json j = {{"mutation_id", mutation_id},
              {"device_id", device_id},
              {"entity", entity},
              {"entity_id", entity_id},
              {"base_version", base_version ? json(*base_version) : json(nullptr)},
              {"device_time", device_time}};
    j["payload"] = std::move(payload);
    return j;
}

MutationEnvelope MutationEnvelope::from_json(const json& m) {
    return from_json(json(m));
}

MutationEnvelope MutationEnvelope::from_json(json&& m) {
    const FieldReader r(m, "mutation", text_of(m, "mutation_id"));
    MutationEnvelope e;
    e.mutation_id = r.text("mutation_id", 100);
    e.entity = r.text("entity", 40);
    e.entity_id = r.text("entity_id", 100);
    e.base_version = r.optional_integer("base_version", 0, INT64_MAX);
    e.device_time = r.text("device_time", 40);
    const auto payload = m.find("payload");
    if (payload == m.end()) r.fail("payload", "is required");
    e.payload = std::move(*payload);
    return e;
}

json AttendanceMutation::to_json() const {
    json payload = {{"kind", protocol::to_string(kind)},
                    {"occurred_at", occurred_at},
                    {"recorded_by", recorded_by}};
    if (mediator_absent) payload["mediator_absent"] = true;
    if (queue_number) payload["queue_number"] = *queue_number;
    return payload;
}

AttendanceMutation AttendanceMutation::from_json(const json& payload, const std::string& id) {
    const FieldReader r(payload, "attendance", id);
    AttendanceMutation a;
    a.kind = r.enumeration<AttendanceKind>("kind");
    a.occurred_at = r.instant("occurred_at");
    a.recorded_by = r.text_or_empty("recorded_by", 100);
    a.mediator_absent = r.boolean_or("mediator_absent", false);
    a.queue_number = read_queue_number(r, a.kind);
    return a;
}

PushResult PushResult::applied(std::string mutation_id, std::int64_t server_version) {
    PushResult r;
    r.mutation_id = std::move(mutation_id);
    r.server_version = server_version;
    return r;
}

PushResult PushResult::rejected(std::string mutation_id, std::string reason, std::string message) {
    PushResult r;
    r.mutation_id = std::move(mutation_id);
    r.status = PushStatus::rejected;
    r.reason = std::move(reason);
    r.message = std::move(message);
    return r;
}

json PushResult::to_json() const {
    json j = {{"mutation_id", mutation_id}, {"status", protocol::to_string(status)}};
    if (first_status) j["first_status"] = protocol::to_string(*first_status);
    if (!reason.empty()) j["reason"] = reason;
    if (!message.empty()) j["message"] = message;
    if (server_version) j["server_version"] = *server_version;
    if (server_record) j["server_record"] = *server_record;
    if (base_record) j["base_record"] = *base_record;
    return j;
}

PushResult PushResult::from_json(const json& j) {
    const FieldReader r(j, "push result", text_of(j, "mutation_id"));
    PushResult p;
    p.mutation_id = r.text("mutation_id", 100);
    p.status = r.enumeration<PushStatus>("status");
    p.first_status = r.optional_enumeration<PushStatus>("first_status");
    p.reason = r.text_or_empty("reason", 200);
    p.message = r.text_or_empty("message", 2000);
    p.server_version = r.optional_integer("server_version", 0, INT64_MAX);
    if (j.contains("server_record") && j["server_record"].is_object())
        p.server_record = j["server_record"];
    if (j.contains("base_record") && j["base_record"].is_object()) p.base_record = j["base_record"];
    if (p.status == PushStatus::rejected && p.reason.empty()) p.reason = "rejected";
    return p;
}

}  // namespace onthaal::protocol
