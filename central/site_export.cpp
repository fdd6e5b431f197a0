#include "central/site_export.hpp"

#include <nlohmann/json.hpp>

#include "central/central_admin.hpp"
#include "domain/first_appointment.hpp"
#include "entities/appointment_entity.hpp"

namespace onthaal::central {

namespace {

// Every appointment of the site, as devices receive it.
nlohmann::json appointments_of(store::Database& db, const std::string& site_id) {
    using nlohmann::json;
    json appointments = json::array();
    auto ids = db.prepare("SELECT id FROM appointment WHERE site_id = ? ORDER BY starts_at, id");
    ids.bind_all(site_id);
    while (ids.step())
        appointments.push_back(entities::central_appointment(db, ids.column_text(0)).to_json());
    return appointments;
}

// Every attendance fact central kept, in the order it received them.
nlohmann::json events_of(store::Database& db, const std::string& site_id) {
    using nlohmann::json;
    json events = json::array();
    auto q = db.prepare(
        "SELECT mutation_id, device_id, appointment_id, kind, occurred_at, recorded_by, "
        "device_time,"
        " base_version, received_at FROM attendance_event WHERE site_id = ? ORDER BY seq");
    q.bind_all(site_id);
    while (q.step()) {
        events.push_back(
            {{"mutation_id", q.column_text(0)},
             {"device_id", q.column_text(1)},
             {"appointment_id", q.column_text(2)},
             {"kind", q.column_text(3)},
             {"occurred_at", q.column_text(4)},
             {"recorded_by", q.column_text(5)},
             {"device_time", q.column_text(6)},
             {"base_version", q.column_is_null(7) ? json(nullptr) : json(q.column_int64(7))},
             {"received_at", q.column_text(8)}});
    }
    return events;
}

// Facts kept for review because the record had changed since the device saw it.
nlohmann::json conflicts_of(store::Database& db, const std::string& site_id) {
    using nlohmann::json;
    json conflicts = json::array();
    auto c = db.prepare(
        "SELECT mutation_id, entity, entity_id, base_version, server_version, reason, created_at"
        " FROM conflict WHERE site_id = ? ORDER BY id");
    c.bind_all(site_id);
    while (c.step()) {
        conflicts.push_back({{"mutation_id", c.column_text(0)},
                             {"entity", c.column_text(1)},
                             {"entity_id", c.column_text(2)},
                             {"reason", c.column_text(5)},
                             {"created_at", c.column_text(6)}});
    }
    return conflicts;
}

// Signals the rules raised (to VDAB's mediator).
nlohmann::json signals_of(store::Database& db, const std::string& site_id) {
    using nlohmann::json;
    json signals = json::array();
    auto sq = db.prepare(
        "SELECT client_id, code, message, mutation_id, created_at FROM service_signal WHERE "
        "site_id = ? ORDER BY id");
    sq.bind_all(site_id);
    while (sq.step()) {
        signals.push_back({{"client_id", sq.column_text(0)},
                           {"code", sq.column_text(1)},
                           {"message", sq.column_text(2)},
                           {"mutation_id", sq.column_text(3)},
                           {"created_at", sq.column_text(4)}});
    }
    return signals;
}

// Each client's first-appointment state, folded with the same rules the desk uses offline.
nlohmann::json services_of(store::Database& db, const std::string& site_id) {
    using nlohmann::json;
    json services = json::array();
    auto cq = db.prepare("SELECT id, programme FROM client WHERE site_id = ? ORDER BY id");
    cq.bind_all(site_id);
    while (cq.step()) {
        const auto state =
            domain::fold_first_appointments(entities::first_history(db, cq.column_text(0)));
        services.push_back({{"client_id", cq.column_text(0)},
                            {"programme", cq.column_text(1)},
                            {"first_appointment",
                             {{"absences", state.absences},
                              {"present", state.present},
                              {"stopped", state.stopped}}}});
    }
    return services;
}

}  // namespace

std::string export_site(store::Database& db, const std::string& site_id) {
    using nlohmann::json;
    auto site = db.cached("SELECT count(*) FROM site WHERE id = ?");
    site->bind_all(site_id);
    site->step();
    if (site->column_int64(0) == 0) throw AdminError("--site: no site '" + site_id + "'");
    return json{{"site_id", site_id},
                {"appointments", appointments_of(db, site_id)},
                {"attendance_events", events_of(db, site_id)},
                {"conflicts", conflicts_of(db, site_id)},
                {"signals", signals_of(db, site_id)},
                {"services", services_of(db, site_id)}}
        .dump(2);
}

}  // namespace onthaal::central
