#include "local_store/store_open.hpp"

#include "local_store/tunables.hpp"

#include "local_store/agent_schema.hpp"
#include "local_store/store_error.hpp"
#include "log/event_log.hpp"

namespace onthaal::store {

void require_intact(Database& db) {
    std::string verdict;
    try {
        Statement check = db.prepare("PRAGMA quick_check");
        while (check.step()) {
            if (!verdict.empty()) verdict += "; ";
            verdict += check.column_text(0);
        }
    } catch (const StoreError& e) {
        throw StoreError("store " + db.path() + " failed its integrity check: " + e.what(),
                         e.sqlite_code());
    }
    if (verdict != "ok") {
        throw StoreError("store " + db.path() +
                         " is damaged (quick_check: " + verdict.substr(0, 300) +
                         "); keep the file for recovery and restore a backup");
    }
}

Database open_and_migrate(const std::string& path, std::span<const MigrationStep> steps) {
    Database db = Database::open(path);
    require_intact(db);
    migrate(db, steps);
    return db;
}

Database open_agent_store(const std::string& path) {
    Database db = open_and_migrate(path, agent_schema_steps());
    log::info("store.opened",
              {{"path", path}, {"schema_version", std::to_string(schema_version(db))}});
    return db;
}

Database open_agent_store_connection(const std::string& path) {
    Database db = Database::open(path, {5000, false});
    if (schema_version(db) != agent_schema_steps().back().version) {
        throw StoreError("store " + path +
                         " is not at the schema version this program knows; open it with "
                         "open_agent_store first");
    }
    return db;
}

Database open_agent_sync_connection(const std::string& path,
                                    std::shared_ptr<WriterPriority> priority) {
    Database db = open_agent_store_connection(path);
    db.set_writer_priority(std::move(priority), WriterRole::background);
    db.exec("PRAGMA wal_autocheckpoint=" + std::to_string(tunables::kCheckpointPages));
    return db;
}

}  // namespace onthaal::store
