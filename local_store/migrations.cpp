#include "local_store/migrations.hpp"

#include "local_store/store_error.hpp"
#include "local_store/transaction.hpp"
#include "log/event_log.hpp"

namespace onthaal::store {

int schema_version(Database& db) {
    return static_cast<int>(db.query_int64("PRAGMA user_version"));
}

int migrate(Database& db, std::span<const MigrationStep> steps, std::optional<int> target) {
    const int latest = steps.empty() ? 0 : steps.back().version;
    const int goal = target.value_or(latest);
    const int current = schema_version(db);
    if (current > latest) {
        throw StoreError("store " + db.path() + " has schema version " + std::to_string(current) +
                         ", newer than this program knows (" + std::to_string(latest) +
                         "); run a newer onthaal version");
    }
    for (const MigrationStep& step : steps) {
        if (step.version <= current || step.version > goal) continue;
        Transaction tx(db);
        // Another process (e.g. `onthaal-agent sync` beside a running agent) may have migrated
        // while we waited for the write lock.
        if (schema_version(db) >= step.version) continue;
        try {
            db.exec(step.sql);
            db.exec("PRAGMA user_version = " + std::to_string(step.version));
        } catch (const StoreError& e) {
            throw StoreError("store " + db.path() + ": migration to version " +
                                 std::to_string(step.version) + " (" + step.summary +
                                 ") failed: " + e.what(),
                             e.sqlite_code());
        }
        tx.commit();
        log::info("store.migrated",
                  {{"to_version", std::to_string(step.version)}, {"step", step.summary}});
    }
    return schema_version(db);
}

}  // namespace onthaal::store
