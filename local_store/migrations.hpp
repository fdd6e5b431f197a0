// Forward-only schema migrations keyed by PRAGMA user_version.
//
// Each step carries the version it produces, a one-line summary and its SQL. migrate() applies
// every step above the file's current version in order, each in its own transaction that also
// sets user_version, so a crash leaves the file at a whole version, never between two.
// A file whose version is newer than the steps know is refused (never downgraded or touched).
// Thread: the Database's owner thread, before the store is shared. Failure: throws StoreError.
#pragma once

#include <optional>
#include <span>

#include "local_store/sqlite_database.hpp"

namespace onthaal::store {

struct MigrationStep {
    int version;          // the user_version after this step; steps are numbered 1, 2, 3, ...
    const char* summary;  // one line: what the step adds and why
    const char* sql;
};

int schema_version(Database& db);

// Migrates to `target` (default: the last step). Returns the version reached.
int migrate(Database& db, std::span<const MigrationStep> steps,
            std::optional<int> target = std::nullopt);

}  // namespace onthaal::store
