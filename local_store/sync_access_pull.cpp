// SyncAccess, the pull half: applying pulled pages through the entity applier, and the changes set
// aside because they could not be applied. See sync_access.hpp for the contracts.
#include <nlohmann/json.hpp>

#include "local_store/store_error.hpp"
#include "local_store/sync_access.hpp"
#include "local_store/transaction.hpp"
#include "local_store/tunables.hpp"
#include "protocol/validation.hpp"

namespace onthaal::store {
namespace {

constexpr int kSqliteConstraint = 19;  // SQLITE_CONSTRAINT; sqlite3.h stays in the wrappers

// A chunk applied without savepoints met a change the store refused: redo it with them.
struct NeedsSavepoints {};

}  // namespace

std::int64_t SyncAccess::pull_cursor() {
    auto q = db_.cached("SELECT pull_cursor FROM sync_state WHERE scope = 'pull'");
    return q->step() ? q->column_int64(0) : 0;
}

std::size_t SyncAccess::apply_pulled_page(const std::vector<protocol::PulledChange>& changes,
                                          std::int64_t new_cursor,
                                          const PulledChangeApplier& applier,
                                          const std::string& now) {
    const auto me = identity();
    if (!me) throw StoreError("cannot apply pulled changes before the device identity is known");
    // Dropping superseded set-aside records costs a statement per change: only once there are any
    // (apply_or_set_aside turns it on when it sets one aside, also earlier in this page).
    bool clear_superseded = db_.query_int64("SELECT EXISTS (SELECT 1 FROM pulled_set_aside)") != 0;
    const std::int64_t set_aside_before = db_.query_int64("SELECT count(*) FROM pulled_set_aside");
    // Short write transactions: the kiosk's check-ins wait for the write lock meanwhile. Each chunk
    // advances the cursor to its own last change in the same transaction, so a crash between
    // chunks resumes exactly after the last applied change.
    const std::size_t chunk = tunables::kPullApplyChunk;
    for (std::size_t first = 0; first < changes.size() || first == 0; first += chunk) {
        const std::size_t last = std::min(changes.size(), first + chunk);
        const bool final_chunk = last == changes.size();
        const std::int64_t cursor = final_chunk ? new_cursor : changes[last - 1].seq;
        std::size_t kept = first;  // changes before this one are committed
        try {
            apply_chunk(changes, kept, last, cursor, *me, applier, clear_superseded, now, false);
        } catch (const NeedsSavepoints&) {
            // A change the store refused may have left statements behind: the chunk rolled back;
            // redo what was not committed, each change in a savepoint of its own.
            apply_chunk(changes, kept, last, cursor, *me, applier, clear_superseded, now, true);
        }
        if (final_chunk) break;
    }
    const std::int64_t set_aside_after = db_.query_int64("SELECT count(*) FROM pulled_set_aside");
    return set_aside_after > set_aside_before
               ? static_cast<std::size_t>(set_aside_after - set_aside_before)
               : 0;
}

// One chunk in one transaction, from `kept` (updated as commits made while giving way to a
// check-in keep changes) to `last`, then the cursor. Without savepoints a change the store refuses
// throws NeedsSavepoints (the transaction rolls back); with them it is set aside.
void SyncAccess::apply_chunk(const std::vector<protocol::PulledChange>& changes, std::size_t& kept,
                             std::size_t last, std::int64_t cursor, const DeviceIdentity& me,
                             const PulledChangeApplier& applier, bool& clear_superseded,
                             const std::string& now, bool savepoints) {
    Transaction tx(db_);
    const std::size_t first = kept;
    for (std::size_t i = first; i < last; ++i) {
        if (i > kept && tx.should_yield()) {  // a check-in is waiting: let it go first
            save_pull_cursor(changes[i - 1].seq);
            if (tx.yield() == Transaction::Yielded::discarded)
                i = kept;
            else
                kept = i;
        }
        apply_or_set_aside(changes[i], me, applier, clear_superseded, now, savepoints);
    }
    save_pull_cursor(cursor);
    tx.commit();
    kept = last;
}

bool SyncAccess::apply_or_set_aside(const protocol::PulledChange& change, const DeviceIdentity& me,
                                    const PulledChangeApplier& applier, bool& clear_superseded,
                                    const std::string& now, bool savepoint) {
    std::string reason = change.problem;
    if (reason.empty()) reason = try_apply(change, me, applier, savepoint);
    if (reason.empty()) {
        if (clear_superseded) {
            db_.cached("DELETE FROM pulled_set_aside WHERE entity = ? AND entity_id = ?")
                ->bind_all(change.entity, change.id)
                .run();
        }
        return true;
    }
    db_.cached(
           "INSERT INTO pulled_set_aside (seq, entity, entity_id, raw, reason, set_aside_at)"
           " VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT(seq) DO UPDATE SET reason = excluded.reason")
        ->bind_all(change.seq, change.entity, change.id, change.raw().dump(), reason, now)
        .run();
    clear_superseded = true;
    return false;
}

// Applies one change. A malformed record throws ValidationError before its module writes
// anything. A change the store refuses (a constraint, such as a check-in code another appointment
// holds) may follow statements of the same change: without `savepoint` that throws
// NeedsSavepoints, with it the change is rolled back to its savepoint, whatever its module had
// written. Returns why the change failed, or "" when applied. Other store errors (busy, I/O)
// propagate: they are transient, and the page is retried. (A savepoint per change costs 8 % of
// the pull: only the rare chunk with a refused change pays it.)
std::string SyncAccess::try_apply(const protocol::PulledChange& change, const DeviceIdentity& me,
                                  const PulledChangeApplier& applier, bool savepoint) {
    if (savepoint) db_.cached("SAVEPOINT pulled_change")->run();
    std::string reason;
    try {
        applier.apply(db_, change, me);
    } catch (const protocol::ValidationError& e) {
        reason = e.what();
    } catch (const StoreError& e) {
        const bool refused = (e.sqlite_code() & 0xff) == kSqliteConstraint;
        if (refused && !savepoint) throw NeedsSavepoints();
        if (savepoint) {
            db_.cached("ROLLBACK TO pulled_change")->run();
            db_.cached("RELEASE pulled_change")->run();
        }
        if (!refused) throw;
        return std::string("the store refused it: ") + e.what();
    }
    if (savepoint) {
        if (!reason.empty()) db_.cached("ROLLBACK TO pulled_change")->run();
        db_.cached("RELEASE pulled_change")->run();
    }
    return reason;
}

std::size_t SyncAccess::retry_set_aside(const PulledChangeApplier& applier,
                                        const std::string& now) {
    const auto me = identity();
    if (!me) return 0;
    std::vector<std::pair<std::int64_t, std::string>> rows;
    {
        auto q = db_.cached("SELECT seq, raw FROM pulled_set_aside ORDER BY seq");
        while (q->step()) rows.emplace_back(q->column_int64(0), q->column_text(1));
    }
    if (rows.empty()) return 0;  // the usual case, every pull round: no write transaction
    std::size_t applied = 0;
    Transaction tx(db_);
    for (const auto& [seq, raw] : rows) {
        const auto doc = nlohmann::json::parse(raw, nullptr, false);
        if (doc.is_discarded()) continue;
        protocol::PulledChange change;
        try {
            change = protocol::PulledChange::from_json(doc, seq - 1);
        } catch (const protocol::ValidationError&) {
            continue;  // stays aside as it is
        }
        bool clear_superseded = false;  // the retried record itself is deleted below
        if (!apply_or_set_aside(change, *me, applier, clear_superseded, now, true)) continue;
        db_.cached("DELETE FROM pulled_set_aside WHERE seq = ?")->bind_all(seq).run();
        ++applied;
    }
    tx.commit();
    return applied;
}

std::vector<SetAsideChange> SyncAccess::set_aside_changes(std::size_t limit) {
    auto q = db_.cached(
        "SELECT seq, entity, entity_id, reason, set_aside_at FROM pulled_set_aside ORDER BY seq "
        "LIMIT ?");
    q->bind_all(static_cast<std::int64_t>(limit));
    std::vector<SetAsideChange> out;
    while (q->step()) {
        out.push_back({q->column_int64(0), q->column_text(1), q->column_text(2), q->column_text(3),
                       q->column_text(4)});
    }
    return out;
}

void SyncAccess::save_pull_cursor(std::int64_t cursor) {
    db_.cached(
           "INSERT INTO sync_state (scope, pull_cursor) VALUES ('pull', ?)"
           " ON CONFLICT(scope) DO UPDATE SET pull_cursor = excluded.pull_cursor")
        ->bind_all(cursor)
        .run();
}

}  // namespace onthaal::store
