#include "entities/residence_check_entity.hpp"

#include <nlohmann/json.hpp>

#include "entities/service_central_parts.hpp"
#include "local_store/kiosk_store.hpp"
#include "local_store/transaction.hpp"
#include "protocol/residence_records.hpp"
#include "protocol/validation.hpp"

namespace onthaal::entities {
namespace {

using protocol::PushResult;

constexpr PushPermission kPermissions[] = {{"check", false, true, false}};

template <class... Values>
bool exists(store::Database& db, const char* sql, const Values&... values) {
    auto q = db.cached(sql);
    q->bind_all(values...);
    return q->step();
}

void insert_check(store::Database& db, const std::string& id, const std::string& site_id,
                  const protocol::ResidenceCheckMutation& c) {
    db.cached(
          "INSERT INTO residence_check (id, site_id, client_id, checked_on, checked_by, "
          "recorded_at) VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT(id) DO NOTHING")
        ->bind_all(id, site_id, c.client_id, c.checked_on, c.checked_by, c.recorded_at)
        .run();
}

}  // namespace

void ResidenceCheckEntity::apply_pulled(store::Database& db, const protocol::PulledChange& change,
                                        const store::DeviceIdentity& device) const {
    if (change.op == protocol::ChangeOp::remove) return;  // facts are append-only
    const auto r = protocol::ResidenceCheckRecord::from_json(change.data, change.id);
    insert_check(db, r.id, device.site_id, r.check);
}

std::string ResidenceCheckEntity::push_kind(const protocol::MutationEnvelope&) const {
    return "check";
}

std::span<const PushPermission> ResidenceCheckEntity::push_permissions() const {
    return kPermissions;
}

PushResult ResidenceCheckEntity::apply_pushed(CentralWrite& w,
                                              const protocol::MutationEnvelope& m) const {
    protocol::ResidenceCheckMutation check;
    try {
        check = protocol::ResidenceCheckMutation::from_json(m.payload, m.mutation_id);
    } catch (const protocol::ValidationError& e) {
        return PushResult::rejected(m.mutation_id, "invalid_payload", e.what());
    }
    if (m.entity_id != check.client_id)
        return PushResult::rejected(m.mutation_id, "invalid_payload",
                                    "entity_id must be the checked client's id.");
    if (!exists(w.db, "SELECT 1 FROM client WHERE id = ? AND site_id = ?", check.client_id,
                w.device.site_id))
        return PushResult::rejected(m.mutation_id, "unknown_client",
                                    "No client with this id at this site.");
    if (!exists(w.db, "SELECT 1 FROM staff WHERE id = ? AND site_id = ?", check.checked_by,
                w.device.site_id))
        return PushResult::rejected(m.mutation_id, "residence_check.unknown_staff",
                                    "checked_by must be a staff member of this site.");
    if (exists(w.db, "SELECT 1 FROM residence_check WHERE id = ?", m.mutation_id))
        return PushResult::rejected(m.mutation_id, "mutation_id_reused",
                                    "A check with this id is kept already.");
    insert_check(w.db, m.mutation_id, w.device.site_id, check);
    // The site's desks only: a coach's caseload view and a kiosk have no use for it.
    ChangeAudience audience = site_audience(w.device.site_id, std::nullopt, w.device.device_id);
    append_change(w.db, audience, "residence_check", m.mutation_id, "upsert",
                  protocol::ResidenceCheckRecord{m.mutation_id, check}.to_json().dump());
    return PushResult::applied(m.mutation_id, 1);
}

std::string record_residence_check(store::Database& db, const std::string& site_id,
                                   const std::string& client_id, const std::string& day,
                                   const std::string& staff_id, const std::string& now) {
    const std::string id = store::new_mutation_id();
    const protocol::ResidenceCheckMutation check{client_id, day, staff_id, now};
    store::Transaction tx(db);
    insert_check(db, id, site_id, check);
    db.cached(
          "INSERT INTO outbox (mutation_id, entity, entity_id, base_version, payload, created_at, "
          "device_time) VALUES (?, 'residence_check', ?, NULL, ?, ?, ?)")
        ->bind_all(id, client_id, check.to_json().dump(), now, now)
        .run();
    db.cached(
          "INSERT INTO audit_log (at, actor, action, entity, entity_id) VALUES (?, ?, "
          "'residence_check.recorded', 'client', ?)")
        ->bind_all(now, staff_id, client_id)
        .run();
    tx.commit();
    return id;
}

std::set<std::string> residence_checked_on(store::Database& db, const std::string& day) {
    auto q = db.cached("SELECT DISTINCT client_id FROM residence_check WHERE checked_on = ?");
    q->bind_all(day);
    std::set<std::string> out;
    while (q->step()) out.insert(q->column_text(0));
    return out;
}

}  // namespace onthaal::entities
