#include "kiosk_ui/client_history.hpp"

#include <algorithm>
#include <map>

namespace onthaal::http {
namespace {

using nlohmann::json;

const std::map<std::string, std::pair<std::string, std::string>, std::less<>> kLabels = {
    {"checked_in", {"Aangemeld aan de kiosk", "Checked in at the kiosk"}},
    {"present", {"Aanwezig", "Present"}},
    {"absent_valid", {"Afwezig met geldige reden", "Absent, valid reason"}},
    {"absent_invalid", {"Afwezig zonder geldige reden", "Absent, no valid reason"}},
    {"rescheduled", {"Herpland", "Rescheduled"}},
    {"agreement_sheet", {"Afsprakenblad opgemaakt", "Agreement sheet drawn up"}},
    {"agreement_sheet_signed", {"Afsprakenblad ondertekend", "Agreement sheet signed"}},
    {"weo_printed", {"Werkervaringsovereenkomst afgedrukt", "Work experience agreement printed"}},
    {"weo_signed", {"Werkervaringsovereenkomst getekend", "Work experience agreement signed"}},
    {"mediation_started", {"Bemiddelingsproces gestart", "Mediation started"}},
    {"training_line", {"Opleidings- of stagelijn", "Training or stage line"}},
    {"suspended", {"Geschorst", "Suspended"}},
    {"resumed", {"Hervat", "Resumed"}},
    {"work_found", {"Werk gevonden: nazorg start", "Work found: aftercare starts"}},
    {"action_plan_signed", {"Actieplan ondertekend", "Action plan signed"}},
    {"short_job", {"Korte job", "Short job"}},
    {"art60_contract", {"Arbeidsovereenkomst art. 60 gestart", "Art. 60 contract started"}},
    {"art60_contract_ended", {"Arbeidsovereenkomst art. 60 gestopt", "Art. 60 contract ended"}},
    {"final_advice", {"Eindadvies gegeven: afgesloten", "Final advice given: closed"}},
};

std::string staff_name(store::Database& db, const std::string& id) {
    if (id == "kiosk") return "kiosk";
    auto q = db.cached("SELECT name FROM staff_account WHERE id = ?");
    q->bind_all(id);
    return q->step() ? q->column_text(0) : id;
}

// The outbox tells the sync state of a fact this device recorded, and when central answered; a
// fact without a row came from central (another device).
struct OutboxState {
    std::string sync = "from_central";
    json settled_at = nullptr;
};

OutboxState outbox_state(store::Database& db, const std::string& mutation_id) {
    auto q = db.cached("SELECT state, settled_at FROM outbox WHERE mutation_id = ?");
    q->bind_all(mutation_id);
    if (!q->step()) return {};
    const std::string state = q->column_text(0);
    const auto settled = q->column_optional_text(1);
    return {state == "quarantined" ? "refused" : state,
            state == "applied" && settled ? json(*settled) : json(nullptr)};
}

json entry(const std::string& at, const std::string& kind, const std::string& by,
           const json& device, const json& received, const std::string& sync) {
    const auto [nl, en] = history_label(kind);
    return {{"at", at}, {"kind", kind},        {"label_nl", nl},          {"label_en", en},
            {"by", by}, {"device_id", device}, {"received_at", received}, {"sync", sync}};
}

}  // namespace

std::pair<std::string, std::string> history_label(const std::string& kind) {
    const auto it = kLabels.find(kind);
    return it == kLabels.end() ? std::pair{kind, kind} : it->second;
}

json client_history(store::Database& db, const std::string& client_id, const json& services) {
    json list = json::array();
    auto q = db.cached(
        "SELECT e.id, e.kind, e.occurred_at, e.recorded_by, e.device_id FROM attendance_event e "
        "JOIN appointment a ON a.id = e.appointment_id WHERE a.client_id = ? ORDER BY "
        "e.occurred_at, e.seq");
    q->bind_all(client_id);
    while (q->step()) {
        const OutboxState outbox = outbox_state(db, q->column_text(0));
        list.push_back(entry(q->column_text(2), q->column_text(1),
                             staff_name(db, q->column_text(3)), q->column_text(4),
                             outbox.settled_at, outbox.sync));
    }
    for (const auto& service : services)
        for (const auto& f : service["facts"])
            list.push_back(entry(f["occurred_at"], f["kind"], f["recorded_by_name"], f["device_id"],
                                 f["received_at"], f["sync"]));
    std::stable_sort(list.begin(), list.end(), [](const json& a, const json& b) {
        return a["at"].get<std::string>() < b["at"].get<std::string>();
    });
    return list;
}

}  // namespace onthaal::http
