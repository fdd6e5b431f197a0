// The client's file at the desk (service_desk.hpp: client_file): what the client page shows, read
// from the agent's store in one go. Names of staff are looked up here so the page never needs
// another request; sync status per fact comes from the outbox (pending, applied, refused) or
// says the fact came from central (recorded on another device).
#include "domain/registrations.hpp"
#include "domain/types.hpp"
#include "entities/service_entity.hpp"
#include "kiosk_ui/client_history.hpp"
#include "kiosk_ui/service_desk.hpp"
#include "protocol/service_records.hpp"
#include "protocol/validation.hpp"

namespace onthaal::http {
namespace {

using nlohmann::json;

std::string staff_name(store::Database& db, const std::string& id) {
    auto q = db.cached("SELECT name FROM staff_account WHERE id = ?");
    q->bind_all(id);
    return q->step() ? q->column_text(0) : id;
}

struct SyncOfFact {
    std::string state = "from_central";
    std::string refused_reason;
};

SyncOfFact sync_of(store::Database& db, const std::string& mutation_id) {
    auto q = db.cached("SELECT state, last_error FROM outbox WHERE mutation_id = ?");
    q->bind_all(mutation_id);
    if (!q->step()) return {};
    const std::string state = q->column_text(0);
    return {state == "quarantined" ? "refused" : state, q->column_optional_text(1).value_or("")};
}

json site_json(store::Database& db) {
    auto q = db.cached("SELECT name, province FROM site LIMIT 1");
    if (!q->step()) return {{"name", ""}, {"province", ""}, {"financing_number", ""}};
    const std::string province = q->column_text(1);
    const auto p = domain::parse_province_code(province);
    return {{"name", q->column_text(0)},
            {"province", province},
            {"financing_number", p ? domain::financing_number(*p) : ""}};
}

json fact_json(store::Database& db, const protocol::ServiceFactRecord& r) {
    json j = r.fact.to_json();
    const SyncOfFact sync = sync_of(db, r.id);
    j["id"] = r.id;
    j["recorded_by_name"] = staff_name(db, r.fact.recorded_by);
    j["device_id"] = r.device_id;
    j["received_at"] = r.received_at.empty() ? json(nullptr) : json(r.received_at);
    j["sync"] = sync.state;
    j["refused_reason"] = sync.refused_reason.empty() ? json(nullptr) : json(sync.refused_reason);
    return j;
}

// The sheets with their signature, and the lines with the site's financing number.
void sheets_and_lines(const std::vector<protocol::ServiceFactRecord>& facts,
                      const std::string& financing, json& service) {
    json sheets = json::array(), lines = json::array();
    for (const auto& r : facts) {
        const auto& f = r.fact;
        if (f.kind == domain::ServiceFactKind::agreement_sheet) {
            json signed_on = nullptr;
            for (const auto& s : facts)
                if (s.fact.kind == domain::ServiceFactKind::agreement_sheet_signed &&
                    s.fact.refers_to == r.id)
                    signed_on = s.fact.on;
            sheets.push_back({{"id", r.id},
                              {"on", f.on},
                              {"next_contact", f.next_contact ? json(*f.next_contact) : json()},
                              {"content", f.content},
                              {"signed_on", signed_on}});
        } else if (f.kind == domain::ServiceFactKind::training_line) {
            lines.push_back({{"id", r.id},
                             {"code", f.code.value_or("")},
                             {"on", f.on},
                             {"until", f.until ? json(*f.until) : json()},
                             {"hours", f.hours},
                             {"financing_number", financing}});
        }
    }
    service["sheets"] = std::move(sheets);
    service["lines"] = std::move(lines);
}

json service_json(store::Database& db, const protocol::ServiceRecord& s, const json& site,
                  domain::Date today) {
    const auto history = entities::service_history(db, s, entities::StoreKind::agent);
    const domain::ServiceState state = domain::derive_service_state(history, today);
    json service = s.to_json();
    service["state"] = protocol::service_state_json(state);
    json actions = json::array(), options = json::array();
    for (const auto kind : domain::fitting_fact_kinds(history, state))
        actions.push_back(domain::to_string(kind));
    if (state.stage == domain::ServiceStage::to_close)
        for (const auto a : domain::advice_options(history.programme, *state.closing_reason))
            options.push_back(domain::to_string(a));
    service["actions"] = std::move(actions);
    service["advice_options"] = std::move(options);
    const auto facts = entities::service_facts(db, s.id);
    sheets_and_lines(facts, site["financing_number"].get<std::string>(), service);
    json list = json::array();
    for (const auto& r : facts) list.push_back(fact_json(db, r));
    service["facts"] = std::move(list);
    return service;
}

json appointments_json(store::Database& db, const std::string& client_id) {
    auto q = db.cached(
        "SELECT a.id, a.kind, a.registered, a.starts_at, a.outcome, a.location, "
        "coalesce(s.name, ''), (SELECT min(e.occurred_at) FROM attendance_event e WHERE "
        "e.appointment_id = a.id AND e.kind = 'checked_in') FROM appointment a LEFT JOIN "
        "staff_account s ON s.id = a.staff_id WHERE a.client_id = ? ORDER BY a.starts_at");
    q->bind_all(client_id);
    json list = json::array();
    while (q->step()) {
        list.push_back(
            {{"id", q->column_text(0)},
             {"kind", q->column_text(1)},
             {"registered", q->column_int64(2) != 0},
             {"starts_at", q->column_text(3)},
             {"outcome", q->column_optional_text(4) ? json(*q->column_optional_text(4)) : json()},
             {"location", q->column_text(5)},
             {"staff_name", q->column_text(6)},
             {"checked_in_at",
              q->column_optional_text(7) ? json(*q->column_optional_text(7)) : json()}});
    }
    return list;
}

}  // namespace

std::optional<json> client_file(store::Database& db, const std::string& client_id,
                                domain::Instant now) {
    auto q = db.cached(
        "SELECT c.id, c.first_name, c.last_name, c.language, c.programme, s.name FROM client c "
        "LEFT JOIN staff_account s ON s.id = c.coach_id WHERE c.id = ?");
    q->bind_all(client_id);
    if (!q->step()) return std::nullopt;
    json client = {
        {"id", q->column_text(0)},
        {"first_name", q->column_text(1)},
        {"last_name", q->column_text(2)},
        {"language", q->column_text(3)},
        {"programme", q->column_text(4)},
        {"coach_name", q->column_optional_text(5) ? json(*q->column_optional_text(5)) : json()}};
    const json site = site_json(db);
    const domain::Date today = domain::brussels_date(now);
    json services = json::array();
    for (const auto& s : entities::client_services(db, client_id)) {
        try {
            services.push_back(service_json(db, s, site, today));
        } catch (const protocol::ValidationError&) {
            // A row of before its record came from central: left out until the pull brings it.
        }
    }
    json file = {{"today", domain::format_date(today)},
                 {"client", std::move(client)},
                 {"site", site},
                 {"services", services},
                 {"appointments", appointments_json(db, client_id)}};
    file["history"] = client_history(db, client_id, services);
    return file;
}

}  // namespace onthaal::http
