#include "local_store/sync_access.hpp"

#include <nlohmann/json.hpp>

#include "local_store/store_error.hpp"
#include "local_store/transaction.hpp"

namespace onthaal::store {
namespace {

using nlohmann::json;

std::optional<std::string> optional_dump(const std::optional<json>& value) {
    return value ? std::optional<std::string>(value->dump()) : std::nullopt;
}

}  // namespace

std::vector<OutboxEntry> SyncAccess::pending_mutations(std::size_t limit, std::int64_t after_seq) {
    auto q = db_.cached(
        "SELECT seq, mutation_id, entity, entity_id, base_version, payload, device_time, attempts"
        " FROM outbox WHERE state = 'pending' AND seq > ? ORDER BY seq LIMIT ?");
    q->bind_all(after_seq, static_cast<std::int64_t>(limit));
    std::vector<OutboxEntry> entries;
    while (q->step()) {
        entries.push_back({q->column_int64(0), q->column_text(1), q->column_text(2),
                           q->column_text(3), q->column_optional_int64(4), q->column_text(5),
                           q->column_text(6), static_cast<int>(q->column_int64(7))});
    }
    return entries;
}

std::int64_t SyncAccess::pending_count() {
    auto q = db_.cached("SELECT count(*) FROM outbox WHERE state = 'pending'");
    return q->step() ? q->column_int64(0) : 0;
}

std::vector<UnsyncedMutation> SyncAccess::unsynced_mutations() {
    auto q = db_.cached(
        "SELECT seq, mutation_id, entity, entity_id, base_version, payload, device_time, attempts,"
        " state, last_error, created_at FROM outbox WHERE state IN ('pending', 'quarantined')"
        " ORDER BY seq");
    std::vector<UnsyncedMutation> out;
    while (q->step()) {
        out.push_back({{q->column_int64(0), q->column_text(1), q->column_text(2), q->column_text(3),
                        q->column_optional_int64(4), q->column_text(5), q->column_text(6),
                        static_cast<int>(q->column_int64(7))},
                       q->column_text(8),
                       q->column_optional_text(9),
                       q->column_text(10)});
    }
    return out;
}

void SyncAccess::record_push_outcomes(const std::vector<PushOutcome>& outcomes,
                                      const std::string& now) {
    Transaction tx(db_);
    std::size_t kept = 0;  // outcomes before this one are committed
    for (std::size_t i = 0; i < outcomes.size(); ++i) {
        // Each outcome stands alone: one committed without the rest is simply not re-marked, and
        // the rest are pushed again (central answers "duplicate").
        if (tx.should_yield()) {
            if (tx.yield() == Transaction::Yielded::discarded)
                i = kept;
            else
                kept = i;
        }
        const PushOutcome& o = outcomes[i];
        const bool rejected = o.status == PushStatus::rejected;
        db_.cached(
               "UPDATE outbox SET state = ?, attempts = attempts + 1, last_error = ?, settled_at = "
               "? "
               "WHERE mutation_id = ? AND state = 'pending'")
            ->bind_all(
                rejected ? "quarantined" : "applied",
                rejected ? std::optional<std::string>(o.reason + ": " + o.message) : std::nullopt,
                now, o.mutation_id)
            .run();
        if (o.status == PushStatus::conflict) {
            auto entity = db_.cached("SELECT entity, entity_id FROM outbox WHERE mutation_id = ?");
            entity->bind_all(o.mutation_id);
            if (!entity->step()) continue;
            db_.cached(
                   "INSERT OR IGNORE INTO sync_conflict (mutation_id, entity, entity_id, reason, "
                   "message, server_record, base_record, detected_at) VALUES (?, ?, ?, ?, ?, ?, ?, "
                   "?)")
                ->bind_all(o.mutation_id, entity->column_text(0), entity->column_text(1), o.reason,
                           o.message, optional_dump(o.server_record), optional_dump(o.base_record),
                           now)
                .run();
        }
        // The fact itself was audited when it was recorded; an acknowledgement adds nothing a
        // reviewer needs, a conflict or rejection does.
        if (o.status == PushStatus::conflict || o.status == PushStatus::rejected) {
            db_.cached(
                   "INSERT INTO audit_log (at, actor, action, entity, entity_id, detail) VALUES "
                   "(?, 'sync', ?, 'outbox', ?, '{}')")
                ->bind_all(now, "push." + std::string(protocol::to_string(o.status)), o.mutation_id)
                .run();
        }
    }
    tx.commit();
}

void SyncAccess::quarantine(const std::string& mutation_id, const std::string& reason) {
    db_.cached(
           "UPDATE outbox SET state = 'quarantined', attempts = attempts + 1, last_error = ? WHERE "
           "mutation_id = ?")
        ->bind_all(reason, mutation_id)
        .run();
}

void SyncAccess::count_attempt(const std::vector<std::string>& mutation_ids,
                               const std::string& error) {
    Transaction tx(db_);
    for (const auto& id : mutation_ids) {
        db_.cached(
               "UPDATE outbox SET attempts = attempts + 1, last_error = ? WHERE mutation_id = ?")
            ->bind_all(error, id)
            .run();
    }
    tx.commit();
}

void store_site(Database& db, const SiteRecord& site) {
    db.cached(
          "INSERT INTO site (id, name, province) VALUES (?, ?, ?) ON CONFLICT(id) DO "
          "UPDATE SET name = excluded.name, province = excluded.province, hash_key = NULL")
        ->bind_all(site.id, site.name, site.province)
        .run();
}

void SyncAccess::save_identity(const DeviceIdentity& me, const SiteRecord& site) {
    Transaction tx(db_);
    store_site(db_, site);
    db_.cached(
           "INSERT INTO device_identity (singleton, device_id, site_id, role, staff_id) VALUES (1, "
           "?, ?, ?, ?)"
           " ON CONFLICT(singleton) DO UPDATE SET device_id = excluded.device_id, site_id = "
           "excluded.site_id,"
           " role = excluded.role, staff_id = excluded.staff_id")
        ->bind_all(me.device_id, me.site_id, domain::to_string(me.role), me.staff_id)
        .run();
    tx.commit();
}

void SyncAccess::save_queue_letter(const std::string& letter) {
    db_.cached("UPDATE device_identity SET queue_letter = ? WHERE singleton = 1")
        ->bind_all(letter)
        .run();
}

std::optional<DeviceIdentity> SyncAccess::identity() {
    auto q = db_.cached(
        "SELECT device_id, site_id, role, staff_id FROM device_identity WHERE singleton = 1");
    if (!q->step()) return std::nullopt;
    // The role came from central's hello, checked then; an unknown one reads as the narrowest.
    const auto role =
        domain::parse_device_role(q->column_text(2)).value_or(domain::DeviceRole::kiosk);
    return DeviceIdentity{q->column_text(0), q->column_text(1), role, q->column_optional_text(3)};
}

void SyncAccess::record_status(protocol::SyncState state, const std::optional<std::string>& error,
                               const std::string& now) {
    if (error) {
        db_.cached(
               "INSERT INTO sync_status (singleton, state, last_error, last_error_at) VALUES (1, "
               "?, ?, ?)"
               " ON CONFLICT(singleton) DO UPDATE SET state = excluded.state, last_error = "
               "excluded.last_error,"
               " last_error_at = excluded.last_error_at")
            ->bind_all(protocol::to_string(state), *error, now)
            .run();
    } else {
        db_.cached(
               "INSERT INTO sync_status (singleton, state, last_success_at) VALUES (1, ?, ?)"
               " ON CONFLICT(singleton) DO UPDATE SET state = excluded.state, last_success_at = "
               "excluded.last_success_at")
            ->bind_all(protocol::to_string(state), now)
            .run();
    }
}

SyncStatusSnapshot SyncAccess::status() {
    SyncStatusSnapshot s;
    auto q = db_.cached(
        "SELECT state, last_success_at, last_error, last_error_at FROM sync_status WHERE singleton "
        "= 1");
    if (q->step()) {
        // A state this version does not know (written by a newer one) reads as offline.
        s.state = protocol::parse_enum<protocol::SyncState>(q->column_text(0))
                      .value_or(protocol::SyncState::offline);
        s.last_success_at = q->column_optional_text(1);
        s.last_error = q->column_optional_text(2);
        s.last_error_at = q->column_optional_text(3);
    }
    s.pending = db_.query_int64("SELECT count(*) FROM outbox WHERE state = 'pending'");
    s.quarantined = db_.query_int64("SELECT count(*) FROM outbox WHERE state = 'quarantined'");
    // As the desk lists them: one per record, however many of its facts conflicted.
    s.open_conflicts = db_.query_int64(
        "SELECT count(*) FROM (SELECT DISTINCT entity, entity_id, reason FROM sync_conflict WHERE "
        "resolved_at IS NULL)");
    s.set_aside = db_.query_int64("SELECT count(*) FROM pulled_set_aside");
    s.pull_cursor = pull_cursor();
    return s;
}

}  // namespace onthaal::store
