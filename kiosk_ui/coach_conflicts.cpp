// The coach's conflicts to review, side by side in Dutch (coach_views.hpp), and the CSV export of
// a client's visits and hours (field_desk.hpp).
#include <sstream>

#include "domain/time_text.hpp"
#include "entities/field_entity.hpp"
#include "entities/service_entity.hpp"
#include "kiosk_ui/coach_views.hpp"
#include "kiosk_ui/field_desk_parts.hpp"

namespace onthaal::http {
namespace {

using nlohmann::json;

std::string kind_nl(std::string_view kind) {
    if (kind == "intake") return "Intake";
    if (kind == "evaluation") return "Evaluatie";
    if (kind == "aftercare") return "Nazorg";
    return "Opvolging";
}

std::string date_nl(const json& iso) {
    if (!iso.is_string()) return "";
    const auto d = domain::parse_date(iso.get<std::string>());
    return d ? domain::format_date_for_people(*d) : iso.get<std::string>();
}

// A field's value as people read it.
std::string shown(const std::string& field, const json& value) {
    if (value.is_null()) return "";
    if (field == "kind") return kind_nl(value.get<std::string>());
    if (field == "on") return date_nl(value);
    if (value.is_boolean()) return value.get<bool>() ? "ja" : "nee";
    if (field == "work_points") {
        std::string out;
        for (const auto& p : value) out += (out.empty() ? "" : "; ") + p.get<std::string>();
        return out;
    }
    if (field == "assignments") {
        std::string out;
        for (const auto& a : value)
            out += (out.empty() ? "" : "; ") + a.value("text", "") +
                   (a.contains("deadline") && a["deadline"].is_string()
                        ? " (tegen " + date_nl(a["deadline"]) + ")"
                        : "") +
                   (a.value("done", false) ? " ✓" : "");
        return out;
    }
    return value.is_string() ? value.get<std::string>() : value.dump();
}

constexpr std::pair<const char*, const char*> kLabels[] = {
    {"kind", "Soort bezoek"},
    {"on", "Datum"},
    {"duration_min", "Duur (minuten)"},
    {"workplace", "Werkplek"},
    {"employer", "Werkgever"},
    {"action_id", "Geëvalueerde actie"},
    {"development_plan_updated", "POP bijgewerkt"},
    {"work_points", "Werkpunten"},
    {"assignments", "Opdrachten"},
};

json changes_of(const protocol::RecordConflictRecord& c) {
    json changes = json::array();
    for (const auto& [field, label] : kLabels) {
        const json kept = c.kept.contains(field) ? c.kept[field] : json();
        const json edit = c.edit.contains(field) ? c.edit[field] : json();
        if (kept == edit) continue;
        changes.push_back({{"field", field},
                           {"label", label},
                           {"kept", shown(field, kept)},
                           {"edit", shown(field, edit)}});
    }
    if (c.edit_changed_notes)
        changes.push_back({{"field", "notes"},
                           {"label", "Notities"},
                           {"kept", "(vertrouwelijk, bewaard)"},
                           {"edit", "(vertrouwelijk, gewijzigd)"}});
    return changes;
}

std::string csv_field(std::string text) {
    // A cell starting with = + - @ is a formula to a spreadsheet: quoted as text instead.
    if (!text.empty() && std::string_view("=+-@").find(text.front()) != std::string_view::npos)
        text.insert(0, "'");
    if (text.find_first_of(";\"\n\r") == std::string::npos) return text;
    std::string out = "\"";
    for (char ch : text) out += ch == '"' ? std::string("\"\"") : std::string(1, ch);
    return out + "\"";
}

std::string hours_text(double hours) {
    std::ostringstream s;
    s << hours;
    std::string out = s.str();
    for (char& ch : out)
        if (ch == '.') ch = ',';  // a Belgian spreadsheet reads 7,5
    return out;
}

// A line as the coach knows it: its code and start ("953081 vanaf 01/02/2026").
std::string line_label(const domain::ServiceHistory& h, const std::string& line_id) {
    for (const auto& f : h.facts)
        if (f.id == line_id && f.code)
            return std::string(domain::to_string(*f.code)) + " vanaf " +
                   domain::format_date_for_people(f.on);
    return line_id;
}

}  // namespace

json conflicts_json(const FieldContext& c, const std::string& service_id) {
    json out = json::array();
    for (const auto& conflict : entities::service_conflicts(c.db, service_id)) {
        const auto at = domain::parse_instant(conflict.detected_at);
        // The conflict's id is the edit's mutation id: in this outbox when the edit was made here.
        auto mine = c.db.cached("SELECT 1 FROM outbox WHERE mutation_id = ?");
        mine->bind_all(conflict.id);
        const bool edit_here = mine->step();
        out.push_back(
            {{"id", conflict.id},
             {"entity", conflict.entity},
             {"what",
              conflict.entity == "work_plan" ? "Werkpunten en opdrachten" : "Werkplekbezoek"},
             {"entity_id", conflict.entity_id},
             {"detected_at", at ? domain::format_date_for_people(domain::brussels_date(*at)) + " " +
                                      domain::brussels_time_of_day(*at)
                                : conflict.detected_at},
             {"changes", changes_of(conflict)},
             {"edit_here", edit_here},
             {"resolved", conflict.resolved_at.has_value()},
             {"resolution", conflict.resolution ? json(*conflict.resolution) : json()}});
    }
    return out;
}

std::optional<std::string> coach_client_csv(const FieldContext& c, const std::string& client_id) {
    if (!reaches_client(c, client_id)) return std::nullopt;
    std::string csv = "\xEF\xBB\xBFSoort;Datum;Duur (min);Werkplek;Werkgever;Lijn;Uren\r\n";
    for (const auto& s : entities::client_services(c.db, client_id)) {
        for (const auto& v : entities::service_visits(c.db, s.id))
            csv += csv_field(kind_nl(domain::to_string(v.details.kind))) + ";" +
                   date_nl(v.details.on) + ";" + std::to_string(v.details.duration_min) + ";" +
                   csv_field(v.details.workplace) + ";" + csv_field(v.details.employer) + ";;\r\n";
        const auto history = entities::service_history(c.db, s, entities::StoreKind::agent);
        const auto work = entities::field_work(c.db, s.id, entities::StoreKind::agent);
        for (const auto& e : domain::standing_hours(work))
            csv += "Stage-uren;" + domain::format_date_for_people(e.on) + ";;;;" +
                   csv_field(line_label(history, e.line_id)) + ";" + hours_text(e.hours) + "\r\n";
    }
    return csv;
}

}  // namespace onthaal::http
