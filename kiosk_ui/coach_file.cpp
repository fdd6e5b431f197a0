// The coach's reads (field_desk.hpp): the caseload and one client's file with the service state,
// the field progress (bars) and every open warning, read from the agent's store in one go.
#include "domain/field_work.hpp"
#include "entities/field_entity.hpp"
#include "entities/service_entity.hpp"
#include "kiosk_ui/coach_views.hpp"
#include "kiosk_ui/field_desk_parts.hpp"
#include "protocol/validation.hpp"

namespace onthaal::http {
namespace {

using nlohmann::json;

json notice_json(const domain::RuleResult& r) {
    return {{"code", r.reason_code},
            {"warning", !r.allowed},
            {"nl", r.message_nl},
            {"en", r.message_en},
            {"due", r.due ? json(domain::format_date_for_people(*r.due)) : json(nullptr)},
            {"due_iso", r.due ? json(domain::format_date(*r.due)) : json(nullptr)}};
}

struct ServiceView {
    domain::ServiceHistory history;
    domain::ServiceState state;
    domain::FieldWork work;
    domain::FieldProgress progress;
};

ServiceView view_of(const FieldContext& c, const protocol::ServiceRecord& s) {
    ServiceView v;
    v.history = entities::service_history(c.db, s, entities::StoreKind::agent);
    const domain::Date today = domain::brussels_date(c.now);
    v.state = domain::derive_service_state(v.history, today);
    v.work = entities::field_work(c.db, s.id, entities::StoreKind::agent);
    v.progress = domain::derive_field_progress(v.history, v.work, today);
    return v;
}

// The service's notices and the field's, soonest deadline first (undated last).
std::vector<domain::RuleResult> all_notices(const ServiceView& v) {
    std::vector<domain::RuleResult> out = v.state.notices;
    out.insert(out.end(), v.progress.notices.begin(), v.progress.notices.end());
    std::stable_sort(out.begin(), out.end(), [](const auto& a, const auto& b) {
        if (a.due && b.due) return *a.due < *b.due;
        return a.due.has_value() && !b.due.has_value();
    });
    return out;
}

std::int64_t open_conflicts(store::Database& db, const std::string& service_id) {
    auto q = db.cached(
        "SELECT count(*) FROM record_conflict WHERE service_id = ? AND resolved_at IS NULL");
    q->bind_all(service_id);
    q->step();
    return q->column_int64(0);
}

json caseload_row(const FieldContext& c, const store::Statement& q) {
    json row = {{"id", q.column_text(0)},
                {"first_name", q.column_text(1)},
                {"last_name", q.column_text(2)},
                {"programme", q.column_text(3)}};
    const auto services = entities::client_services(c.db, q.column_text(0));
    if (services.empty()) return row;
    try {
        const ServiceView v = view_of(c, services.front());
        const auto notices = all_notices(v);
        row["stage"] = domain::to_string(v.state.stage);
        row["warnings"] =
            std::count_if(notices.begin(), notices.end(), [](const auto& n) { return !n.allowed; });
        // The next deadline: a warning's (late ones first), or an information's still ahead; an
        // information dated in the past ("the line runs since ...") is no deadline.
        const domain::Date today = domain::brussels_date(c.now);
        const auto dated = std::find_if(notices.begin(), notices.end(), [&](const auto& n) {
            return n.due.has_value() && (!n.allowed || !(*n.due < today));
        });
        row["next"] = dated == notices.end() ? json(nullptr) : notice_json(*dated);
        row["conflicts"] = open_conflicts(c.db, services.front().id);
    } catch (const protocol::ValidationError&) {
        row["stage"] = nullptr;  // a stored service the rules cannot read: listed, not judged
    }
    return row;
}

json service_json(const FieldContext& c, const protocol::ServiceRecord& s) {
    const ServiceView v = view_of(c, s);
    json out = s.to_json();
    out["state"] = protocol::service_state_json(v.state);
    out["progress"] = progress_json(v.history, v.progress);
    json notices = json::array();
    for (const auto& n : all_notices(v)) notices.push_back(notice_json(n));
    out["notices"] = std::move(notices);
    out["lines"] = lines_json(v.history, v.work);
    out["sheets"] = sheets_json(c, v.history);
    out["visits"] = visits_json(c, s.id);
    out["hours"] = hours_json(c, s.id, v.work);
    out["conflicts"] = conflicts_json(c, s.id);
    return out;
}

}  // namespace

bool reaches_client(const FieldContext& c, const std::string& client_id) {
    auto q = c.db.cached("SELECT 1 FROM client WHERE id = ? AND (coach_id = ? OR ?)");
    q->bind_all(client_id, c.staff_id, c.whole_site);
    return q->step();
}

std::optional<protocol::ServiceRecord> coach_service(const FieldContext& c,
                                                     const std::string& service_id) {
    auto service = entities::find_service(c.db, service_id);
    if (!service) return std::nullopt;
    if (!reaches_client(c, service->client_id)) return std::nullopt;
    return service;
}

std::int64_t expected_version(store::Database& db, std::string_view entity, const std::string& id,
                              std::int64_t stored_version) {
    auto q = db.cached(
        "SELECT count(*) FROM outbox WHERE entity = ? AND entity_id = ? AND state = 'pending'");
    q->bind_all(entity, id);
    q->step();
    return stored_version + q->column_int64(0);
}

std::optional<std::string> service_of_sheet(store::Database& db, const std::string& sheet_id) {
    auto q = db.cached("SELECT service_id FROM service_fact WHERE id = ? AND kind = ?");
    q->bind_all(sheet_id, "agreement_sheet");
    if (!q->step()) return std::nullopt;
    return q->column_text(0);
}

std::string sync_of_record(store::Database& db, std::string_view entity, const std::string& id) {
    auto q = db.cached(
        "SELECT state FROM outbox WHERE entity = ? AND entity_id = ? ORDER BY seq DESC LIMIT 1");
    q->bind_all(entity, id);
    if (!q->step()) return "synced";
    const std::string state = q->column_text(0);
    return state == "pending" ? "pending" : state == "quarantined" ? "refused" : "synced";
}

std::string sync_of_mutation(store::Database& db, const std::string& mutation_id) {
    auto q = db.cached("SELECT state FROM outbox WHERE mutation_id = ?");
    q->bind_all(mutation_id);
    if (!q->step()) return "synced";
    const std::string state = q->column_text(0);
    return state == "pending" ? "pending" : state == "quarantined" ? "refused" : "synced";
}

json coach_caseload(const FieldContext& c) {
    auto q = c.db.cached(
        "SELECT id, first_name, last_name, programme FROM client WHERE coach_id = ? ORDER BY "
        "last_name, first_name, id");
    q->bind_all(c.staff_id);
    json list = json::array();
    while (q->step()) list.push_back(caseload_row(c, *q));
    return {{"clients", std::move(list)},
            {"today", domain::format_date_for_people(domain::brussels_date(c.now))}};
}

std::optional<json> coach_client_file(const FieldContext& c, const std::string& client_id) {
    auto q = c.db.cached(
        "SELECT id, first_name, last_name, language, programme FROM client WHERE id = ?");
    q->bind_all(client_id);
    if (!reaches_client(c, client_id) || !q->step()) return std::nullopt;
    json file = {{"client",
                  {{"id", q->column_text(0)},
                   {"first_name", q->column_text(1)},
                   {"last_name", q->column_text(2)},
                   {"language", q->column_text(3)},
                   {"programme", q->column_text(4)}}}};
    json services = json::array();
    for (const auto& s : entities::client_services(c.db, client_id)) {
        try {
            services.push_back(service_json(c, s));
        } catch (const protocol::ValidationError&) {
            // A stored service the rules cannot read is left out (as at the desk).
        }
    }
    file["services"] = std::move(services);
    return file;
}

}  // namespace onthaal::http
