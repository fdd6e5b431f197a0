// The field-work entities, central's half: who may push what, and applying a visit, stage hours,
// a work plan or a conflict's review under the same rules the device applied offline
// (domain/field_work.hpp), on central's own state, for the pushing coach's own caseload only.
#include <nlohmann/json.hpp>
#include <variant>

#include "entities/edited_record_central.hpp"
#include "entities/field_entity.hpp"
#include "entities/service_entity.hpp"
#include "protocol/validation.hpp"

namespace onthaal::entities {
namespace {

using nlohmann::json;
using protocol::PushResult;

// A visit and its notes are the coach's; hours, plans and reviews the coach's or the desk's.
constexpr PushPermission kCoachOnly[] = {{"write", false, false, true}};
constexpr PushPermission kDeskOrCoach[] = {{"write", false, true, true}};

// The service, at the pushing device's site, reachable by the pushing device (its caseload).
std::variant<ServiceAtCentral, PushResult> service_for(CentralWrite& w,
                                                       const protocol::MutationEnvelope& m,
                                                       const std::string& service_id,
                                                       const std::string& recorded_by,
                                                       const std::string& recorded_at) {
    auto s = find_service_at_central(w.db, service_id);
    if (!s || s->site_id != w.device.site_id)
        return PushResult::rejected(m.mutation_id, "unknown_service",
                                    "No service with this id at this site.");
    if (auto outside =
            check_caseload_at(w, m, s->record.client_id, s->coach_id, recorded_at, kMaxOfflineDays))
        return *outside;
    if (auto who = check_recorded_by(w, m, recorded_by, false)) return *who;
    return std::move(*s);
}

PushResult denied(const protocol::MutationEnvelope& m, const domain::RuleResult& rule) {
    return PushResult::rejected(m.mutation_id, rule.reason_code, rule.message_en);
}

template <class Mutation>
std::variant<Mutation, PushResult> parse(const protocol::MutationEnvelope& m) {
    try {
        return Mutation::from_json(m.payload, m.mutation_id);
    } catch (const protocol::ValidationError& e) {
        return PushResult::rejected(m.mutation_id, "invalid_payload", e.what());
    }
}

bool hours_kept(store::Database& db, const std::string& id) {
    auto q = db.cached("SELECT 1 FROM stage_hours WHERE id = ?");
    q->bind_all(id);
    return q->step();
}

}  // namespace

std::span<const PushPermission> VisitEntity::push_permissions() const {
    return kCoachOnly;
}

PushResult VisitEntity::apply_pushed(CentralWrite& w, const protocol::MutationEnvelope& m) const {
    auto parsed = parse<protocol::VisitMutation>(m);
    if (auto* bad = std::get_if<PushResult>(&parsed)) return *bad;
    const auto& visit = std::get<protocol::VisitMutation>(parsed);
    auto found = service_for(w, m, visit.details.service_id, visit.details.recorded_by,
                             visit.details.occurred_at);
    if (auto* bad = std::get_if<PushResult>(&found)) return *bad;
    const auto& s = std::get<ServiceAtCentral>(found);
    const auto history = service_history(w.db, s.record, StoreKind::central);
    const auto rule = domain::check_visit(history, visit.details.to_domain(m.entity_id),
                                          judged_on(visit.details.occurred_at, w.now));
    if (!rule.allowed) return denied(m, rule);
    const std::string device = w.device.device_id;
    const EditAtCentral edit{
        name(),
        s,
        visit.details.to_json(),
        visit.notes_sealed,
        [&](const json& current) {
            return protocol::VisitDetails::from_json(current, "workplace_visit", m.entity_id)
                .same_content(visit.details);
        },
        [&](std::int64_t version, bool has_notes) {
            return protocol::VisitRecord{m.entity_id, version, has_notes, device, visit.details}
                .to_json();
        }};
    return apply_edit(w, m, edit);
}

std::span<const PushPermission> StageHoursEntity::push_permissions() const {
    return kDeskOrCoach;
}

PushResult StageHoursEntity::apply_pushed(CentralWrite& w,
                                          const protocol::MutationEnvelope& m) const {
    auto parsed = parse<protocol::StageHoursMutation>(m);
    if (auto* bad = std::get_if<PushResult>(&parsed)) return *bad;
    const auto& entry = std::get<protocol::StageHoursMutation>(parsed);
    if (hours_kept(w.db, m.mutation_id))
        return PushResult::rejected(m.mutation_id, "mutation_id_reused",
                                    "Hours with this id are kept already.");
    auto found = service_for(w, m, m.entity_id, entry.recorded_by, entry.occurred_at);
    if (auto* bad = std::get_if<PushResult>(&found)) return *bad;
    const auto& s = std::get<ServiceAtCentral>(found);
    const auto history = service_history(w.db, s.record, StoreKind::central);
    const auto work = field_work(w.db, s.record.id, StoreKind::central);
    const auto rule = domain::check_stage_hours(history, work, entry.to_domain(m.mutation_id),
                                                judged_on(entry.occurred_at, w.now));
    if (!rule.allowed) return denied(m, rule);
    const std::string payload = entry.to_json().dump();
    w.db.cached(
            "INSERT INTO stage_hours (id, site_id, service_id, payload, device_id, device_time, "
            "received_at) VALUES (?, ?, ?, ?, ?, ?, ?)")
        ->bind_all(m.mutation_id, s.site_id, s.record.id, payload, w.device.device_id,
                   m.device_time, w.now)
        .run();
    const protocol::StageHoursRecord record{m.mutation_id, s.record.id, w.device.device_id, w.now,
                                            entry};
    append_change(w.db, site_audience(s.site_id, s.coach_id, std::nullopt), "stage_hours",
                  m.mutation_id, "upsert", record.to_json().dump());
    return PushResult::applied(m.mutation_id, 1);
}

std::span<const PushPermission> WorkPlanEntity::push_permissions() const {
    return kDeskOrCoach;
}

PushResult WorkPlanEntity::apply_pushed(CentralWrite& w,
                                        const protocol::MutationEnvelope& m) const {
    auto parsed = parse<protocol::WorkPlanMutation>(m);
    if (auto* bad = std::get_if<PushResult>(&parsed)) return *bad;
    const auto& plan = std::get<protocol::WorkPlanMutation>(parsed);
    auto found = service_for(w, m, plan.service_id, plan.recorded_by, plan.occurred_at);
    if (auto* bad = std::get_if<PushResult>(&found)) return *bad;
    const auto& s = std::get<ServiceAtCentral>(found);
    const auto history = service_history(w.db, s.record, StoreKind::central);
    const auto rule = domain::check_work_plan(history, plan.to_domain(m.entity_id));
    if (!rule.allowed) return denied(m, rule);
    const EditAtCentral edit{
        name(),
        s,
        plan.to_json(),
        std::nullopt,
        [&](const json& current) {
            return protocol::WorkPlanMutation::from_json(current, m.entity_id).same_content(plan);
        },
        [&](std::int64_t version, bool) {
            return protocol::WorkPlanRecord{m.entity_id, version, plan}.to_json();
        }};
    return apply_edit(w, m, edit);
}

std::span<const PushPermission> RecordConflictEntity::push_permissions() const {
    return kDeskOrCoach;
}

PushResult RecordConflictEntity::apply_pushed(CentralWrite& w,
                                              const protocol::MutationEnvelope& m) const {
    auto parsed = parse<protocol::ConflictResolution>(m);
    if (auto* bad = std::get_if<PushResult>(&parsed)) return *bad;
    const auto& review = std::get<protocol::ConflictResolution>(parsed);
    auto conflict = find_record_conflict(w.db, m.entity_id);
    if (!conflict)
        return PushResult::rejected(m.mutation_id, "unknown_conflict", "No such conflict.");
    auto found = service_for(w, m, conflict->service_id, review.recorded_by, review.occurred_at);
    if (auto* bad = std::get_if<PushResult>(&found)) return *bad;
    const auto& s = std::get<ServiceAtCentral>(found);
    // The first review stands: a second device's review of the same conflict changes nothing.
    if (conflict->resolved_at) return PushResult::applied(m.mutation_id, 1);
    conflict->resolved_at = review.occurred_at;
    conflict->resolved_by = review.recorded_by;
    conflict->resolution = review.resolution;
    const std::string record = conflict->to_json().dump();
    w.db.cached("UPDATE record_conflict SET payload = ?, resolved_at = ? WHERE id = ?")
        ->bind_all(record, w.now, conflict->id)
        .run();
    append_change(w.db, site_audience(s.site_id, s.coach_id, std::nullopt), "record_conflict",
                  conflict->id, "upsert", record);
    return PushResult::applied(m.mutation_id, 1);
}

}  // namespace onthaal::entities
