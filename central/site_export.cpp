#include "central/site_export.hpp"

#include <nlohmann/json.hpp>

#include "central/central_admin.hpp"
#include "domain/first_appointment.hpp"
#include "domain/time_text.hpp"
#include "entities/appointment_entity.hpp"
#include "entities/service_entity.hpp"

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

// A service with its state derived as the desk derives it, and every fact with who recorded it,
// when, on which device, and when central received it.
nlohmann::json service_of(store::Database& db, const protocol::ServiceRecord& record,
                          domain::Date today) {
    using nlohmann::json;
    json service = record.to_json();
    service["state"] = protocol::service_state_json(domain::derive_service_state(
        entities::service_history(db, record, entities::StoreKind::central), today));
    json facts = json::array();
    for (const auto& fact : entities::service_facts(db, record.id)) {
        json f = fact.to_json();
        auto times = db.cached("SELECT device_time FROM service_fact WHERE id = ?");
        times->bind_all(fact.id);
        f["device_time"] = times->step() ? json(times->column_text(0)) : json(nullptr);
        facts.push_back(std::move(f));
    }
    service["facts"] = std::move(facts);
    return service;
}

// Each client's first-appointment state, folded with the same rules the desk uses offline, and
// its services, newest referral first.
nlohmann::json clients_of(store::Database& db, const std::string& site_id, domain::Date today) {
    using nlohmann::json;
    json clients = json::array();
    auto cq = db.prepare("SELECT id, programme FROM client WHERE site_id = ? ORDER BY id");
    cq.bind_all(site_id);
    while (cq.step()) {
        const std::string id = cq.column_text(0);
        const auto state = entities::first_appointment_state(db, id);
        json services = json::array();
        for (const auto& record : entities::client_services(db, id))
            services.push_back(service_of(db, record, today));
        clients.push_back({{"client_id", id},
                           {"programme", cq.column_text(1)},
                           {"first_appointment",
                            {{"absences", state.absences},
                             {"present", state.present},
                             {"stopped", state.stopped}}},
                           {"services", std::move(services)}});
    }
    return clients;
}

}  // namespace

std::string export_site(store::Database& db, const std::string& site_id) {
    using nlohmann::json;
    auto site = db.cached("SELECT count(*) FROM site WHERE id = ?");
    site->bind_all(site_id);
    site->step();
    if (site->column_int64(0) == 0) throw AdminError("--site: no site '" + site_id + "'");
    const domain::Date today = domain::brussels_date(*domain::parse_instant(utc_now_iso()));
    return json{{"site_id", site_id},
                {"appointments", appointments_of(db, site_id)},
                {"attendance_events", events_of(db, site_id)},
                {"conflicts", conflicts_of(db, site_id)},
                {"signals", signals_of(db, site_id)},
                {"today", domain::format_date(today)},
                {"clients", clients_of(db, site_id, today)}}
        .dump(2);
}

}  // namespace onthaal::central
