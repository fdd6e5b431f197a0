// The service entities, the agent's half (pulled records, the local writer) and the readers both
// stores share (their service, month_category and service_fact tables have the same columns).
// Central's half is service_fact_central.cpp.
#include "entities/service_entity.hpp"

#include <algorithm>
#include <tuple>

#include "domain/time_text.hpp"
#include "local_store/kiosk_store.hpp"
#include "local_store/transaction.hpp"
#include "protocol/validation.hpp"

namespace onthaal::entities {
namespace {

constexpr const char* kServiceColumns =
    "id, client_id, programme, referred_on, max_duration_months, project_end, version";

protocol::ServiceRecord service_from_row(const store::Statement& q) {
    protocol::ServiceRecord s;
    s.id = q.column_text(0);
    s.client_id = q.column_text(1);
    s.programme = q.column_text(2);
    s.referred_on = q.column_text(3);
    s.max_duration_months = q.column_optional_int64(4);
    s.project_end = q.column_optional_text(5);
    s.version = q.column_int64(6);
    return s;
}

// The first appointment completed as present (its Brussels day), whether a first appointment
// exists at all, and whether any appointment starts after the presence.
void read_first_appointments(store::Database& db, const std::string& client_id,
                             const std::string& since, domain::ServiceHistory& h) {
    auto q = db.cached(
        "SELECT kind, outcome, starts_at FROM appointment WHERE client_id = ? AND starts_at >= ? "
        "ORDER BY starts_at");
    q->bind_all(client_id, since);
    std::optional<domain::Instant> presence;
    while (q->step()) {
        const auto starts = domain::parse_instant(q->column_text(2));
        if (!starts) continue;
        if (q->column_text(0) == "first") h.first_appointment_planned = true;
        if (presence && *starts > *presence) h.contact_planned_after_presence = true;
        if (!presence && q->column_text(0) == "first" &&
            q->column_optional_text(1) == std::optional<std::string>("present")) {
            presence = *starts;
            h.first_presence = domain::brussels_date(*starts);
        }
    }
}

void read_categories(store::Database& db, const std::string& client_id, domain::ServiceHistory& h) {
    auto q = db.cached("SELECT month, category FROM month_category WHERE client_id = ?");
    q->bind_all(client_id);
    while (q->step()) {
        if (const auto month = protocol::MonthCategoryRecord::parse_month(q->column_text(0)))
            h.categories.push_back({*month, q->column_text(1) == "passive"});
    }
}

std::string facts_query(StoreKind store) {
    const std::string base =
        "SELECT f.id, f.service_id, f.payload, f.device_id, f.received_at FROM service_fact f "
        "WHERE f.service_id = ?";
    const std::string not_refused =
        " AND NOT EXISTS (SELECT 1 FROM outbox o WHERE o.mutation_id = f.id AND o.state = "
        "'quarantined')";
    return base + (store == StoreKind::agent ? not_refused : "") + " ORDER BY f.rowid";
}

std::vector<protocol::ServiceFactRecord> read_facts(store::Database& db,
                                                    const std::string& service_id,
                                                    StoreKind store) {
    auto q = db.cached(facts_query(store));
    q->bind_all(service_id);
    std::vector<protocol::ServiceFactRecord> facts;
    while (q->step()) {
        try {
            protocol::ServiceFactRecord r;
            r.id = q->column_text(0);
            r.service_id = q->column_text(1);
            r.fact = protocol::ServiceFactMutation::from_json(
                nlohmann::json::parse(q->column_text(2)), r.id);
            r.device_id = q->column_text(3);
            r.received_at = q->column_optional_text(4).value_or("");
            facts.push_back(std::move(r));
        } catch (const std::exception&) {
            // Validated when it was kept; a row that no longer parses is no fact of the rules.
        }
    }
    return facts;
}

}  // namespace

std::optional<protocol::ServiceRecord> find_service(store::Database& db, const std::string& id) {
    auto q = db.cached(std::string("SELECT ") + kServiceColumns + " FROM service WHERE id = ?");
    q->bind_all(id);
    if (!q->step()) return std::nullopt;
    return service_from_row(*q);
}

std::vector<protocol::ServiceRecord> client_services(store::Database& db,
                                                     const std::string& client_id) {
    auto q = db.cached(std::string("SELECT ") + kServiceColumns +
                       " FROM service WHERE client_id = ? ORDER BY referred_on DESC, id");
    q->bind_all(client_id);
    std::vector<protocol::ServiceRecord> services;
    while (q->step()) services.push_back(service_from_row(*q));
    return services;
}

domain::ServiceHistory service_history(store::Database& db, const protocol::ServiceRecord& service,
                                       StoreKind store) {
    domain::ServiceHistory h = protocol::service_history_base(service);
    // This service's first appointments: those since its referral (a client referred again
    // starts afresh), under its own programme's absence rule.
    const std::string since = domain::format_instant(domain::brussels_day_start(h.referred_on));
    h.first = domain::fold_first_appointments(first_history(db, service.client_id, store, since),
                                              domain::absence_rule(h.programme));
    read_first_appointments(db, service.client_id, since, h);
    read_categories(db, service.client_id, h);
    auto facts = read_facts(db, service.id, store);
    // One order on both sides, whatever order the facts were kept in (the desk keeps its own
    // first, central in the order pushes arrived): by the day they took effect, then by when and
    // under which id they were recorded. The rules' "first sheet" is then the same everywhere.
    std::sort(facts.begin(), facts.end(), [](const auto& a, const auto& b) {
        return std::tie(a.fact.on, a.fact.occurred_at, a.id) <
               std::tie(b.fact.on, b.fact.occurred_at, b.id);
    });
    for (const auto& r : facts) h.facts.push_back(r.fact.to_domain(r.id));
    return h;
}

std::vector<protocol::ServiceFactRecord> service_facts(store::Database& db,
                                                       const std::string& service_id) {
    return read_facts(db, service_id, StoreKind::central);
}

void ServiceEntity::apply_pulled(store::Database& db, const protocol::PulledChange& change,
                                 const store::DeviceIdentity&) const {
    if (change.op == protocol::ChangeOp::remove) {
        db.cached("DELETE FROM service WHERE id = ?")->bind_all(change.id).run();
        return;
    }
    const auto s = protocol::ServiceRecord::from_json(change.data, change.id);
    db.cached(
          "INSERT INTO service (id, client_id, programme, referred_on, max_duration_months, "
          "project_end, version) VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT(id) DO UPDATE SET "
          "client_id = excluded.client_id, programme = excluded.programme, referred_on = "
          "excluded.referred_on, max_duration_months = excluded.max_duration_months, project_end "
          "= excluded.project_end, version = excluded.version")
        ->bind_all(s.id, s.client_id, s.programme, s.referred_on, s.max_duration_months,
                   s.project_end, s.version)
        .run();
}

void MonthCategoryEntity::apply_pulled(store::Database& db, const protocol::PulledChange& change,
                                       const store::DeviceIdentity&) const {
    if (change.op == protocol::ChangeOp::remove) {
        db.cached("DELETE FROM month_category WHERE id = ?")->bind_all(change.id).run();
        return;
    }
    const auto c = protocol::MonthCategoryRecord::from_json(change.data, change.id);
    db.cached(
          "INSERT INTO month_category (id, client_id, month, category) VALUES (?, ?, ?, ?) ON "
          "CONFLICT(id) DO UPDATE SET client_id = excluded.client_id, month = excluded.month, "
          "category = excluded.category")
        ->bind_all(c.id, c.client_id, c.month, c.passive ? "passive" : "active")
        .run();
}

void ServiceFactEntity::apply_pulled(store::Database& db, const protocol::PulledChange& change,
                                     const store::DeviceIdentity&) const {
    if (change.op == protocol::ChangeOp::remove) return;  // facts are append-only
    const auto r = protocol::ServiceFactRecord::from_json(change.data, change.id);
    db.cached(
          "INSERT INTO service_fact (id, service_id, kind, payload, occurred_at, recorded_by, "
          "device_id, received_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT(id) DO UPDATE SET "
          "device_id = excluded.device_id, received_at = excluded.received_at")
        ->bind_all(r.id, r.service_id, domain::to_string(r.fact.kind), r.fact.to_json().dump(),
                   r.fact.occurred_at, r.fact.recorded_by, r.device_id, r.received_at)
        .run();
}

std::string record_service_fact(store::Database& db, const std::string& service_id,
                                const protocol::ServiceFactMutation& fact, const std::string& now,
                                const std::string& given_id) {
    const std::string id = given_id.empty() ? store::new_mutation_id() : given_id;
    const std::string payload = fact.to_json().dump();
    store::Transaction tx(db);
    db.cached(
          "INSERT INTO service_fact (id, service_id, kind, payload, occurred_at, recorded_by) "
          "VALUES (?, ?, ?, ?, ?, ?)")
        ->bind_all(id, service_id, domain::to_string(fact.kind), payload, fact.occurred_at,
                   fact.recorded_by)
        .run();
    db.cached(
          "INSERT INTO outbox (mutation_id, entity, entity_id, base_version, payload, created_at, "
          "device_time) VALUES (?, 'service_fact', ?, NULL, ?, ?, ?)")
        ->bind_all(id, service_id, payload, now, now)
        .run();
    db.cached(
          "INSERT INTO audit_log (at, actor, action, entity, entity_id) VALUES (?, ?, ?, "
          "'service', ?)")
        ->bind_all(now, fact.recorded_by,
                   "service_fact." + std::string(domain::to_string(fact.kind)), service_id)
        .run();
    tx.commit();
    return id;
}

}  // namespace onthaal::entities
