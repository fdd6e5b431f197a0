// The site import's services and month categories (import_parts.hpp): VDAB's enrolments of the
// clients in programmes, checked against each client's other programmes (closing.hpp's
// check_combination), and VDAB's month-end categories. Both are published to the site's desks
// and the client's coach, never to kiosks (entities/service_fact_central.cpp).
#include <algorithm>

#include "central/import_parts.hpp"
#include "domain/time_text.hpp"
#include "entities/service_entity.hpp"

namespace onthaal::central::import_parts {
namespace {

std::string id_field(const json& r, const std::string& where) {
    const std::string id = text_field(r, where, "id");
    if (id.size() > 100) bad(where, "id", "is longer than 100 characters");
    return id;
}

std::string date_field(const json& r, const std::string& where, const char* field, bool required) {
    const std::string text = text_field(r, where, field, required);
    if (!text.empty() && !domain::parse_date(text))
        bad(where, field, "must be a date YYYY-MM-DD, e.g. 2026-11-02");
    return text;
}

std::optional<std::int64_t> months_field(const json& r, const std::string& where) {
    if (!r.contains("max_duration_months") || r["max_duration_months"].is_null())
        return std::nullopt;
    const json& v = r["max_duration_months"];
    if (!v.is_number_integer() || v.get<std::int64_t>() < 1 || v.get<std::int64_t>() > 120)
        bad(where, "max_duration_months", "must be a whole number of months from 1 to 120");
    return v.get<std::int64_t>();
}

protocol::ServiceRecord read_service(ImportContext& run, const json& r, const std::string& where) {
    protocol::ServiceRecord s;
    s.id = id_field(r, where);
    s.client_id = text_field(r, where, "client_id");
    run.check_reference(where, "client_id", s.client_id, run.client_ids, "client");
    s.programme = text_field(r, where, "programme");
    if (!domain::parse_programme(s.programme))
        bad(where, "programme",
            "is not a programme of DOMAIN.md (e.g. TIBB4, TWE-wz, GLOW, G-WPL)");
    s.referred_on = date_field(r, where, "referred_on", true);
    s.max_duration_months = months_field(r, where);
    const std::string end = date_field(r, where, "project_end", false);
    if (!end.empty()) s.project_end = end;
    return s;
}

// 001 §1.6: GLOW and TWE-OCMW exclude each other, and once one is chosen the client stays in
// it, so those count closed or not; 000: G-JC not while a TWE runs (closed ones do not count).
void check_combination(ImportContext& run, const std::string& where,
                       const protocol::ServiceRecord& s) {
    std::vector<std::string> current;
    std::string named;
    for (const auto& other : entities::client_services(run.db, s.client_id)) {
        if (other.id == s.id) continue;
        const auto stage =
            domain::derive_service_state(
                entities::service_history(run.db, other, entities::StoreKind::central), run.today)
                .stage;
        const bool running =
            stage != domain::ServiceStage::closed && stage != domain::ServiceStage::stopped;
        if (!running && other.programme != "GLOW" && other.programme != "TWE-art60") continue;
        current.push_back(other.programme);
        named += (named.empty() ? "" : ", ") + other.programme + " ('" + other.id + "')";
    }
    const auto rule = domain::check_combination(*domain::parse_programme(s.programme), current);
    if (!rule.allowed)
        bad(where, "programme",
            rule_text(rule) + " Client '" + s.client_id + "' has " + named + ".");
}

void write_service(ImportContext& run, const protocol::ServiceRecord& s) {
    run.db
        .cached(
            "INSERT INTO service (id, site_id, client_id, programme, referred_on, "
            "max_duration_months, project_end) VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT(id) DO "
            "UPDATE SET referred_on = excluded.referred_on, max_duration_months = "
            "excluded.max_duration_months, project_end = excluded.project_end, version = version + "
            "1")
        ->bind_all(s.id, run.site_id, s.client_id, s.programme, s.referred_on,
                   s.max_duration_months, s.project_end)
        .run();
    entities::publish_service(run.db, run.site_id, s.id);
    ++run.summary.changed;
}

void import_service(ImportContext& run, const json& r, const std::string& where) {
    protocol::ServiceRecord next = read_service(run, r, where);
    bool other_site = false;
    const bool known = exists_in_site(run.db, "service", next.id, run.site_id, other_site);
    if (other_site) bad(where, "id", "belongs to another site");
    if (known) {
        const auto current = entities::find_service(run.db, next.id);
        if (current->client_id != next.client_id)
            bad(where, "client_id", "the service belongs to client '" + current->client_id + "'");
        // Another programme is another enrolment (and could switch GLOW and TWE-OCMW unseen).
        if (current->programme != next.programme)
            bad(where, "programme",
                "the service is a " + current->programme +
                    " service; another programme is another service, with its own id");
        next.version = current->version;
        if (next.to_json() == current->to_json()) return;
    }
    check_combination(run, where, next);
    write_service(run, next);
}

// The Brussels day of the client's earliest appointment, or today: when VDAB referred the client
// as far as central knows (the same reading as central's schema step 7).
std::string first_known_day(ImportContext& run, const std::string& client_id) {
    auto q = run.db.cached("SELECT min(starts_at) FROM appointment WHERE client_id = ?");
    q->bind_all(client_id);
    q->step();
    const auto first =
        q->column_is_null(0) ? std::nullopt : domain::parse_instant(q->column_text(0));
    return domain::format_date(first ? domain::brussels_date(*first) : run.today);
}

std::string category_where(std::size_t i, const json& r) {
    std::string where = where_of("month_categories", i, r);
    if (r.contains("client_id") && r["client_id"].is_string())
        where += " (client '" + r["client_id"].get<std::string>() + "'";
    if (r.contains("month") && r["month"].is_string())
        where += std::string(where.back() == ']' ? " (" : ", ") + "month '" +
                 r["month"].get<std::string>() + "'";
    return where.back() == ']' ? where : where + ")";
}

}  // namespace

void import_services(ImportContext& run, const json& services) {
    for (std::size_t i = 0; i < services.size(); ++i)
        import_service(run, services[i], where_of("services", i, services[i]));
    run.summary.services += services.size();
}

// Import files from before issue 13 carry no services: each client with a programme gets one
// (id "svc-" and the client's id, as central's schema step 7 made them), so they keep working.
void add_missing_services(ImportContext& run, const json& clients) {
    for (std::size_t i = 0; i < clients.size(); ++i) {
        const std::string where = where_of("clients", i, clients[i]);
        protocol::ServiceRecord s;
        s.client_id = text_field(clients[i], where, "id");
        s.programme = text_field(clients[i], where, "programme");
        if (!entities::client_services(run.db, s.client_id).empty()) continue;
        s.id = "svc-" + s.client_id;
        if (s.id.size() > 100)  // devices take ids of at most 100 characters
            bad(where, "id",
                "is longer than 96 characters, too long for its service's id; list its services "
                "in 'services'");
        if (entities::find_service(run.db, s.id))
            bad(where, "id",
                "has no service, and the id '" + s.id +
                    "' it would get is another's; list its "
                    "services in 'services'");
        s.referred_on = first_known_day(run, s.client_id);
        write_service(run, s);
        ++run.summary.services;
    }
}

void import_month_categories(ImportContext& run, const json& categories) {
    for (std::size_t i = 0; i < categories.size(); ++i) {
        const json& r = categories[i];
        const std::string where = category_where(i, r);
        const std::string client_id = text_field(r, where, "client_id");
        run.check_reference(where, "client_id", client_id, run.client_ids, "client");
        const std::string month = text_field(r, where, "month");
        if (!protocol::MonthCategoryRecord::parse_month(month))
            bad(where, "month", "must be a month YYYY-MM, e.g. 2026-11");
        const std::string category = text_field(r, where, "category");
        if (category != "active" && category != "passive")
            bad(where, "category", "must be \"active\" or \"passive\"");
        if (write_month_category(run.db, run.site_id, client_id, month, category))
            ++run.summary.changed;
    }
    run.summary.month_categories += categories.size();
}

bool write_month_category(store::Database& db, const std::string& site_id,
                          const std::string& client_id, const std::string& month,
                          const std::string& category) {
    const std::string id = client_id + ":" + month;
    auto current = db.cached("SELECT category FROM month_category WHERE id = ?");
    current->bind_all(id);
    if (current->step() && current->column_text(0) == category) return false;
    db.cached(
          "INSERT INTO month_category (id, site_id, client_id, month, category) VALUES (?, ?, ?, "
          "?, ?) ON CONFLICT(id) DO UPDATE SET category = excluded.category")
        ->bind_all(id, site_id, client_id, month, category)
        .run();
    entities::publish_month_category(db, site_id, id);
    return true;
}

}  // namespace onthaal::central::import_parts
