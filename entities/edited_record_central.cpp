#include "entities/edited_record_central.hpp"

#include "protocol/field_records.hpp"

namespace onthaal::entities {
namespace {

using nlohmann::json;
using protocol::PushResult;

json version_payload(store::Database& db, std::string_view entity, const std::string& id,
                     std::int64_t version) {
    auto q = db.cached(
        "SELECT payload FROM edited_record_version WHERE entity = ? AND id = ? AND version = ?");
    q->bind_all(entity, id, version);
    if (!q->step()) return nullptr;
    return json::parse(q->column_text(0));
}

PushResult keep_version(CentralWrite& w, const protocol::MutationEnvelope& m,
                        const EditAtCentral& e, const std::optional<CurrentEdit>& current) {
    const std::int64_t version = (current ? current->version : 0) + 1;
    const std::string payload = e.payload.dump();
    w.db.cached(
            "INSERT INTO edited_record (entity, id, site_id, service_id, version, payload, "
            "notes_sealed) VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT(entity, id) DO UPDATE SET "
            "version = excluded.version, payload = excluded.payload, notes_sealed = "
            "coalesce(excluded.notes_sealed, edited_record.notes_sealed)")
        ->bind_all(e.entity, m.entity_id, e.service.site_id, e.service.record.id, version, payload,
                   e.notes_sealed)
        .run();
    w.db.cached(
            "INSERT INTO edited_record_version (entity, id, version, payload, notes_sealed, "
            "mutation_id, device_id, device_time, received_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")
        ->bind_all(e.entity, m.entity_id, version, payload, e.notes_sealed, m.mutation_id,
                   w.device.device_id, m.device_time, w.now)
        .run();
    const bool has_notes = e.notes_sealed.has_value() || (current && current->has_notes);
    // Sent back to the editing device too: its copy learns the version it now holds.
    append_change(w.db, site_audience(e.service.site_id, e.service.coach_id, std::nullopt),
                  std::string(e.entity), m.entity_id, "upsert",
                  e.published(version, has_notes).dump());
    return PushResult::applied(m.mutation_id, version);
}

PushResult keep_conflict(CentralWrite& w, const protocol::MutationEnvelope& m,
                         const EditAtCentral& e, const CurrentEdit& current) {
    protocol::RecordConflictRecord c;
    c.id = m.mutation_id;
    c.entity = std::string(e.entity);
    c.entity_id = m.entity_id;
    c.service_id = e.service.record.id;
    if (m.base_version && *m.base_version > 0)
        c.base = version_payload(w.db, e.entity, m.entity_id, *m.base_version);
    c.edit = e.payload;
    c.kept = current.payload;
    c.edit_changed_notes = e.notes_sealed.has_value();
    c.detected_at = w.now;
    c.device_id = w.device.device_id;
    const std::string record = c.to_json().dump();
    w.db.cached(
            "INSERT INTO record_conflict (id, site_id, service_id, payload) VALUES (?, ?, ?, ?)")
        ->bind_all(c.id, e.service.site_id, c.service_id, record)
        .run();
    append_change(w.db, site_audience(e.service.site_id, e.service.coach_id, std::nullopt),
                  "record_conflict", c.id, "upsert", record);
    PushResult r;
    r.mutation_id = m.mutation_id;
    r.status = protocol::PushStatus::conflict;
    r.reason = "edited_on_older_version";
    r.message = "The record changed since this edit's version; kept for review.";
    r.server_version = current.version;
    r.server_record = current.payload;
    if (!c.base.is_null()) r.base_record = c.base;
    return r;
}

}  // namespace

std::optional<CurrentEdit> current_edit(store::Database& db, std::string_view entity,
                                        const std::string& id) {
    auto q = db.cached(
        "SELECT version, payload, notes_sealed IS NOT NULL, service_id FROM edited_record WHERE "
        "entity = ? AND id = ?");
    q->bind_all(entity, id);
    if (!q->step()) return std::nullopt;
    return CurrentEdit{q->column_int64(0), json::parse(q->column_text(1)), q->column_int64(2) != 0,
                       q->column_text(3)};
}

PushResult apply_edit(CentralWrite& w, const protocol::MutationEnvelope& m,
                      const EditAtCentral& e) {
    const auto current = current_edit(w.db, e.entity, m.entity_id);
    if (current && current->service_id != e.service.record.id)
        return PushResult::rejected(m.mutation_id, "service_changed",
                                    "This record belongs to another service.");
    const std::int64_t base = m.base_version.value_or(0);
    if (base == (current ? current->version : 0)) return keep_version(w, m, e, current);
    if (!current)
        return PushResult::rejected(m.mutation_id, "unknown_record",
                                    "Central has no version of this record to edit.");
    // Two devices made the same change: they agree, nothing to review.
    if (e.same_as(current->payload) && !e.notes_sealed)
        return PushResult::applied(m.mutation_id, current->version);
    return keep_conflict(w, m, e, *current);
}

}  // namespace onthaal::entities
