// The field-work entities, the agent's half (pulled records, the local writers) and the readers
// both stores share. Central's half is field_central.cpp.
#include "entities/field_entity.hpp"

#include <algorithm>

#include "local_store/kiosk_store.hpp"
#include "local_store/transaction.hpp"
#include "protocol/validation.hpp"

namespace onthaal::entities {
namespace {

using nlohmann::json;

// A pulled version replaces this device's copy, except while an edit made here waits for central
// and the pulled version is not newer than the one edited: then it is this device's own base
// arriving late, and the edit shown stays (central will apply it or report a conflict).
void store_pulled_edited(store::Database& db, std::string_view entity, const std::string& id,
                         const std::string& service_id, std::int64_t version,
                         const std::string& payload) {
    db.cached(
          "INSERT INTO edited_record (entity, id, service_id, version, payload) VALUES (?, ?, ?, "
          "?, ?) ON CONFLICT(entity, id) DO UPDATE SET service_id = excluded.service_id, version "
          "= excluded.version, payload = excluded.payload WHERE excluded.version > "
          "edited_record.version OR NOT EXISTS (SELECT 1 FROM outbox o WHERE o.entity = "
          "edited_record.entity AND o.entity_id = edited_record.id AND o.state = 'pending')")
        ->bind_all(entity, id, service_id, version, payload)
        .run();
}

void enqueue(store::Database& db, const std::string& mutation_id, std::string_view entity,
             const std::string& entity_id, std::optional<std::int64_t> base_version,
             const std::string& payload, const std::string& now, const std::string& actor,
             const std::string& action, const std::string& service_id) {
    db.cached(
          "INSERT INTO outbox (mutation_id, entity, entity_id, base_version, payload, created_at, "
          "device_time) VALUES (?, ?, ?, ?, ?, ?, ?)")
        ->bind_all(mutation_id, entity, entity_id, base_version, payload, now, now)
        .run();
    db.cached(
          "INSERT INTO audit_log (at, actor, action, entity, entity_id) VALUES (?, ?, ?, "
          "'service', ?)")
        ->bind_all(now, actor, action, service_id)
        .run();
}

StoredVisit visit_from_row(const store::Statement& q) {
    StoredVisit v;
    v.id = q.column_text(0);
    v.version = q.column_int64(1);
    v.details =
        protocol::VisitDetails::from_json(json::parse(q.column_text(2)), "workplace_visit", v.id);
    v.notes_sealed = q.column_optional_text(3);
    return v;
}

StoredWorkPlan plan_from_row(const store::Statement& q) {
    StoredWorkPlan p;
    p.id = q.column_text(0);
    p.version = q.column_int64(1);
    p.plan = protocol::WorkPlanMutation::from_json(json::parse(q.column_text(2)), p.id);
    return p;
}

template <class Row, class Parse>
std::vector<Row> read_rows(store::Statement& q, Parse parse) {
    std::vector<Row> rows;
    while (q.step()) {
        try {
            rows.push_back(parse(q));
        } catch (const std::exception&) {
            // Validated when it was kept; a row that no longer parses is left out.
        }
    }
    return rows;
}

}  // namespace

std::vector<StoredVisit> service_visits(store::Database& db, const std::string& service_id) {
    auto q = db.cached(
        "SELECT id, version, payload, notes_sealed FROM edited_record WHERE service_id = ? AND "
        "entity = 'workplace_visit'");
    q->bind_all(service_id);
    auto visits = read_rows<StoredVisit>(*q, visit_from_row);
    std::sort(visits.begin(), visits.end(), [](const StoredVisit& a, const StoredVisit& b) {
        return std::tie(b.details.on, b.details.occurred_at) <
               std::tie(a.details.on, a.details.occurred_at);
    });
    return visits;
}

std::optional<StoredVisit> find_visit(store::Database& db, const std::string& id) {
    auto q = db.cached(
        "SELECT id, version, payload, notes_sealed FROM edited_record WHERE entity = "
        "'workplace_visit' AND id = ?");
    q->bind_all(id);
    auto rows = read_rows<StoredVisit>(*q, visit_from_row);
    if (rows.empty()) return std::nullopt;
    return rows.front();
}

std::vector<protocol::StageHoursRecord> service_hours(store::Database& db,
                                                      const std::string& service_id,
                                                      StoreKind store) {
    const std::string not_refused =
        " AND NOT EXISTS (SELECT 1 FROM outbox o WHERE o.mutation_id = h.id AND o.state = "
        "'quarantined')";
    auto q = db.cached(
        "SELECT h.id, h.payload, h.device_id, h.received_at FROM stage_hours h WHERE "
        "h.service_id = ?" +
        (store == StoreKind::agent ? not_refused : "") + " ORDER BY h.seq");
    q->bind_all(service_id);
    return read_rows<protocol::StageHoursRecord>(*q, [&](const store::Statement& row) {
        protocol::StageHoursRecord r;
        r.id = row.column_text(0);
        r.service_id = service_id;
        r.entry = protocol::StageHoursMutation::from_json(json::parse(row.column_text(1)), r.id);
        r.device_id = row.column_text(2);
        r.received_at = row.column_optional_text(3).value_or("");
        return r;
    });
}

std::vector<StoredWorkPlan> service_work_plans(store::Database& db, const std::string& service_id) {
    auto q = db.cached(
        "SELECT id, version, payload FROM edited_record WHERE service_id = ? AND entity = "
        "'work_plan' ORDER BY id");
    q->bind_all(service_id);
    return read_rows<StoredWorkPlan>(*q, plan_from_row);
}

std::optional<StoredWorkPlan> find_work_plan(store::Database& db, const std::string& sheet_id) {
    auto q = db.cached(
        "SELECT id, version, payload FROM edited_record WHERE entity = 'work_plan' AND id = ?");
    q->bind_all(sheet_id);
    auto rows = read_rows<StoredWorkPlan>(*q, plan_from_row);
    if (rows.empty()) return std::nullopt;
    return rows.front();
}

std::vector<protocol::RecordConflictRecord> service_conflicts(store::Database& db,
                                                              const std::string& service_id) {
    auto q = db.cached("SELECT id, payload FROM record_conflict WHERE service_id = ? ORDER BY id");
    q->bind_all(service_id);
    return read_rows<protocol::RecordConflictRecord>(*q, [](const store::Statement& row) {
        return protocol::RecordConflictRecord::from_json(json::parse(row.column_text(1)),
                                                         row.column_text(0));
    });
}

std::optional<protocol::RecordConflictRecord> find_record_conflict(store::Database& db,
                                                                   const std::string& id) {
    auto q = db.cached("SELECT id, payload FROM record_conflict WHERE id = ?");
    q->bind_all(id);
    auto rows = read_rows<protocol::RecordConflictRecord>(*q, [](const store::Statement& row) {
        return protocol::RecordConflictRecord::from_json(json::parse(row.column_text(1)),
                                                         row.column_text(0));
    });
    if (rows.empty()) return std::nullopt;
    return rows.front();
}

domain::FieldWork field_work(store::Database& db, const std::string& service_id, StoreKind store) {
    domain::FieldWork work;
    for (const StoredVisit& v : service_visits(db, service_id))
        work.visits.push_back(v.details.to_domain(v.id));
    for (const auto& h : service_hours(db, service_id, store))
        work.hours.push_back(h.entry.to_domain(h.id));
    for (const StoredWorkPlan& p : service_work_plans(db, service_id))
        work.plans.push_back(p.plan.to_domain(p.id));
    return work;
}

void VisitEntity::apply_pulled(store::Database& db, const protocol::PulledChange& change,
                               const store::DeviceIdentity&) const {
    if (change.op == protocol::ChangeOp::remove) {
        db.cached("DELETE FROM edited_record WHERE entity = 'workplace_visit' AND id = ?")
            ->bind_all(change.id)
            .run();
        return;
    }
    const auto v = protocol::VisitRecord::from_json(change.data, change.id);
    json payload = v.details.to_json();
    payload["has_notes"] = v.has_notes;
    store_pulled_edited(db, name(), v.id, v.details.service_id, v.version, payload.dump());
}

void StageHoursEntity::apply_pulled(store::Database& db, const protocol::PulledChange& change,
                                    const store::DeviceIdentity&) const {
    if (change.op == protocol::ChangeOp::remove) return;  // facts are append-only
    const auto r = protocol::StageHoursRecord::from_json(change.data, change.id);
    db.cached(
          "INSERT INTO stage_hours (id, service_id, payload, device_id, received_at) VALUES (?, "
          "?, ?, ?, ?) ON CONFLICT(id) DO UPDATE SET device_id = excluded.device_id, received_at "
          "= excluded.received_at")
        ->bind_all(r.id, r.service_id, r.entry.to_json().dump(), r.device_id, r.received_at)
        .run();
}

void WorkPlanEntity::apply_pulled(store::Database& db, const protocol::PulledChange& change,
                                  const store::DeviceIdentity&) const {
    if (change.op == protocol::ChangeOp::remove) {
        db.cached("DELETE FROM edited_record WHERE entity = 'work_plan' AND id = ?")
            ->bind_all(change.id)
            .run();
        return;
    }
    const auto p = protocol::WorkPlanRecord::from_json(change.data, change.id);
    store_pulled_edited(db, name(), p.id, p.plan.service_id, p.version, p.plan.to_json().dump());
}

void RecordConflictEntity::apply_pulled(store::Database& db, const protocol::PulledChange& change,
                                        const store::DeviceIdentity&) const {
    if (change.op == protocol::ChangeOp::remove) {
        db.cached("DELETE FROM record_conflict WHERE id = ?")->bind_all(change.id).run();
        return;
    }
    const auto c = protocol::RecordConflictRecord::from_json(change.data, change.id);
    db.cached(
          "INSERT INTO record_conflict (id, service_id, payload, resolved_at) VALUES (?, ?, ?, ?) "
          "ON CONFLICT(id) DO UPDATE SET payload = excluded.payload, resolved_at = "
          "coalesce(excluded.resolved_at, record_conflict.resolved_at)")
        ->bind_all(c.id, c.service_id, c.to_json().dump(), c.resolved_at)
        .run();
}

std::string record_visit(store::Database& db, const std::string& visit_id,
                         std::optional<std::int64_t> base_version,
                         const protocol::VisitMutation& mutation,
                         const std::optional<std::string>& notes_at_rest, const std::string& now,
                         const std::string& given_id) {
    const std::string id = given_id.empty() ? store::new_mutation_id() : given_id;
    store::Transaction tx(db);
    const auto before = find_visit(db, visit_id);
    json shown = mutation.details.to_json();
    shown["has_notes"] = notes_at_rest.has_value() || (before && before->notes_sealed);
    db.cached(
          "INSERT INTO edited_record (entity, id, service_id, version, payload, notes_sealed) "
          "VALUES ('workplace_visit', ?, ?, ?, ?, ?) ON CONFLICT(entity, id) DO UPDATE SET "
          "payload = excluded.payload, notes_sealed = coalesce(excluded.notes_sealed, "
          "edited_record.notes_sealed)")
        ->bind_all(visit_id, mutation.details.service_id, base_version.value_or(0), shown.dump(),
                   notes_at_rest)
        .run();
    enqueue(db, id, "workplace_visit", visit_id, base_version, mutation.to_json().dump(), now,
            mutation.details.recorded_by, base_version ? "visit.edited" : "visit.recorded",
            mutation.details.service_id);
    tx.commit();
    return id;
}

std::string record_stage_hours(store::Database& db, const std::string& service_id,
                               const protocol::StageHoursMutation& entry, const std::string& now,
                               const std::string& given_id) {
    const std::string id = given_id.empty() ? store::new_mutation_id() : given_id;
    const std::string payload = entry.to_json().dump();
    store::Transaction tx(db);
    db.cached("INSERT INTO stage_hours (id, service_id, payload) VALUES (?, ?, ?)")
        ->bind_all(id, service_id, payload)
        .run();
    enqueue(db, id, "stage_hours", service_id, std::nullopt, payload, now, entry.recorded_by,
            "stage_hours.recorded", service_id);
    tx.commit();
    return id;
}

std::string record_work_plan(store::Database& db, const std::string& sheet_id,
                             std::optional<std::int64_t> base_version,
                             const protocol::WorkPlanMutation& plan, const std::string& now,
                             const std::string& given_id) {
    const std::string id = given_id.empty() ? store::new_mutation_id() : given_id;
    const std::string payload = plan.to_json().dump();
    store::Transaction tx(db);
    db.cached(
          "INSERT INTO edited_record (entity, id, service_id, version, payload) VALUES "
          "('work_plan', ?, ?, ?, ?) ON CONFLICT(entity, id) DO UPDATE SET payload = "
          "excluded.payload")
        ->bind_all(sheet_id, plan.service_id, base_version.value_or(0), payload)
        .run();
    enqueue(db, id, "work_plan", sheet_id, base_version, payload, now, plan.recorded_by,
            "work_plan.edited", plan.service_id);
    tx.commit();
    return id;
}

std::string record_conflict_resolution(store::Database& db, const std::string& conflict_id,
                                       const protocol::ConflictResolution& resolution,
                                       const std::string& now, const std::string& given_id) {
    const std::string id = given_id.empty() ? store::new_mutation_id() : given_id;
    store::Transaction tx(db);
    auto conflict = find_record_conflict(db, conflict_id);
    if (!conflict) throw std::out_of_range("conflict '" + conflict_id + "' does not exist");
    conflict->resolved_at = resolution.occurred_at;
    conflict->resolved_by = resolution.recorded_by;
    conflict->resolution = resolution.resolution;
    db.cached("UPDATE record_conflict SET payload = ?, resolved_at = ? WHERE id = ?")
        ->bind_all(conflict->to_json().dump(), resolution.occurred_at, conflict_id)
        .run();
    enqueue(db, id, "record_conflict", conflict_id, std::nullopt, resolution.to_json().dump(), now,
            resolution.recorded_by, "conflict.reviewed", conflict->service_id);
    tx.commit();
    return id;
}

}  // namespace onthaal::entities
