#include "local_store/sync_access.hpp"

#include <sodium.h>

#include <nlohmann/json.hpp>

#include "local_store/store_error.hpp"
#include "local_store/transaction.hpp"

namespace onthaal::store {
namespace {

using nlohmann::json;

std::optional<std::string> optional_string(const json& object, const char* field) {
    if (!object.contains(field) || object[field].is_null()) return std::nullopt;
    return object[field].get<std::string>();
}

std::vector<unsigned char> from_hex(const std::string& hex) {
    std::vector<unsigned char> out(hex.size() / 2);
    size_t length = 0;
    if (sodium_hex2bin(out.data(), out.size(), hex.data(), hex.size(), nullptr, &length, nullptr) !=
            0 ||
        length != out.size()) {
        throw StoreError("central sent a malformed hash");
    }
    return out;
}

const char* status_name(PushStatus status) {
    switch (status) {
        case PushStatus::applied:
            return "applied";
        case PushStatus::duplicate:
            return "duplicate";
        case PushStatus::conflict:
            return "conflict";
        case PushStatus::rejected:
            return "rejected";
    }
    return "applied";
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
               "UPDATE outbox SET state = ?, attempts = attempts + 1, last_error = ? WHERE "
               "mutation_id = ?"
               " AND state = 'pending'")
            ->bind_all(
                rejected ? "quarantined" : "applied",
                rejected ? std::optional<std::string>(o.reason + ": " + o.message) : std::nullopt,
                o.mutation_id)
            .run();
        if (o.status == PushStatus::conflict) {
            auto entity = db_.cached("SELECT entity, entity_id FROM outbox WHERE mutation_id = ?");
            entity->bind_all(o.mutation_id);
            if (!entity->step()) continue;
            db_.cached(
                   "INSERT OR IGNORE INTO sync_conflict (mutation_id, entity, entity_id, reason, "
                   "message,"
                   " server_record, detected_at) VALUES (?, ?, ?, ?, ?, ?, ?)")
                ->bind_all(o.mutation_id, entity->column_text(0), entity->column_text(1), o.reason,
                           o.message, o.server_record_json, now)
                .run();
        }
        // The fact itself was audited when it was recorded; an acknowledgement adds nothing a
        // reviewer needs, a conflict or rejection does.
        if (o.status == PushStatus::conflict || o.status == PushStatus::rejected) {
            db_.cached(
                   "INSERT INTO audit_log (at, actor, action, entity, entity_id, detail) VALUES "
                   "(?, 'sync', ?, 'outbox', ?, '{}')")
                ->bind_all(now, std::string("push.") + status_name(o.status), o.mutation_id)
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

std::int64_t SyncAccess::pull_cursor() {
    auto q = db_.cached("SELECT pull_cursor FROM sync_state WHERE scope = 'pull'");
    return q->step() ? q->column_int64(0) : 0;
}

void SyncAccess::apply_pulled_page(const json& changes, std::int64_t new_cursor) {
    const auto me = identity();
    if (!me) throw StoreError("cannot apply pulled changes before the device identity is known");
    // Short write transactions: the kiosk's check-ins wait for the write lock meanwhile. Each chunk
    // advances the cursor to its own last change in the same transaction, so a crash between
    // chunks resumes exactly after the last applied change.
    constexpr std::size_t kChunk = 100;
    for (std::size_t first = 0; first < changes.size() || first == 0; first += kChunk) {
        const std::size_t last = std::min(changes.size(), first + kChunk);
        const bool final_chunk = last == changes.size();
        Transaction tx(db_);
        std::size_t kept = first;  // changes before this one are committed
        for (std::size_t i = first; i < last; ++i) {
            if (i > kept && tx.should_yield()) {  // a check-in is waiting: let it go first
                save_pull_cursor(changes[i - 1].at("seq").get<std::int64_t>());
                if (tx.yield() == Transaction::Yielded::discarded)
                    i = kept;
                else
                    kept = i;
            }
            apply_change(changes[i], me->site_id);
        }
        save_pull_cursor(final_chunk ? new_cursor
                                     : changes[last - 1].at("seq").get<std::int64_t>());
        tx.commit();
        if (final_chunk) break;
    }
}

void SyncAccess::save_pull_cursor(std::int64_t cursor) {
    db_.cached(
           "INSERT INTO sync_state (scope, pull_cursor) VALUES ('pull', ?)"
           " ON CONFLICT(scope) DO UPDATE SET pull_cursor = excluded.pull_cursor")
        ->bind_all(cursor)
        .run();
}

void SyncAccess::apply_change(const json& change, const std::string& site_id) {
    const std::string entity = change.at("entity");
    const std::string id = change.at("id");
    const bool remove = change.at("op") == "delete";
    const json& d = change.at("data");
    if (entity == "staff" && !remove) {
        db_.cached(
               "INSERT INTO staff_account (id, site_id, name, version, username, password_hash) "
               "VALUES (?, ?, ?, ?, ?, ?)"
               " ON CONFLICT(id) DO UPDATE SET name = excluded.name, version = excluded.version,"
               " username = excluded.username, password_hash = excluded.password_hash")
            ->bind_all(id, site_id, d.at("name").get<std::string>(),
                       d.at("version").get<std::int64_t>(), optional_string(d, "username"),
                       optional_string(d, "password_hash"))
            .run();
    } else if (entity == "client" && !remove) {
        auto guard = db_.cached(
            "INSERT INTO client (id, site_id, first_name, last_name, national_number_hash, "
            "language, coach_id,"
            " version, programme) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT(id) DO UPDATE SET"
            " first_name = excluded.first_name, last_name = excluded.last_name,"
            " national_number_hash = excluded.national_number_hash, language = excluded.language,"
            " coach_id = excluded.coach_id, version = excluded.version, programme = "
            "excluded.programme");
        Statement& q = *guard;
        q.bind_all(id, site_id, d.at("first_name").get<std::string>(),
                   d.at("last_name").get<std::string>());
        const auto hash = optional_string(d, "national_number_hash");
        if (hash)
            q.bind_blob(5, from_hex(*hash));
        else
            q.bind(5, nullptr);
        q.bind(6, d.at("language").get<std::string>())
            .bind(7, optional_string(d, "coach_id"))
            .bind(8, d.at("version").get<std::int64_t>())
            .bind(9, d.at("programme").get<std::string>())
            .run();
    } else if (entity == "client" && remove) {
        db_.cached("DELETE FROM appointment WHERE client_id = ?")->bind_all(id).run();
        db_.cached("DELETE FROM service WHERE client_id = ?")->bind_all(id).run();
        db_.cached("DELETE FROM client WHERE id = ?")->bind_all(id).run();
    } else if (entity == "appointment" && !remove) {
        db_.cached(
               "INSERT INTO appointment (id, site_id, client_id, staff_id, kind, registered, "
               "starts_at,"
               " duration_min, location, checkin_code, outcome, version) VALUES (?, ?, ?, ?, ?, ?, "
               "?, ?, ?, ?, ?, ?)"
               " ON CONFLICT(id) DO UPDATE SET client_id = excluded.client_id, staff_id = "
               "excluded.staff_id,"
               " kind = excluded.kind, registered = excluded.registered, starts_at = "
               "excluded.starts_at,"
               " duration_min = excluded.duration_min, location = excluded.location,"
               " checkin_code = excluded.checkin_code, outcome = excluded.outcome, version = "
               "excluded.version")
            ->bind_all(id, site_id, d.at("client_id").get<std::string>(),
                       d.at("staff_id").get<std::string>(), d.at("kind").get<std::string>(),
                       d.at("registered").get<bool>(), d.at("starts_at").get<std::string>(),
                       d.at("duration_min").get<std::int64_t>(),
                       d.at("location").get<std::string>(), d.at("checkin_code").get<std::string>(),
                       optional_string(d, "outcome"), d.at("version").get<std::int64_t>())
            .run();
        reapply_pending_outcome(id);
    } else if (entity == "appointment" && remove) {
        db_.cached("DELETE FROM appointment WHERE id = ?")->bind_all(id).run();
    } else if (entity == "attendance" && !remove) {
        // Facts from other devices (ours come back too and are already here).
        db_.cached(
               "INSERT OR IGNORE INTO attendance_event (id, appointment_id, kind, occurred_at, "
               "recorded_by,"
               " device_id) VALUES (?, ?, ?, ?, ?, ?)")
            ->bind_all(id, d.at("appointment_id").get<std::string>(),
                       d.at("kind").get<std::string>(), d.at("occurred_at").get<std::string>(),
                       d.at("recorded_by").get<std::string>(), d.at("device_id").get<std::string>())
            .run();
    }
    // Unknown entities are skipped: a newer central may send more than this agent knows.
}

// A local outcome not yet acknowledged by central stays visible on top of central's record.
void SyncAccess::reapply_pending_outcome(const std::string& appointment_id) {
    auto q = db_.cached(
        "SELECT json_extract(payload, '$.kind') FROM outbox WHERE state = 'pending'"
        " AND entity = 'attendance' AND entity_id = ? AND json_extract(payload, '$.kind') != "
        "'checked_in'"
        " ORDER BY seq DESC LIMIT 1");
    std::string outcome;
    {
        q->bind_all(appointment_id);
        if (!q->step()) return;
        outcome = q->column_text(0);
    }
    db_.cached("UPDATE appointment SET outcome = ? WHERE id = ?")
        ->bind_all(outcome, appointment_id)
        .run();
}

void SyncAccess::save_identity(const DeviceIdentity& me, const SiteRecord& site) {
    Transaction tx(db_);
    db_.cached(
           "INSERT INTO site (id, name, province, hash_key) VALUES (?, ?, ?, ?) ON CONFLICT(id) DO "
           "UPDATE SET"
           " name = excluded.name, province = excluded.province, hash_key = excluded.hash_key")
        ->bind_all(site.id, site.name, site.province)
        .bind_blob(4, site.hash_key)
        .run();
    db_.cached(
           "INSERT INTO device_identity (singleton, device_id, site_id, role, staff_id) VALUES (1, "
           "?, ?, ?, ?)"
           " ON CONFLICT(singleton) DO UPDATE SET device_id = excluded.device_id, site_id = "
           "excluded.site_id,"
           " role = excluded.role, staff_id = excluded.staff_id")
        ->bind_all(me.device_id, me.site_id, me.role, me.staff_id)
        .run();
    tx.commit();
}

std::optional<DeviceIdentity> SyncAccess::identity() {
    auto q = db_.cached(
        "SELECT device_id, site_id, role, staff_id FROM device_identity WHERE singleton = 1");
    if (!q->step()) return std::nullopt;
    return DeviceIdentity{q->column_text(0), q->column_text(1), q->column_text(2),
                          q->column_optional_text(3)};
}

void SyncAccess::record_status(const std::string& state, const std::optional<std::string>& error,
                               const std::string& now) {
    if (error) {
        db_.cached(
               "INSERT INTO sync_status (singleton, state, last_error, last_error_at) VALUES (1, "
               "?, ?, ?)"
               " ON CONFLICT(singleton) DO UPDATE SET state = excluded.state, last_error = "
               "excluded.last_error,"
               " last_error_at = excluded.last_error_at")
            ->bind_all(state, *error, now)
            .run();
    } else {
        db_.cached(
               "INSERT INTO sync_status (singleton, state, last_success_at) VALUES (1, ?, ?)"
               " ON CONFLICT(singleton) DO UPDATE SET state = excluded.state, last_success_at = "
               "excluded.last_success_at")
            ->bind_all(state, now)
            .run();
    }
}

SyncStatusSnapshot SyncAccess::status() {
    SyncStatusSnapshot s;
    auto q = db_.cached(
        "SELECT state, last_success_at, last_error, last_error_at FROM sync_status WHERE singleton "
        "= 1");
    if (q->step()) {
        s.state = q->column_text(0);
        s.last_success_at = q->column_optional_text(1);
        s.last_error = q->column_optional_text(2);
        s.last_error_at = q->column_optional_text(3);
    }
    s.pending = db_.query_int64("SELECT count(*) FROM outbox WHERE state = 'pending'");
    s.quarantined = db_.query_int64("SELECT count(*) FROM outbox WHERE state = 'quarantined'");
    s.open_conflicts =
        db_.query_int64("SELECT count(*) FROM sync_conflict WHERE resolved_at IS NULL");
    s.pull_cursor = pull_cursor();
    return s;
}

}  // namespace onthaal::store
