// A field coach's work on a client's service (issue 14), as four entities (records and JSON in
// protocol/field_records.hpp, rules in domain/field_work.hpp):
//   workplace_visit  a visit, edited by people: versioned; pushed by a coach for its caseload.
//   stage_hours      hours per day per stage line: append-only; a coach (its caseload) or a desk.
//   work_plan        a sheet's work points and assignments: versioned; a coach or a desk.
//   record_conflict  central's record of an edit made on an older version, sent to every device
//                    holding the record; a coach or a desk pushes its resolution.
// Records people edit follow one path (edited_record.cpp): the device sends the version it edited
// (base_version); central applies an edit on its current version, and keeps any other as a
// conflict for review, published to every device of the record's audience, the editing one too:
// never a silent overwrite. Both stores have edited_record, stage_hours and record_conflict with
// the same columns, so field_work() gives agent and central the same rules' input.
//
// Thread and failure: see entity_module.hpp. The free functions run in the caller's transaction
// unless they say otherwise, and throw StoreError; a stored row that no longer parses is skipped
// (it came through validation once).
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "domain/field_work.hpp"
#include "entities/appointment_entity.hpp"
#include "entities/entity_module.hpp"
#include "protocol/field_records.hpp"

namespace onthaal::entities {

class VisitEntity final : public EntityModule {
  public:
    std::string_view name() const override { return "workplace_visit"; }
    void apply_pulled(store::Database& db, const protocol::PulledChange& change,
                      const store::DeviceIdentity& device) const override;
    std::span<const PushPermission> push_permissions() const override;
    protocol::PushResult apply_pushed(CentralWrite& write,
                                      const protocol::MutationEnvelope& m) const override;
};

class StageHoursEntity final : public EntityModule {
  public:
    std::string_view name() const override { return "stage_hours"; }
    void apply_pulled(store::Database& db, const protocol::PulledChange& change,
                      const store::DeviceIdentity& device) const override;
    std::span<const PushPermission> push_permissions() const override;
    protocol::PushResult apply_pushed(CentralWrite& write,
                                      const protocol::MutationEnvelope& m) const override;
};

class WorkPlanEntity final : public EntityModule {
  public:
    std::string_view name() const override { return "work_plan"; }
    void apply_pulled(store::Database& db, const protocol::PulledChange& change,
                      const store::DeviceIdentity& device) const override;
    std::span<const PushPermission> push_permissions() const override;
    protocol::PushResult apply_pushed(CentralWrite& write,
                                      const protocol::MutationEnvelope& m) const override;
};

class RecordConflictEntity final : public EntityModule {
  public:
    std::string_view name() const override { return "record_conflict"; }
    void apply_pulled(store::Database& db, const protocol::PulledChange& change,
                      const store::DeviceIdentity& device) const override;
    std::span<const PushPermission> push_permissions() const override;
    protocol::PushResult apply_pushed(CentralWrite& write,
                                      const protocol::MutationEnvelope& m) const override;
};

// A visit as a store holds it: its details, the version central confirmed (0: not yet), and on
// the agent the notes sealed at rest (nullopt: none on this device).
struct StoredVisit {
    std::string id;
    std::int64_t version = 0;
    protocol::VisitDetails details;
    std::optional<std::string> notes_sealed;
};

struct StoredWorkPlan {
    std::string id;  // the sheet's fact id
    std::int64_t version = 0;
    protocol::WorkPlanMutation plan;
};

// Both stores: a service's visits (newest first), hours (in the order kept), plans, conflicts.
std::vector<StoredVisit> service_visits(store::Database& db, const std::string& service_id);
std::optional<StoredVisit> find_visit(store::Database& db, const std::string& id);
std::vector<protocol::StageHoursRecord> service_hours(store::Database& db,
                                                      const std::string& service_id,
                                                      StoreKind store);
std::vector<StoredWorkPlan> service_work_plans(store::Database& db, const std::string& service_id);
std::optional<StoredWorkPlan> find_work_plan(store::Database& db, const std::string& sheet_id);
std::vector<protocol::RecordConflictRecord> service_conflicts(store::Database& db,
                                                              const std::string& service_id);
std::optional<protocol::RecordConflictRecord> find_record_conflict(store::Database& db,
                                                                   const std::string& id);
// Both stores: the rules' view of the service's field work. On the agent, hours central refused
// (outbox quarantined) are no part of it.
domain::FieldWork field_work(store::Database& db, const std::string& service_id, StoreKind store);

// Agent, the local writers: the record or fact, its outbox entry and an audit row in ONE
// transaction of their own. Each returns the mutation id. `id`: the mutation id to use (the
// page's, so a repeated POST is one change); "" for a new one.
//
// A visit: `visit_id` names it, `base_version` the version edited (nullopt: a new visit);
// `mutation.notes_sealed` the notes sealed for central (nullopt: unchanged), `notes_at_rest` the
// same notes sealed for this device's store.
std::string record_visit(store::Database& db, const std::string& visit_id,
                         std::optional<std::int64_t> base_version,
                         const protocol::VisitMutation& mutation,
                         const std::optional<std::string>& notes_at_rest, const std::string& now,
                         const std::string& id = "");
std::string record_stage_hours(store::Database& db, const std::string& service_id,
                               const protocol::StageHoursMutation& entry, const std::string& now,
                               const std::string& id = "");
std::string record_work_plan(store::Database& db, const std::string& sheet_id,
                             std::optional<std::int64_t> base_version,
                             const protocol::WorkPlanMutation& plan, const std::string& now,
                             const std::string& id = "");
// A person reviewed a conflict (marked here at once, and pushed).
std::string record_conflict_resolution(store::Database& db, const std::string& conflict_id,
                                       const protocol::ConflictResolution& resolution,
                                       const std::string& now, const std::string& id = "");

}  // namespace onthaal::entities
