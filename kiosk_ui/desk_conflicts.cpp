#include "kiosk_ui/desk_conflicts.hpp"

#include <algorithm>
#include <string_view>

#include "protocol/records.hpp"

namespace onthaal::http {
namespace {

using nlohmann::json;

// What staff act on; the rest (ids, the check-in code's hash) says nothing to them.
constexpr std::string_view kShownFields[] = {"starts_at", "duration_min", "location",
                                             "kind",      "registered",   "outcome"};

json staff_name(store::Database& db, const json& id) {
    if (!id.is_string()) return nullptr;
    auto q = db.cached("SELECT name FROM staff_account WHERE id = ?");
    q->bind_all(id.get<std::string>());
    return q->step() ? json(q->column_text(0)) : json(nullptr);
}

// Central's changes between the device's base and central's latest record. The device's own
// outcome is in central's record too (central keeps the fact): it is no change made elsewhere.
json changes_of(store::Database& db, const store::ConflictView& c, const json& was,
                const json& now) {
    json out = json::array();
    for (const auto& change : protocol::record_changes(was, now)) {
        const std::string field = change["field"];
        if (field == "staff_id") {
            out.push_back({{"field", "staff"},
                           {"was", staff_name(db, change["was"])},
                           {"now", staff_name(db, change["now"])}});
            continue;
        }
        if (std::find(std::begin(kShownFields), std::end(kShownFields), field) ==
            std::end(kShownFields))
            continue;
        if (field == "outcome" && change["now"].is_string() &&
            std::find(c.facts.begin(), c.facts.end(), change["now"].get<std::string>()) !=
                c.facts.end())
            continue;
        out.push_back(change);
    }
    return out;
}

json parsed(const std::optional<std::string>& text) {
    return text ? json::parse(*text, nullptr, false) : json();
}

}  // namespace

json desk_conflicts_json(store::Database& db, const std::vector<store::ConflictView>& open) {
    json conflicts = json::array();
    for (const auto& c : open) {
        const json was = parsed(c.base_record), now = parsed(c.server_record);
        const json& known = was.is_object() ? was : now;
        conflicts.push_back(
            {{"id", c.id},
             {"entity", c.entity},
             {"reason", c.reason},
             {"client_id", c.client_id ? json(*c.client_id) : json(nullptr)},
             {"client_name", c.client_name},
             {"starts_at", known.is_object() && known.contains("starts_at") ? known["starts_at"]
                                                                            : json(nullptr)},
             {"facts", c.facts},
             {"changes", changes_of(db, c, was, now)},
             {"detected_at", c.detected_at}});
    }
    return conflicts;
}

}  // namespace onthaal::http
