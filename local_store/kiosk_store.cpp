#include "local_store/kiosk_store.hpp"

#include <sodium.h>

#include <chrono>
#include <stdexcept>

#include "local_store/transaction.hpp"

namespace onthaal::store {
namespace {

constexpr const char* kAppointmentColumns =
    "SELECT a.id, a.client_id, c.first_name, c.language, coalesce(s.name, ''), a.starts_at, "
    "a.duration_min,"
    " a.location, a.kind, a.registered, a.outcome, a.version FROM appointment a JOIN client c ON "
    "c.id = a.client_id"
    " LEFT JOIN staff_account s ON s.id = a.staff_id ";

AppointmentView read_view(const Statement& q) {
    return {q.column_text(0),       q.column_text(1),           q.column_text(2),
            q.column_text(3),       q.column_text(4),           q.column_text(5),
            q.column_int64(6),      q.column_text(7),           q.column_text(8),
            q.column_int64(9) != 0, q.column_optional_text(10), q.column_int64(11)};
}

}  // namespace

std::string new_mutation_id() {
    if (sodium_init() < 0) throw std::runtime_error("libsodium could not be initialised");
    // Time-ordered, like UUIDv7: 48 bits of milliseconds, then 80 random bits. Ids of one device
    // then land at the end of central's unique indexes instead of all over them, which keeps the
    // pages a push batch dirties (and writes) few. Uniqueness rests on the random part.
    const auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(
                        std::chrono::system_clock::now().time_since_epoch())
                        .count();
    unsigned char bytes[16];
    for (int i = 0; i < 6; ++i) bytes[i] = static_cast<unsigned char>(ms >> (8 * (5 - i)));
    randombytes_buf(bytes + 6, sizeof bytes - 6);
    char hex[sizeof bytes * 2 + 1];
    sodium_bin2hex(hex, sizeof hex, bytes, sizeof bytes);
    return hex;
}

std::optional<AppointmentView> KioskStore::appointment_by_code(const std::string& code) {
    auto q = db_.cached(std::string(kAppointmentColumns) + "WHERE a.checkin_code = ?");
    q->bind_all(code);
    if (!q->step()) return std::nullopt;
    return read_view(*q);
}

std::optional<AppointmentView> KioskStore::appointment_by_id(const std::string& id) {
    auto q = db_.cached(std::string(kAppointmentColumns) + "WHERE a.id = ?");
    q->bind_all(id);
    if (!q->step()) return std::nullopt;
    return read_view(*q);
}

std::vector<AppointmentView> KioskStore::appointments_by_national_hash(
    const std::vector<unsigned char>& hash, const std::string& from, const std::string& to) {
    auto q = db_.cached(std::string(kAppointmentColumns) +
                        "WHERE c.national_number_hash = ? AND a.starts_at >= ? AND a.starts_at < ? "
                        "ORDER BY a.starts_at");
    q->bind_blob(1, hash).bind(2, from).bind(3, to);
    std::vector<AppointmentView> out;
    while (q->step()) out.push_back(read_view(*q));
    return out;
}

std::int64_t KioskStore::keep_only_checkin_data(const std::string& before) {
    Transaction tx(db_);
    db_.cached("DELETE FROM appointment WHERE starts_at < ?")->bind_all(before).run();
    const std::int64_t dropped = db_.changes();
    db_.exec(
        "DELETE FROM client WHERE NOT EXISTS (SELECT 1 FROM appointment a WHERE a.client_id = "
        "client.id)");
    // Conflicts and set-aside changes of past days concern nothing the kiosk can still check in.
    db_.cached("DELETE FROM sync_conflict WHERE detected_at < ?")->bind_all(before).run();
    db_.cached("DELETE FROM pulled_set_aside WHERE set_aside_at < ?")->bind_all(before).run();
    // What a store from before the kiosk view held: whole client and staff records.
    db_.exec(
        "UPDATE client SET last_name = '', programme = '', coach_id = NULL"
        " WHERE last_name <> '' OR programme <> '' OR coach_id IS NOT NULL");
    std::int64_t legacy = db_.changes();
    db_.exec(
        "UPDATE staff_account SET username = NULL, password_hash = NULL"
        " WHERE username IS NOT NULL OR password_hash IS NOT NULL");
    legacy += db_.changes();
    db_.exec("DELETE FROM pulled_set_aside WHERE entity IN ('client', 'staff')");
    legacy += db_.changes();
    tx.commit();
    // Rows deleted before secure_delete was on may still sit in free pages, and old pages in the
    // WAL: once, rewrite the file and empty the WAL.
    if (legacy > 0) db_.exec("VACUUM; PRAGMA wal_checkpoint(TRUNCATE);");
    return dropped;
}

void KioskStore::warm_up_lookups() {
    appointment_by_code("");  // no appointment has an empty code
}

}  // namespace onthaal::store
