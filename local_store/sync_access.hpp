// The narrow door through which the sync layer reaches the agent's store (Couchbase Lite's
// replicator/DB split): the outbox, the pull cursor, applying pulled changes, the device identity,
// conflicts and the worker status. Nothing else of the schema is visible to sync/.
//
// Ownership: owns its own connection to the store file. Thread: one SyncAccess per thread (the
// push and pull workers each have one). Failure: StoreError. A multi-row change is made in
// transactions whose every commit leaves a consistent store (whole outcomes; changes together with
// the cursor that covers them), so a failure leaves what was committed valid and the rest undone.
// On a background connection (writer_priority.hpp) these transactions give way to waiting
// check-ins between rows. Per-entity work (how a pulled record lands in its tables) is the
// applier's (pulled_change_applier.hpp); this class knows no entity.
#pragma once

#include <cstdint>
#include <nlohmann/json_fwd.hpp>
#include <optional>
#include <string>
#include <vector>

#include "local_store/pulled_change_applier.hpp"
#include "local_store/sqlite_database.hpp"
#include "protocol/mutations.hpp"
#include "protocol/records.hpp"

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

// An outbox mutation central has not taken (pending) or refused (quarantined), for the export a
// revoked device's facts are handed over with.
struct UnsyncedMutation {
    OutboxEntry entry;
    std::string state;  // "pending" or "quarantined"
    std::optional<std::string> last_error;
    std::string created_at;
};

using PushStatus = protocol::PushStatus;
using PushOutcome = protocol::PushResult;
using SiteRecord = protocol::SiteRecord;

struct SyncStatusSnapshot {
    protocol::SyncState state = protocol::SyncState::never_synced;
    std::optional<std::string> last_success_at;
    std::optional<std::string> last_error;
    std::optional<std::string> last_error_at;
    std::int64_t pending = 0;
    std::int64_t quarantined = 0;
    std::int64_t open_conflicts = 0;
    std::int64_t set_aside = 0;  // pulled changes this agent could not apply
    std::int64_t pull_cursor = 0;
};

// A pulled change this agent could not apply, kept with its raw JSON and the reason.
struct SetAsideChange {
    std::int64_t seq = 0;
    std::string entity;
    std::string entity_id;
    std::string reason;
    std::string set_aside_at;
};

// The site row (name, province), in the caller's transaction: from hello
// (save_identity) or a pulled "site" change (entities/site_entity.cpp).
void store_site(Database& db, const SiteRecord& site);

class SyncAccess {
  public:
    explicit SyncAccess(Database& db) : db_(db) {}

    // Oldest first: the order local facts happened in. `after_seq` skips the entries of a batch
    // still in flight, so the next one can be read meanwhile.
    std::vector<OutboxEntry> pending_mutations(std::size_t limit, std::int64_t after_seq = 0);
    std::int64_t pending_count();
    // Every pending and quarantined mutation, in outbox order (never changes them).
    std::vector<UnsyncedMutation> unsynced_mutations();
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
    // Applies one page of pulled changes through `applier` and advances the cursor with them:
    // every commit (one per 100 changes, more when giving way to check-ins) moves the cursor
    // exactly past the changes it holds, so a crash resumes after the last applied one. A change
    // that cannot be applied (malformed, or of an entity this agent does not know) is set aside
    // with its raw JSON and the reason, and the rest of the page is applied: one bad record never
    // wedges the site. A set-aside record is dropped once a later change of the same record
    // applies.
    // Returns how many changes of the page were set aside.
    std::size_t apply_pulled_page(const std::vector<protocol::PulledChange>& changes,
                                  std::int64_t new_cursor, const PulledChangeApplier& applier,
                                  const std::string& now);
    // Tries every set-aside change again, oldest first (after an upgrade the agent may know
    // more); the ones that apply now leave the table. Returns how many applied.
    std::size_t retry_set_aside(const PulledChangeApplier& applier, const std::string& now);
    std::vector<SetAsideChange> set_aside_changes(std::size_t limit);

    void save_identity(const DeviceIdentity& identity, const SiteRecord& site);
    // The letter central gave this kiosk device for its queue numbers ("" for none), after
    // save_identity; the check-in writer uses it unless the setting queue_prefix is set.
    void save_queue_letter(const std::string& letter);
    std::optional<DeviceIdentity> identity();

    void record_status(protocol::SyncState state, const std::optional<std::string>& error,
                       const std::string& now);
    SyncStatusSnapshot status();

  private:
    // In the caller's transaction: applies one change (true) or sets it aside (false).
    void apply_chunk(const std::vector<protocol::PulledChange>& changes, std::size_t& kept,
                     std::size_t last, std::int64_t cursor, const DeviceIdentity& me,
                     const PulledChangeApplier& applier, bool& clear_superseded,
                     const std::string& now, bool savepoints);
    bool apply_or_set_aside(const protocol::PulledChange& change, const DeviceIdentity& me,
                            const PulledChangeApplier& applier, bool& clear_superseded,
                            const std::string& now, bool savepoint);
    std::string try_apply(const protocol::PulledChange& change, const DeviceIdentity& me,
                          const PulledChangeApplier& applier, bool savepoint);
    void save_pull_cursor(std::int64_t cursor);  // in the caller's transaction

    Database& db_;
};

}  // namespace onthaal::store
