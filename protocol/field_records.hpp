// The records and mutations of a field coach's work (issue 14), as docs/sync-protocol.md
// documents them:
//   workplace_visit  a visit (an evaluation is one kind): a record people edit, versioned. The
//                    mutation's entity_id is the visit, base_version the version edited (absent
//                    for a new visit). Its notes travel only sealed for central ("notes_sealed",
//                    local_store/note_seal.hpp); central never sends them back down.
//   stage_hours      a client's hours on one stage line on one day: an append-only fact
//                    (entity_id: the service; the fact's id is the mutation id).
//   work_plan        an agreement sheet's work points and assignments: a record people edit,
//                    versioned (entity_id: the sheet's fact id).
//   record_conflict  central's note that an edit was made on an older version than its own: kept
//                    for review on every device that holds the record, never applied silently.
//                    Devices push only its resolution.
//
// Pure: no I/O. Thread: any. Failure: from_json throws ValidationError naming the entity, the id
// and the field; to_json never throws.
#pragma once

#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "domain/field_work.hpp"

namespace onthaal::protocol {

// What a visit says, without its notes (the part every device holding the record may see).
struct VisitDetails {
    std::string service_id;
    domain::VisitKind kind = domain::VisitKind::follow_up;
    std::string on;  // "YYYY-MM-DD"
    std::int64_t duration_min = 0;
    std::string workplace;
    std::string employer;
    std::string action_id;  // evaluation: the line evaluated
    bool development_plan_updated = false;
    std::string occurred_at;  // UTC text: when this version was recorded on the device
    std::string recorded_by;  // the staff id

    nlohmann::json to_json() const;
    static VisitDetails from_json(const nlohmann::json& data, const std::string& entity,
                                  const std::string& id);
    domain::WorkplaceVisit to_domain(const std::string& id) const;
    bool same_content(const VisitDetails& other) const;  // everything but who and when
};

// The payload of a "workplace_visit" mutation.
struct VisitMutation {
    VisitDetails details;
    // Sealed for central ("b1:..."); nullopt: the notes are unchanged (an edit) or none (new).
    std::optional<std::string> notes_sealed;

    nlohmann::json to_json() const;
    static VisitMutation from_json(const nlohmann::json& payload, const std::string& id);
};

// A visit as central sends it: no notes, only whether it has any.
struct VisitRecord {
    std::string id;
    std::int64_t version = 1;
    bool has_notes = false;
    std::string device_id;  // the device that recorded this version
    VisitDetails details;

    nlohmann::json to_json() const;
    static VisitRecord from_json(const nlohmann::json& data, const std::string& id);
};

// The payload of a "stage_hours" mutation (entity_id: the service).
struct StageHoursMutation {
    std::string line_id;
    std::string on;  // "YYYY-MM-DD"
    double hours = 0;
    std::string replaces;  // the entry of the same line and day this corrects, or ""
    std::string occurred_at;
    std::string recorded_by;

    nlohmann::json to_json() const;
    static StageHoursMutation from_json(const nlohmann::json& payload, const std::string& id);
    domain::StageHoursEntry to_domain(const std::string& id) const;
};

struct StageHoursRecord {
    std::string id;  // the mutation id
    std::string service_id;
    std::string device_id;
    std::string received_at;
    StageHoursMutation entry;

    nlohmann::json to_json() const;
    static StageHoursRecord from_json(const nlohmann::json& data, const std::string& id);
};

struct AssignmentItem {
    std::string text;
    std::optional<std::string> deadline;  // "YYYY-MM-DD"
    bool done = false;
};

// The payload of a "work_plan" mutation, and (with id and version) the record central sends.
struct WorkPlanMutation {
    std::string service_id;
    std::vector<std::string> work_points;
    std::vector<AssignmentItem> assignments;
    std::string occurred_at;
    std::string recorded_by;

    nlohmann::json to_json() const;
    static WorkPlanMutation from_json(const nlohmann::json& payload, const std::string& id);
    domain::WorkPlan to_domain(const std::string& sheet_id) const;
    bool same_content(const WorkPlanMutation& other) const;
};

struct WorkPlanRecord {
    std::string id;  // the sheet's fact id
    std::int64_t version = 1;
    WorkPlanMutation plan;

    nlohmann::json to_json() const;
    static WorkPlanRecord from_json(const nlohmann::json& data, const std::string& id);
};

// An edit central did not apply because the record had moved on: the version it was made on
// (when central has it), the edit itself, and the record central kept. Published to every
// device holding the record, the one that made the edit included.
struct RecordConflictRecord {
    std::string id;      // the edit's mutation id
    std::string entity;  // "workplace_visit" or "work_plan"
    std::string entity_id;
    std::string service_id;
    nlohmann::json base;  // the record at the edit's base version, or null
    nlohmann::json edit;  // the edit as pushed (a visit: without its sealed notes)
    nlohmann::json kept;  // central's record
    bool edit_changed_notes = false;
    std::string detected_at;
    std::string device_id;  // the device whose edit it was
    std::optional<std::string> resolved_at;
    std::optional<std::string> resolved_by;
    std::optional<std::string> resolution;  // "kept" or "edit_applied"

    nlohmann::json to_json() const;
    static RecordConflictRecord from_json(const nlohmann::json& data, const std::string& id);
};

// The payload of a "record_conflict" mutation (entity_id: the conflict): a person reviewed it.
// "edit_applied": they also recorded the edit again on the kept version (its own mutation).
struct ConflictResolution {
    std::string resolution;
    std::string occurred_at;
    std::string recorded_by;

    nlohmann::json to_json() const;
    static ConflictResolution from_json(const nlohmann::json& payload, const std::string& id);
};

}  // namespace onthaal::protocol
