// What a device pushes: the mutation envelope (docs/sync-protocol.md, "Push"), the typed payloads
// of the entities devices write, and central's per-mutation result.
//
// Pure: no I/O. Thread: any. Failure: from_json throws ValidationError (entity "mutation" for the
// envelope, the entity's name for a payload); to_json never throws.
#pragma once

#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>

#include "protocol/enums.hpp"

namespace onthaal::protocol {

struct MutationEnvelope {
    std::string mutation_id;  // chosen by the device when it recorded the fact
    std::string entity;
    std::string entity_id;
    std::optional<std::int64_t> base_version;  // the record's version the device saw
    std::string device_time;
    nlohmann::json payload;

    nlohmann::json to_json(const std::string& device_id) const&;
    nlohmann::json to_json(const std::string& device_id) &&;  // moves the payload
    static MutationEnvelope from_json(const nlohmann::json& m);
    // The same, moving the payload out of `m` instead of copying it.
    static MutationEnvelope from_json(nlohmann::json&& m);
};

// The payload of an "attendance" mutation: a check-in or an outcome of the appointment
// `entity_id`. `mediator_absent` travels with a reschedule (the rule central checks again).
struct AttendanceMutation {
    AttendanceKind kind = AttendanceKind::checked_in;
    std::string occurred_at;  // UTC text
    std::string recorded_by;  // "kiosk" or the staff id of the person at the desk
    bool mediator_absent = false;
    // A check-in's number in the day's queue, as the kiosk showed it ("12", "B7"): only on
    // checked_in (issue 15, item 3). Validated by is_queue_number.
    std::optional<std::string> queue_number;

    nlohmann::json to_json() const;
    static AttendanceMutation from_json(const nlohmann::json& payload, const std::string& id);
};

// Central's answer for one mutation.
struct PushResult {
    std::string mutation_id;
    PushStatus status = PushStatus::applied;
    std::optional<PushStatus> first_status;  // for a duplicate: what the first push got
    std::string reason;                      // stable code, for conflict and rejected
    std::string message;                     // human text (English)
    std::optional<std::int64_t> server_version;
    std::optional<nlohmann::json> server_record;  // central's record, for a conflict
    std::optional<nlohmann::json> base_record;    // the record at base_version, when central has it

    static PushResult applied(std::string mutation_id, std::int64_t server_version);
    static PushResult rejected(std::string mutation_id, std::string reason, std::string message);

    nlohmann::json to_json() const;
    static PushResult from_json(const nlohmann::json& r);
};

}  // namespace onthaal::protocol
