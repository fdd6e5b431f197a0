// The desk's service use cases (service_desk.hpp): recording a fact, the "to close" list and the
// search. The client's file is in client_file.cpp.
#include "kiosk_ui/service_desk.hpp"

#include <cctype>

#include "domain/calendar.hpp"
#include "entities/service_entity.hpp"
#include "protocol/service_records.hpp"
#include "protocol/validation.hpp"

namespace onthaal::http {
namespace {

using nlohmann::json;

domain::ServiceState state_of(store::Database& db, const protocol::ServiceRecord& s,
                              domain::Date today) {
    return domain::derive_service_state(
        entities::service_history(db, s, entities::StoreKind::agent), today);
}

// The same, or nullopt for a stored service the rules cannot read (a row of before its record
// came from central): one such row must not take the whole list down.
std::optional<domain::ServiceState> readable_state(store::Database& db,
                                                   const protocol::ServiceRecord& s,
                                                   domain::Date today) {
    try {
        return state_of(db, s, today);
    } catch (const protocol::ValidationError&) {
        return std::nullopt;
    }
}

// A body field the agent sets itself may not come from the page.
bool sets_agent_fields(const json& body) {
    return body.contains("occurred_at") || body.contains("recorded_by");
}

// The service a fact of this id was recorded in, if any.
std::optional<std::string> service_of_fact(store::Database& db, const std::string& id) {
    auto q = db.cached("SELECT service_id FROM service_fact WHERE id = ?");
    q->bind_all(id);
    return q->step() ? std::optional<std::string>(q->column_text(0)) : std::nullopt;
}

}  // namespace

std::optional<std::string> page_mutation_id(const json& body) {
    if (!body.contains("id")) return std::string();
    if (!body["id"].is_string()) return std::nullopt;
    const std::string id = body["id"].get<std::string>();
    if (id.size() < 8 || id.size() > 64) return std::nullopt;
    for (const char c : id)
        if (!std::isalnum(static_cast<unsigned char>(c)) && c != '-') return std::nullopt;
    return id;
}

FactOutcome RecordServiceFact::run(const std::string& service_id, const json& body,
                                   const std::string& staff_id, domain::Instant now) {
    FactOutcome out;
    const auto service = entities::find_service(db_, service_id);
    if (!service) return {FactStatus::unknown_service, "", "", {}, {}};
    if (!body.is_object() || sets_agent_fields(body))
        return {FactStatus::bad_request,
                "",
                "The body must be a fact without occurred_at or "
                "recorded_by.",
                {},
                {}};
    const auto given_id = page_mutation_id(body);
    if (!given_id)
        return {FactStatus::bad_request, "", "id must be 8 to 64 letters, digits or '-'.", {}, {}};
    const domain::Date today = domain::brussels_date(now);
    if (!given_id->empty()) {
        if (const auto kept_in = service_of_fact(db_, *given_id)) {
            if (*kept_in != service_id)
                return {FactStatus::bad_request, "", "This id belongs to another fact.", {}, {}};
            return {FactStatus::already_recorded, *given_id, "", domain::RuleResult::ok(),
                    protocol::service_state_json(state_of(db_, *service, today))};
        }
    }
    json payload = body;
    payload.erase("id");
    payload["occurred_at"] = domain::format_instant(now);
    payload["recorded_by"] = staff_id;
    protocol::ServiceFactMutation fact;
    try {
        fact = protocol::ServiceFactMutation::from_json(payload, service_id);
    } catch (const protocol::ValidationError& e) {
        return {FactStatus::bad_request, "", e.what(), {}, {}};
    }
    const auto history = entities::service_history(db_, *service, entities::StoreKind::agent);
    if (fact.kind == domain::ServiceFactKind::final_advice && !fact.closing_reason) {
        // The reason the desk saw travels with the advice: central refuses it if its own differs.
        if (const auto reason = domain::derive_service_state(history, today).closing_reason)
            fact.closing_reason = std::string(domain::to_string(*reason));
    }
    out.result = domain::check_service_fact(history, fact.to_domain("new"), today);
    if (!out.result.allowed) {
        out.status = FactStatus::refused;
        return out;
    }
    out.id = entities::record_service_fact(db_, service_id, fact, domain::format_instant(now),
                                           *given_id);
    out.state = protocol::service_state_json(state_of(db_, *service, today));
    return out;
}

json services_to_close(store::Database& db, domain::Instant now) {
    const domain::Date today = domain::brussels_date(now);
    auto q = db.cached(
        "SELECT s.id, c.id, c.first_name, c.last_name FROM service s JOIN client c ON c.id = "
        "s.client_id ORDER BY s.id");
    std::vector<std::pair<domain::Date, json>> due;
    while (q->step()) {
        const auto service = entities::find_service(db, q->column_text(0));
        if (!service) continue;
        const auto state = readable_state(db, *service, today);
        if (!state || state->stage != domain::ServiceStage::to_close) continue;
        const domain::ServiceState& s = *state;
        due.push_back({*s.advice_deadline,
                       {{"service_id", service->id},
                        {"client_id", q->column_text(1)},
                        {"first_name", q->column_text(2)},
                        {"last_name", q->column_text(3)},
                        {"programme", service->programme},
                        {"closing_reason", domain::to_string(*s.closing_reason)},
                        {"to_close_on", domain::format_date(*s.to_close_on)},
                        {"advice_deadline", domain::format_date(*s.advice_deadline)},
                        {"days_left", domain::days_between(today, *s.advice_deadline)}}});
    }
    std::stable_sort(due.begin(), due.end(), [](const auto& a, const auto& b) {
        return domain::days_between(a.first, b.first) > 0;
    });
    json list = json::array();
    for (auto& d : due) list.push_back(std::move(d.second));
    return {{"services", list}};
}

json search_clients(store::Database& db, const std::string& query, domain::Instant now) {
    // LIKE's own characters in the query are taken literally.
    std::string pattern;
    for (const char c : query) {
        if (c == '%' || c == '_' || c == '\\') pattern += '\\';
        pattern += c;
    }
    pattern += '%';
    auto q = db.cached(
        "SELECT id, first_name, last_name, programme FROM client WHERE first_name LIKE ?1 "
        "ESCAPE '\\' OR last_name LIKE ?1 ESCAPE '\\' ORDER BY last_name, first_name, id "
        "LIMIT 50");
    q->bind_all(pattern);
    json clients = json::array();
    const domain::Date today = domain::brussels_date(now);
    while (q->step()) {
        const std::string id = q->column_text(0);
        const auto services = entities::client_services(db, id);
        json row = {{"id", id},
                    {"first_name", q->column_text(1)},
                    {"last_name", q->column_text(2)},
                    {"programme", q->column_text(3)},
                    {"service_id", nullptr},
                    {"stage", nullptr}};
        if (!services.empty()) {
            row["service_id"] = services.front().id;
            if (const auto state = readable_state(db, services.front(), today))
                row["stage"] = domain::to_string(state->stage);
        }
        clients.push_back(std::move(row));
    }
    return {{"clients", clients}};
}

}  // namespace onthaal::http
