#include "local_store/kiosk_store.hpp"

#include <sodium.h>

#include <chrono>
#include <nlohmann/json.hpp>
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

constexpr const char* kExistingCheckin =
    "SELECT id FROM attendance_event WHERE appointment_id = ? AND kind = 'checked_in' LIMIT 1";
constexpr const char* kInsertAttendance =
    "INSERT INTO attendance_event (id, appointment_id, kind, occurred_at, recorded_by) "
    "VALUES (?, ?, ?, ?, ?)";
constexpr const char* kInsertAttendanceMutation =
    "INSERT INTO outbox (mutation_id, entity, entity_id, base_version, payload, created_at, "
    "device_time) VALUES (?, 'attendance', ?, ?, ?, ?, ?)";
constexpr const char* kAuditAttendance =
    "INSERT INTO audit_log (at, actor, action, entity, entity_id) VALUES (?, ?, ?, "
    "'appointment', ?)";

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

std::string new_checkin_code() {
    static constexpr char kAlphabet[] = "23456789ABCDEFGHJKMNPQRSTUVWXYZ";
    if (sodium_init() < 0) throw std::runtime_error("libsodium could not be initialised");
    std::string code(6, ' ');
    for (char& c : code) c = kAlphabet[randombytes_uniform(sizeof kAlphabet - 1)];
    return code;
}

std::string plan_appointment(Database& db, const NewAppointment& a, const std::string& now,
                             const std::string& staff_id) {
    const std::string mutation_id = new_mutation_id();
    const nlohmann::json payload = {{"id", a.id},
                                    {"client_id", a.client_id},
                                    {"staff_id", a.staff_id},
                                    {"kind", a.kind},
                                    {"registered", a.registered},
                                    {"starts_at", a.starts_at},
                                    {"duration_min", a.duration_min},
                                    {"location", a.location},
                                    {"checkin_code", a.checkin_code}};
    Transaction tx(db);
    db.cached(
          "INSERT INTO appointment (id, site_id, client_id, staff_id, kind, registered, starts_at, "
          "duration_min,"
          " location, checkin_code, version) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0)")
        ->bind_all(a.id, a.site_id, a.client_id, a.staff_id, a.kind, a.registered, a.starts_at,
                   a.duration_min, a.location, a.checkin_code)
        .run();
    db.cached(
          "INSERT INTO outbox (mutation_id, entity, entity_id, base_version, payload, created_at, "
          "device_time)"
          " VALUES (?, 'appointment', ?, NULL, ?, ?, ?)")
        ->bind_all(mutation_id, a.id, payload.dump(), now, now)
        .run();
    db.cached(
          "INSERT INTO audit_log (at, actor, action, entity, entity_id) VALUES (?, ?, "
          "'appointment.planned', 'appointment', ?)")
        ->bind_all(now, staff_id, a.id)
        .run();
    tx.commit();
    return mutation_id;
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

void KioskStore::warm_up_lookups() {
    appointment_by_code("");  // no appointment has an empty code
    national_number_key();
}

void KioskStore::warm_up_recording() {
    for (const char* sql :
         {kExistingCheckin, kInsertAttendance, kInsertAttendanceMutation, kAuditAttendance}) {
        db_.cached(sql);
    }
}

std::optional<std::vector<unsigned char>> KioskStore::national_number_key() {
    auto q = db_.cached("SELECT hash_key FROM site WHERE hash_key IS NOT NULL LIMIT 1");
    if (!q->step()) return std::nullopt;
    return q->column_blob(0);
}

std::string KioskStore::insert_attendance(const AppointmentView& appointment,
                                          const std::string& kind, const std::string& now,
                                          const std::string& recorded_by, bool mediator_absent) {
    const std::string mutation_id = new_mutation_id();
    db_.cached(kInsertAttendance)
        ->bind_all(mutation_id, appointment.id, kind, now, recorded_by)
        .run();
    nlohmann::json payload = {{"kind", kind}, {"occurred_at", now}, {"recorded_by", recorded_by}};
    if (mediator_absent) payload["mediator_absent"] = true;
    db_.cached(kInsertAttendanceMutation)
        ->bind_all(mutation_id, appointment.id, appointment.version, payload.dump(), now, now)
        .run();
    db_.cached(kAuditAttendance)
        ->bind_all(now, recorded_by, "attendance." + kind, appointment.id)
        .run();
    return mutation_id;
}

RecordedFact KioskStore::record_checkin(const AppointmentView& appointment, const std::string& now,
                                        const std::string& recorded_by) {
    return record_checkins({appointment}, now, recorded_by).front();
}

std::vector<RecordedFact> KioskStore::record_checkins(
    const std::vector<AppointmentView>& appointments, const std::string& now,
    const std::string& recorded_by) {
    std::vector<RecordedFact> facts;
    Transaction tx(db_);
    for (const AppointmentView& appointment : appointments) {
        std::optional<std::string> earlier;
        {
            auto existing = db_.cached(kExistingCheckin);
            existing->bind_all(appointment.id);
            if (existing->step()) earlier = existing->column_text(0);
        }
        facts.push_back(
            earlier ? RecordedFact{*earlier, true}
                    : RecordedFact{insert_attendance(appointment, "checked_in", now, recorded_by),
                                   false});
    }
    tx.commit();
    return facts;
}

std::string KioskStore::record_attendance(const AppointmentView& appointment,
                                          const std::string& kind, const std::string& now,
                                          const std::string& recorded_by, bool mediator_absent) {
    Transaction tx(db_);
    std::string id = insert_attendance(appointment, kind, now, recorded_by, mediator_absent);
    if (kind != "checked_in") {
        db_.cached("UPDATE appointment SET outcome = ? WHERE id = ?")
            ->bind_all(kind, appointment.id)
            .run();
    }
    tx.commit();
    return id;
}

}  // namespace onthaal::store
