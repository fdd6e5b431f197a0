#include "central/notes_export.hpp"

#include <nlohmann/json.hpp>

#include "central/central_admin.hpp"
#include "local_store/private_files.hpp"

namespace onthaal::central {
using nlohmann::json;

std::size_t export_client_notes(store::Database& db, const CentralNotesKey& key,
                                const std::string& site_id, const std::string& client_id,
                                const std::string& out_path) {
    auto c = db.cached("SELECT 1 FROM client WHERE id = ? AND site_id = ?");
    c->bind_all(client_id, site_id);
    if (!c->step()) throw AdminError("no client '" + client_id + "' at site '" + site_id + "'");
    auto q = db.cached(
        "SELECT e.id, e.version, e.payload, e.notes_sealed FROM edited_record e JOIN service s ON "
        "s.id = e.service_id WHERE s.client_id = ? AND e.entity = 'workplace_visit' ORDER BY "
        "e.id");
    q->bind_all(client_id);
    json visits = json::array();
    while (q->step()) {
        json v = json::parse(q->column_text(2));
        v["id"] = q->column_text(0);
        v["version"] = q->column_int64(1);
        const auto sealed = q->column_optional_text(3);
        const auto notes = sealed ? key.open_transport(*sealed, q->column_text(0)) : std::nullopt;
        v["notes"] = notes ? json(*notes) : json(nullptr);
        if (sealed && !notes) v["notes_unreadable"] = true;
        visits.push_back(std::move(v));
    }
    try {
        store::write_new_private_file(out_path,
                                      json{{"client_id", client_id}, {"visits", visits}}.dump(2));
    } catch (const store::PrivateFileError& e) {
        throw AdminError(e.what());
    }
    return visits.size();
}

}  // namespace onthaal::central
