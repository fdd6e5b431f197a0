// Opening a store the way the agent and central do at start-up: open, integrity check, migrate.
//
// A file that is corrupt, unreadable or not a database stops start-up with a StoreError whose
// message names the file; it is never deleted or recreated silently, because it may hold facts
// that have not reached central yet.
#pragma once

#include <memory>
#include <span>
#include <string>

#include "local_store/migrations.hpp"
#include "local_store/sqlite_database.hpp"

namespace onthaal::store {

// Runs PRAGMA quick_check and throws StoreError naming the file unless it answers "ok".
void require_intact(Database& db);

// open + require_intact + migrate to the last step.
Database open_and_migrate(const std::string& path, std::span<const MigrationStep> steps);

// The agent's local store (agent_schema.hpp).
Database open_agent_store(const std::string& path);

// A further connection to a store this process already opened with open_agent_store (checked and
// migrated then): only checks that the schema is the one this program knows.
Database open_agent_store_connection(const std::string& path);

// A further connection for the sync worker: a background writer of `priority` (none when null;
// see writer_priority.hpp), and the connection that runs the store's WAL checkpoints, in small
// steps (tunables::kCheckpointPages says why).
Database open_agent_sync_connection(const std::string& path,
                                    std::shared_ptr<WriterPriority> priority);

}  // namespace onthaal::store
