// `onthaal-agent export-unsynced --out FILE`: every mutation central has not taken, for handover
// when a device can no longer sync (central revoked it, a laptop is retired). Declared in
// agent_service.hpp. The file holds facts about clients: it is created 0600 and never
// overwrites; stdout says only counts and times, never what the facts are.
#include <algorithm>
#include <iostream>
#include <nlohmann/json.hpp>

#include "agent/agent_service.hpp"
#include "domain/time_text.hpp"
#include "local_store/private_files.hpp"
#include "local_store/store_open.hpp"
#include "local_store/sync_access.hpp"
#include "local_store/sync_progress.hpp"

namespace onthaal::agent {
namespace {

using nlohmann::json;

json nullable(const std::optional<std::string>& v) {
    return v ? json(*v) : json(nullptr);
}

// In the shape of a push envelope (docs/sync-protocol.md), with where it stands in the outbox.
json mutation_json(const store::UnsyncedMutation& m) {
    json out = {
        {"seq", m.entry.seq},
        {"state", m.state},
        {"mutation_id", m.entry.mutation_id},
        {"entity", m.entry.entity},
        {"entity_id", m.entry.entity_id},
        {"base_version", m.entry.base_version ? json(*m.entry.base_version) : json(nullptr)},
        {"device_time", m.entry.device_time},
        {"created_at", m.created_at},
        {"attempts", m.entry.attempts},
        {"last_error", nullable(m.last_error)}};
    // A payload damaged on disk is handed over as it is, as text: nothing is left out.
    if (json::accept(m.entry.payload_json))
        out["payload"] = json::parse(m.entry.payload_json);
    else
        out["payload_text"] = m.entry.payload_json;
    return out;
}

json export_document(const config::AgentConfig& config, store::SyncAccess& access,
                     const std::vector<store::UnsyncedMutation>& mutations) {
    const auto status = access.status();
    const auto identity = access.identity();
    const auto stop = store::sync_stop(status);
    json doc = {{"format", "onthaal-unsynced-mutations"},
                {"version", 1},
                {"exported_at", domain::format_instant(std::chrono::floor<std::chrono::seconds>(
                                    std::chrono::system_clock::now()))},
                {"site_id", config.site_id},
                {"role", config.role},
                {"device_id", identity ? json(identity->device_id) : json(nullptr)},
                {"sync_state", protocol::to_string(status.state)},
                {"stopped_reason", stop ? json(stop->reason) : json(nullptr)},
                {"pending", status.pending},
                {"quarantined", status.quarantined},
                {"mutations", json::array()}};
    for (const auto& m : mutations) doc["mutations"].push_back(mutation_json(m));
    return doc;
}

}  // namespace

int export_unsynced(const config::AgentConfig& config, const std::string& out_path) {
    store::Database store = store::open_agent_store(config.store_path);
    store::SyncAccess access(store);
    const auto mutations = access.unsynced_mutations();
    const json doc = export_document(config, access, mutations);
    try {
        store::write_new_private_file(out_path, doc.dump(2) + "\n");
    } catch (const store::PrivateFileError& e) {
        std::cerr << "onthaal-agent: export-unsynced: " << e.what() << "\n";
        return 2;
    }
    std::cout << "wrote " << doc["pending"].get<std::int64_t>() << " pending and "
              << doc["quarantined"].get<std::int64_t>() << " quarantined mutations to " << out_path
              << " (mode 0600)";
    if (!mutations.empty()) {
        // By the device's clock, which a field laptop may have had wrong: the file keeps the
        // outbox order, which is the order they were recorded in.
        const auto [first, last] = std::minmax_element(
            mutations.begin(), mutations.end(),
            [](const auto& a, const auto& b) { return a.created_at < b.created_at; });
        std::cout << ", recorded between " << first->created_at << " and " << last->created_at;
    }
    std::cout << ".\nThey stay in this device's store: nothing was removed or marked.\n";
    if (const auto stop = store::sync_stop(access.status()))
        std::cout << "Sync has stopped (" << stop->reason
                  << "): hand this file to whoever takes over this device's work.\n";
    return 0;
}

}  // namespace onthaal::agent
