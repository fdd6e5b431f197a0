#include "entities/client_entity.hpp"

#include <stdexcept>

#include "entities/appointment_entity.hpp"
#include "protocol/validation.hpp"

namespace onthaal::entities {
namespace {

// Whether this device's outbox still holds a change about the client: an outcome of one of its
// appointments, or a fact, hours, a visit, a plan or a review in one of its services.
bool changes_waiting_about(store::Database& db, const std::string& client_id) {
    auto q = db.cached(
        "WITH services AS (SELECT id FROM service WHERE client_id = ?1), "
        "records AS (SELECT id FROM appointment WHERE client_id = ?1 UNION SELECT id FROM "
        "services UNION SELECT id FROM edited_record WHERE service_id IN services UNION SELECT "
        "id FROM record_conflict WHERE service_id IN services) "
        "SELECT 1 FROM outbox WHERE state = 'pending' AND entity_id IN records LIMIT 1");
    q->bind_all(client_id);
    return q->step();
}

}  // namespace

void ClientEntity::apply_pulled(store::Database& db, const protocol::PulledChange& change,
                                const store::DeviceIdentity& device) const {
    if (change.op == protocol::ChangeOp::remove) {
        // Loss of access waits for this device's own changes about the client: until they have
        // reached central the coach still sees them (set aside, tried again after each push).
        if (changes_waiting_about(db, change.id))
            throw protocol::ValidationError(
                "client", change.id, "",
                "leaves this device once its own changes about the client reached central");
        db.cached("DELETE FROM appointment WHERE client_id = ?")->bind_all(change.id).run();
        // Loss of access (a coach's client moved on): the service and its facts go too; a fact
        // not yet pushed still has its outbox row.
        for (const char* table :
             {"service_fact", "stage_hours", "edited_record", "record_conflict"})
            db.cached(std::string("DELETE FROM ") + table +
                      " WHERE service_id IN (SELECT id FROM service WHERE client_id = ?)")
                ->bind_all(change.id)
                .run();
        db.cached("DELETE FROM service WHERE client_id = ?")->bind_all(change.id).run();
        db.cached("DELETE FROM month_category WHERE client_id = ?")->bind_all(change.id).run();
        db.cached("DELETE FROM client WHERE id = ?")->bind_all(change.id).run();
        return;
    }
    store_pulled_client(db, protocol::ClientRecord::from_json(change.data, change.id), device);
}

void store_pulled_client(store::Database& db, const protocol::ClientRecord& c,
                         const store::DeviceIdentity& device) {
    auto guard = db.cached(
        "INSERT INTO client (id, site_id, first_name, last_name, national_number_hash, language, "
        "coach_id, version, programme) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT(id) DO "
        "UPDATE SET first_name = excluded.first_name, last_name = excluded.last_name, "
        "national_number_hash = excluded.national_number_hash, language = excluded.language, "
        "coach_id = excluded.coach_id, version = excluded.version, programme = excluded.programme");
    store::Statement& q = *guard;
    q.bind_all(c.id, device.site_id, c.first_name, c.last_name);
    if (c.national_number_hash)
        q.bind_blob(5, *c.national_number_hash);
    else
        q.bind(5, nullptr);
    q.bind(6, c.language).bind(7, c.coach_id).bind(8, c.version).bind(9, c.programme).run();
}

protocol::ClientRecord central_client(store::Database& db, const std::string& id) {
    auto q = db.cached(
        "SELECT id, first_name, last_name, national_number_hash, language, programme, coach_id,"
        " version FROM client WHERE id = ?");
    q->bind_all(id);
    if (!q->step()) throw std::out_of_range("client '" + id + "' does not exist");
    protocol::ClientRecord c;
    c.id = q->column_text(0);
    c.first_name = q->column_text(1);
    c.last_name = q->column_text(2);
    if (!q->column_is_null(3)) c.national_number_hash = q->column_blob(3);
    c.language = q->column_text(4);
    c.programme = q->column_text(5);
    c.coach_id = q->column_optional_text(6);
    c.version = q->column_int64(7);
    return c;
}

std::optional<std::string> coach_of_client(store::Database& db, const std::string& client_id) {
    auto q = db.cached("SELECT coach_id FROM client WHERE id = ?");
    q->bind_all(client_id);
    return q->step() ? q->column_optional_text(0) : std::nullopt;
}

void publish_client(store::Database& db, const std::string& site_id, const std::string& id) {
    const auto record = central_client(db, id);
    append_change(db, {site_id, record.coach_id, false, std::nullopt, std::nullopt, std::nullopt},
                  "client", id, "upsert", record.to_json().dump());
    // Kiosks hold a client only inside the appointments they may check in for: those carry the
    // new first name or hash to them.
    republish_open_appointments(db, site_id, id);
}

}  // namespace onthaal::entities
