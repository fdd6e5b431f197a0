// The narrow door through which the sync layer reaches the agent's store (Couchbase Lite's
// replicator/DB split): the outbox, the pull cursor, applying pulled changes, the device identity,
// conflicts and the worker status. Nothing else of the schema is visible to sync/.
//
// Ownership: owns its own connection to the store file. Thread: one SyncAccess per thread (the
// push and pull workers each have one). Failure: StoreError. A multi-row change is made in
// transactions whose every commit leaves a consistent store (whole outcomes; changes together with
// the cursor that covers them), so a failure leaves what was committed valid and the rest undone.
// On a background connection (writer_priority.hpp) these transactions give way to waiting
// check-ins between rows.
#pragma once

#include <cstdint>
#include <nlohmann/json_fwd.hpp>
#include <optional>
#include <string>
#include <vector>

#include "local_store/sqlite_database.hpp"

namespace onthaal::store {

struct OutboxEntry {
    std::int64_t seq = 0;
    std::string mutation_id;
    std::string entity;
    std::string entity_id;
    std::optional<std::int64_t> base_version;
    std::string payload_json;
    std::string device_time;
    int attempts = 0;
};

enum class PushStatus { applied, duplicate, conflict, rejected };

struct PushOutcome {
    std::string mutation_id;
    PushStatus status = PushStatus::applied;
    std::string reason;   // for conflict and rejected
    std::string message;  // human text from central
    std::optional<std::string> server_record_json;
};

struct DeviceIdentity {
    std::string device_id;
    std::string site_id;
    std::string role;
    std::optional<std::string> staff_id;
};

struct SiteRecord {
    std::string id;
    std::string name;
    std::string province;
    std::vector<unsigned char> hash_key;
};

struct SyncStatusSnapshot {
    std::string state = "never_synced";  // online, offline, device_not_authorised, never_synced
    std::optional<std::string> last_success_at;
    std::optional<std::string> last_error;
    std::optional<std::string> last_error_at;
    std::int64_t pending = 0;
    std::int64_t quarantined = 0;
    std::int64_t open_conflicts = 0;
    std::int64_t pull_cursor = 0;
};

class SyncAccess {
  public:
    explicit SyncAccess(Database& db) : db_(db) {}

    // Oldest first: the order local facts happened in. `after_seq` skips the entries of a batch
    // still in flight, so the next one can be read meanwhile.
    std::vector<OutboxEntry> pending_mutations(std::size_t limit, std::int64_t after_seq = 0);
    // Marks each outcome: applied/duplicate/conflict -> applied (conflicts are also listed for
    // review), rejected -> quarantined with the reason. One transaction, unless it gives way to a
    // check-in: an outcome not yet marked then is simply pushed again (central: "duplicate").
    void record_push_outcomes(const std::vector<PushOutcome>& outcomes, const std::string& now);
    // A mutation central refused as a whole request (4xx): quarantined, so it never blocks the
    // queue.
    void quarantine(const std::string& mutation_id, const std::string& reason);
    // Counts a failed attempt (transient) for these mutations.
    void count_attempt(const std::vector<std::string>& mutation_ids, const std::string& error);

    std::int64_t pull_cursor();
    // Applies one page of pulled changes and advances the cursor with them: every commit (one per
    // 100 changes, more when giving way to check-ins) moves the cursor exactly past the changes it
    // holds, so a crash resumes after the last applied one. Server state replaces local state;
    // pending local outcomes are then re-applied on top.
    void apply_pulled_page(const nlohmann::json& changes, std::int64_t new_cursor);

    void save_identity(const DeviceIdentity& identity, const SiteRecord& site);
    std::optional<DeviceIdentity> identity();

    void record_status(const std::string& state, const std::optional<std::string>& error,
                       const std::string& now);
    SyncStatusSnapshot status();

  private:
    void apply_change(const nlohmann::json& change, const std::string& site_id);
    void save_pull_cursor(std::int64_t cursor);  // in the caller's transaction
    void reapply_pending_outcome(const std::string& appointment_id);

    Database& db_;
};

}  // namespace onthaal::store
