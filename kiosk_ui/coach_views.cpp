#include "kiosk_ui/coach_views.hpp"

#include "domain/time_text.hpp"
#include "entities/field_entity.hpp"
#include "kiosk_ui/field_desk_parts.hpp"

namespace onthaal::http {
namespace {

using nlohmann::json;

json day(const domain::Date& d) {
    return domain::format_date_for_people(d);
}

json day_text(const std::string& iso) {
    const auto d = domain::parse_date(iso);
    return d ? json(domain::format_date_for_people(*d)) : json(iso);
}

json optional_day(const std::optional<domain::Date>& d) {
    return d ? day(*d) : json(nullptr);
}

// Whether the visit has notes anywhere (central says so of a version it sent; this device of its
// own edits).
bool visit_has_notes(store::Database& db, const std::string& visit_id) {
    auto q = db.cached(
        "SELECT coalesce(json_extract(payload, '$.has_notes'), 0) FROM edited_record WHERE entity "
        "= 'workplace_visit' AND id = ?");
    q->bind_all(visit_id);
    return q->step() && q->column_int64(0) != 0;
}

std::string month_text(std::chrono::year_month m) {
    return day(m / std::chrono::day(1)).get<std::string>().substr(3);  // "mm/yyyy"
}

}  // namespace

json progress_json(const domain::ServiceHistory& h, const domain::FieldProgress& p) {
    json out = {{"gbvs", nullptr}, {"community", json::array()}, {"evaluation", nullptr}};
    if (p.gbvs)
        out["gbvs"] = {{"hours", p.gbvs->hours},
                       {"max_hours", domain::kGbvsMaxHours},
                       {"first_day", day(p.gbvs->first_day)},
                       {"last_day", day(p.gbvs->last_allowed_day)},
                       {"days_used", p.gbvs->days_used},
                       {"days_allowed", p.gbvs->days_allowed}};
    for (const auto& m : p.community)
        out["community"].push_back({{"month", month_text(m.month)},
                                    {"hours", m.hours},
                                    {"projected", m.projected},
                                    {"current", m.current},
                                    {"min_hours", domain::kCommunityMinHours},
                                    {"max_hours", domain::kCommunityMaxHours}});
    if (p.evaluation_due) {
        const bool twe =
            h.programme == domain::Programme::twe_wz || h.programme == domain::Programme::twe_art60;
        out["evaluation"] = {{"counted_from", optional_day(p.last_evaluation)},
                             {"due", day(*p.evaluation_due)},
                             {"twe", twe}};
    }
    return out;
}

json lines_json(const domain::ServiceHistory& h, const domain::FieldWork& work) {
    json lines = json::array();
    for (const auto& f : h.facts) {
        if (f.kind != domain::ServiceFactKind::training_line || !f.code) continue;
        const bool community = h.programme == domain::Programme::glow &&
                               f.code == domain::TrainingCode::work_experience_953081 && f.place &&
                               *f.place != domain::PlaceKind::company;
        lines.push_back({{"id", f.id},
                         {"code", domain::to_string(*f.code)},
                         {"on", day(f.on)},
                         {"on_iso", domain::format_date(f.on)},
                         {"until", optional_day(f.until)},
                         {"until_iso", f.until ? json(domain::format_date(*f.until)) : json()},
                         {"planned_hours", f.hours},
                         {"recorded_hours", domain::line_hours(work, f.id)},
                         {"gbvs", f.code == domain::TrainingCode::gbvs_stage},
                         {"community_service", community}});
    }
    return lines;
}

json sheets_json(const FieldContext& c, const domain::ServiceHistory& h) {
    json sheets = json::array();
    for (const auto& f : h.facts) {
        if (f.kind != domain::ServiceFactKind::agreement_sheet) continue;
        json plan = nullptr;
        const auto stored = entities::find_work_plan(c.db, f.id);
        const std::int64_t version =
            expected_version(c.db, "work_plan", f.id, stored ? stored->version : 0);
        if (stored) {
            plan = stored->plan.to_json();
            plan["sync"] = sync_of_record(c.db, "work_plan", f.id);
        }
        sheets.push_back(
            {{"id", f.id}, {"on", day(f.on)}, {"version", version}, {"plan", std::move(plan)}});
    }
    return sheets;
}

json visits_json(const FieldContext& c, const std::string& service_id) {
    json visits = json::array();
    for (const auto& v : entities::service_visits(c.db, service_id)) {
        json j = v.details.to_json();
        j["id"] = v.id;
        j["on"] = day_text(v.details.on);
        j["on_iso"] = v.details.on;
        j["version"] = expected_version(c.db, "workplace_visit", v.id, v.version);
        j["sync"] = sync_of_record(c.db, "workplace_visit", v.id);
        std::optional<std::string> notes;
        if (v.notes_sealed && c.notes) notes = c.notes->from_store(*v.notes_sealed, v.id);
        j["notes"] = notes ? json(*notes) : json(nullptr);
        // Recorded on another laptop: its notes are at central only (never sent down).
        j["notes_elsewhere"] = !v.notes_sealed && visit_has_notes(c.db, v.id);
        visits.push_back(std::move(j));
    }
    return visits;
}

json hours_json(const FieldContext& c, const std::string& service_id,
                const domain::FieldWork& work) {
    json out = json::array();
    (void)service_id;
    const auto standing = domain::standing_hours(work);
    for (auto it = standing.rbegin(); it != standing.rend(); ++it) {
        const domain::StageHoursEntry& e = *it;
        out.push_back({{"id", e.id},
                       {"line_id", e.line_id},
                       {"on", day(e.on)},
                       {"on_iso", domain::format_date(e.on)},
                       {"hours", e.hours},
                       {"sync", sync_of_mutation(c.db, e.id)}});
    }
    return out;
}

}  // namespace onthaal::http
