// The attendance entity, the agent's half: its local writer and its pulled-change applier.
// Central's half is attendance_central.cpp.
#include <nlohmann/json.hpp>

#include "domain/time_text.hpp"
#include "entities/attendance_entity.hpp"
#include "local_store/store_error.hpp"
#include "local_store/transaction.hpp"
#include "protocol/mutations.hpp"
#include "protocol/records.hpp"

namespace onthaal::entities {
namespace {

constexpr const char* kExistingCheckin =
    "SELECT id, queue_number FROM attendance_event WHERE appointment_id = ? AND kind = "
    "'checked_in' LIMIT 1";
constexpr const char* kInsertAttendance =
    "INSERT INTO attendance_event (id, appointment_id, kind, occurred_at, recorded_by, "
    "queue_number) VALUES (?, ?, ?, ?, ?, ?)";
// The next number of the Brussels day on this device; the UNIQUE appointment keeps one number
// per appointment whatever happens.
constexpr const char* kNextTicket =
    "INSERT INTO queue_ticket (day, number, appointment_id) SELECT ?1, COALESCE(MAX(number), 0) "
    "+ 1, ?2 FROM queue_ticket WHERE day = ?1 RETURNING number";
// The letter central gave this kiosk device (hello), read at each number: it may come after start.
constexpr const char* kDeviceLetter =
    "SELECT coalesce(queue_letter, '') FROM device_identity WHERE singleton = 1";
constexpr const char* kInsertAttendanceMutation =
    "INSERT INTO outbox (mutation_id, entity, entity_id, base_version, payload, created_at, "
    "device_time) VALUES (?, 'attendance', ?, ?, ?, ?, ?)";
constexpr const char* kAuditAttendance =
    "INSERT INTO audit_log (at, actor, action, entity, entity_id) VALUES (?, ?, ?, "
    "'appointment', ?)";

}  // namespace

void AttendanceEntity::apply_pulled(store::Database& db, const protocol::PulledChange& change,
                                    const store::DeviceIdentity&) const {
    // Facts are append-only: central never withdraws one.
    if (change.op == protocol::ChangeOp::remove) return;
    const auto fact = protocol::AttendanceRecord::from_json(change.data, change.id);
    // Facts from other devices (ours are here already).
    db.cached(
          "INSERT OR IGNORE INTO attendance_event (id, appointment_id, kind, occurred_at, "
          "recorded_by, device_id, queue_number) VALUES (?, ?, ?, ?, ?, ?, ?)")
        ->bind_all(fact.id, fact.appointment_id, protocol::to_string(fact.kind), fact.occurred_at,
                   fact.recorded_by, fact.device_id, fact.queue_number)
        .run();
}

void AttendanceWriter::warm_up() {
    for (const char* sql : {kExistingCheckin, kInsertAttendance, kInsertAttendanceMutation,
                            kAuditAttendance, kNextTicket, kDeviceLetter}) {
        db_.cached(sql);
    }
}

std::string AttendanceWriter::next_queue_number(const store::AppointmentView& appointment,
                                                const std::string& now) {
    const auto at = domain::parse_instant(now);
    const std::string day =
        at ? domain::format_date(domain::brussels_date(*at)) : now.substr(0, 10);
    auto next = db_.cached(kNextTicket);
    next->bind_all(day, appointment.id);
    if (!next->step()) throw store::StoreError("queue_ticket gave no number");
    const std::string number = std::to_string(next->column_int64(0));
    if (!queue_prefix_.empty()) return queue_prefix_ + number;
    auto letter = db_.cached(kDeviceLetter);
    return (letter->step() ? letter->column_text(0) : std::string()) + number;
}

std::string AttendanceWriter::insert_fact(const store::AppointmentView& appointment,
                                          protocol::AttendanceKind kind, const std::string& now,
                                          const std::string& recorded_by, bool mediator_absent,
                                          const std::optional<std::string>& queue_number) {
    const std::string mutation_id = store::new_mutation_id();
    const std::string_view kind_text = protocol::to_string(kind);
    db_.cached(kInsertAttendance)
        ->bind_all(mutation_id, appointment.id, kind_text, now, recorded_by, queue_number)
        .run();
    const protocol::AttendanceMutation payload{kind, now, recorded_by, mediator_absent,
                                               queue_number};
    db_.cached(kInsertAttendanceMutation)
        ->bind_all(mutation_id, appointment.id, appointment.version, payload.to_json().dump(), now,
                   now)
        .run();
    db_.cached(kAuditAttendance)
        ->bind_all(now, recorded_by, "attendance." + std::string(kind_text), appointment.id)
        .run();
    return mutation_id;
}

store::RecordedFact AttendanceWriter::record_checkin(const store::AppointmentView& appointment,
                                                     const std::string& now,
                                                     const std::string& recorded_by) {
    return record_checkins({appointment}, now, recorded_by).front();
}

std::vector<store::RecordedFact> AttendanceWriter::record_checkins(
    const std::vector<store::AppointmentView>& appointments, const std::string& now,
    const std::string& recorded_by) {
    std::vector<store::RecordedFact> facts;
    store::Transaction tx(db_);
    for (const store::AppointmentView& appointment : appointments) {
        {
            auto existing = db_.cached(kExistingCheckin);
            existing->bind_all(appointment.id);
            if (existing->step()) {
                facts.push_back({existing->column_text(0), true,
                                 existing->column_optional_text(1).value_or("")});
                continue;
            }
        }
        std::string number = next_queue_number(appointment, now);
        std::string id = insert_fact(appointment, protocol::AttendanceKind::checked_in, now,
                                     recorded_by, false, number);
        facts.push_back({std::move(id), false, std::move(number)});
    }
    tx.commit();
    return facts;
}

std::string AttendanceWriter::record_attendance(const store::AppointmentView& appointment,
                                                protocol::AttendanceKind kind,
                                                const std::string& now,
                                                const std::string& recorded_by,
                                                bool mediator_absent) {
    store::Transaction tx(db_);
    std::string id =
        insert_fact(appointment, kind, now, recorded_by, mediator_absent, std::nullopt);
    if (protocol::is_outcome(kind)) {
        db_.cached("UPDATE appointment SET outcome = ? WHERE id = ?")
            ->bind_all(protocol::to_string(kind), appointment.id)
            .run();
    }
    tx.commit();
    return id;
}

}  // namespace onthaal::entities
