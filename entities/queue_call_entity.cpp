#include "entities/queue_call_entity.hpp"

#include <nlohmann/json.hpp>

#include "entities/service_central_parts.hpp"
#include "local_store/kiosk_store.hpp"
#include "local_store/transaction.hpp"
#include "protocol/queue_call_records.hpp"
#include "protocol/validation.hpp"

namespace onthaal::entities {
namespace {

using protocol::PushResult;

constexpr PushPermission kPermissions[] = {{"call", false, true, false}};

// Calls older than two days go when a new one comes: yesterday's stay for a late shift.
constexpr const char* kForgetCalls =
    "DELETE FROM queue_call WHERE called_at < strftime('%Y-%m-%dT%H:%M:%SZ', ?, '-2 days')";

template <class... Values>
bool exists(store::Database& db, const char* sql, const Values&... values) {
    auto q = db.cached(sql);
    q->bind_all(values...);
    return q->step();
}

// The agent's table: `seq` numbers the calls in the order this device learnt of them, so the
// display chimes for a call another desk made as for its own. A call pulled again is ignored.
void insert_local_call(store::Database& db, const std::string& id,
                       const protocol::QueueCallMutation& c) {
    db.cached(
          "INSERT INTO queue_call (id, appointment_id, queue_number, location, called_at, "
          "called_by) VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT(id) DO NOTHING")
        ->bind_all(id, c.appointment_id, c.queue_number, c.location, c.called_at, c.called_by)
        .run();
}

// Central's refusal of a call its own state does not bear out, or nullopt. The number and the
// room passed on are central's, from the check-in and the appointment, whatever the desk sent.
std::optional<PushResult> check_at_central(CentralWrite& w, const protocol::MutationEnvelope& m,
                                           protocol::QueueCallMutation& c) {
    const std::string& site = w.device.site_id;
    auto refuse = [&](const char* reason, const char* message) {
        return std::optional(PushResult::rejected(m.mutation_id, reason, message));
    };
    if (m.entity_id != c.appointment_id)
        return refuse("invalid_payload", "entity_id must be the called appointment's id.");
    auto a = w.db.cached(
        "SELECT outcome IS NOT NULL, location FROM appointment WHERE id = ? AND site_id = ?");
    a->bind_all(c.appointment_id, site);
    if (!a->step())
        return refuse("unknown_appointment", "No appointment with this id at this site.");
    if (a->column_int64(0) != 0)
        return refuse("queue_call.completed", "This appointment has its outcome already.");
    c.location = a->column_text(1);
    auto e = w.db.cached(
        "SELECT coalesce(queue_number, '') FROM attendance_event WHERE appointment_id = ? AND "
        "kind = 'checked_in' ORDER BY occurred_at, seq LIMIT 1");
    e->bind_all(c.appointment_id);
    if (!e->step()) return refuse("queue_call.not_checked_in", "This client has not checked in.");
    c.queue_number = e->column_text(0);
    if (!exists(w.db, "SELECT 1 FROM staff WHERE id = ? AND site_id = ?", c.called_by, site))
        return refuse("queue_call.unknown_staff", "called_by must be a staff member of this site.");
    if (exists(w.db, "SELECT 1 FROM queue_call WHERE id = ?", m.mutation_id))
        return refuse("mutation_id_reused", "A call with this id is kept already.");
    return std::nullopt;
}

// Calls and their changes older than two days go, so central keeps no history of who was called
// when: a desk enrolled later pulls only the recent ones.
void forget_old_calls_at_central(CentralWrite& w) {
    w.db.cached(
            "DELETE FROM change_log WHERE seq IN (SELECT change_seq FROM queue_call WHERE "
            "called_at < strftime('%Y-%m-%dT%H:%M:%SZ', ?, '-2 days'))")
        ->bind_all(w.now)
        .run();
    w.db.cached(kForgetCalls)->bind_all(w.now).run();
}

}  // namespace

void QueueCallEntity::apply_pulled(store::Database& db, const protocol::PulledChange& change,
                                   const store::DeviceIdentity&) const {
    if (change.op == protocol::ChangeOp::remove) return;  // calls are facts: never taken back
    const auto r = protocol::QueueCallRecord::from_json(change.data, change.id);
    insert_local_call(db, r.id, r.call);
}

std::string QueueCallEntity::push_kind(const protocol::MutationEnvelope&) const {
    return "call";
}

std::span<const PushPermission> QueueCallEntity::push_permissions() const {
    return kPermissions;
}

PushResult QueueCallEntity::apply_pushed(CentralWrite& w,
                                         const protocol::MutationEnvelope& m) const {
    protocol::QueueCallMutation call;
    try {
        call = protocol::QueueCallMutation::from_json(m.payload, m.mutation_id);
    } catch (const protocol::ValidationError& e) {
        return PushResult::rejected(m.mutation_id, "invalid_payload", e.what());
    }
    if (auto refused = check_at_central(w, m, call)) return *refused;
    // A desk clock ahead must not place a call in the future (or another day) on the displays.
    if (call.called_at > w.now) call.called_at = w.now;
    forget_old_calls_at_central(w);
    // The site's other desks: their displays show it. Kiosks and coaches have no use for it.
    append_change(w.db, site_audience(w.device.site_id, std::nullopt, w.device.device_id),
                  "queue_call", m.mutation_id, "upsert",
                  protocol::QueueCallRecord{m.mutation_id, call}.to_json().dump());
    const std::int64_t change_seq = w.db.last_insert_rowid();
    w.db.cached(
            "INSERT INTO queue_call (id, site_id, appointment_id, queue_number, location, "
            "called_at, called_by, change_seq) VALUES (?, ?, ?, ?, ?, ?, ?, ?)")
        ->bind_all(m.mutation_id, w.device.site_id, call.appointment_id, call.queue_number,
                   call.location, call.called_at, call.called_by, change_seq)
        .run();
    return PushResult::applied(m.mutation_id, 1);
}

store::CallOutcome record_queue_call(store::Database& db, const std::string& appointment_id,
                                     const std::string& staff_id, const std::string& now) {
    protocol::QueueCallMutation call;
    {
        auto q = db.cached(
            "SELECT a.outcome IS NOT NULL, a.location, e.id IS NOT NULL, coalesce(e.queue_number,"
            " '') FROM appointment a LEFT JOIN attendance_event e ON e.appointment_id = a.id AND"
            " e.kind = 'checked_in' WHERE a.id = ? ORDER BY e.occurred_at LIMIT 1");
        q->bind_all(appointment_id);
        if (!q->step()) return {store::CallRefusal::unknown_appointment, {}};
        if (q->column_int64(0) != 0) return {store::CallRefusal::completed, {}};
        if (q->column_int64(2) == 0) return {store::CallRefusal::not_checked_in, {}};
        call = {appointment_id, q->column_text(3), q->column_text(1), now, staff_id};
    }
    const std::string id = store::new_mutation_id();
    store::Transaction tx(db);
    // Old calls go by this device's own clock, never by a time another desk sent.
    db.cached(kForgetCalls)->bind_all(now).run();
    insert_local_call(db, id, call);
    const std::int64_t seq = db.last_insert_rowid();  // a fresh id: always inserted
    db.cached(
          "INSERT INTO outbox (mutation_id, entity, entity_id, base_version, payload, created_at, "
          "device_time) VALUES (?, 'queue_call', ?, NULL, ?, ?, ?)")
        ->bind_all(id, appointment_id, call.to_json().dump(), now, now)
        .run();
    tx.commit();
    return {store::CallRefusal::none, {seq, call.queue_number, call.location, now}};
}

}  // namespace onthaal::entities
