#include "local_store/desk_store.hpp"

namespace onthaal::store {
namespace {

constexpr const char* kColumns =
    "SELECT a.id, a.starts_at, a.duration_min, a.client_id, c.first_name || ' ' || c.last_name, "
    "c.programme,"
    " coalesce(s.name, ''), a.location, a.kind, a.registered, a.outcome,"
    " (SELECT min(e.occurred_at) FROM attendance_event e WHERE e.appointment_id = a.id AND e.kind "
    "= 'checked_in'),"
    " a.version,"
    " (SELECT e.queue_number FROM attendance_event e WHERE e.appointment_id = a.id AND e.kind = "
    "'checked_in' ORDER BY e.occurred_at LIMIT 1),"
    " (SELECT max(q.called_at) FROM queue_call q WHERE q.appointment_id = a.id),"
    " a.staff_id, c.coach_id FROM appointment a JOIN client c ON c.id = a.client_id"
    " LEFT JOIN staff_account s "
    "ON s.id = a.staff_id ";

DeskAppointment read(const Statement& q) {
    return {q.column_text(0),       q.column_text(1),           q.column_int64(2),
            q.column_text(3),       q.column_text(4),           q.column_text(5),
            q.column_text(6),       q.column_text(7),           q.column_text(8),
            q.column_int64(9) != 0, q.column_optional_text(10), q.column_optional_text(11),
            q.column_int64(12),     q.column_optional_text(13), q.column_optional_text(14),
            q.column_text(15),      q.column_optional_text(16)};
}

}  // namespace

std::vector<DeskAppointment> DeskStore::appointments_between(const std::string& from,
                                                             const std::string& to) {
    auto q = db_.cached(std::string(kColumns) +
                        "WHERE a.starts_at >= ? AND a.starts_at < ? ORDER BY a.starts_at, a.id");
    q->bind_all(from, to);
    std::vector<DeskAppointment> out;
    while (q->step()) out.push_back(read(*q));
    return out;
}

std::optional<DeskAppointment> DeskStore::appointment(const std::string& id) {
    auto q = db_.cached(std::string(kColumns) + "WHERE a.id = ?");
    q->bind_all(id);
    if (!q->step()) return std::nullopt;
    return read(*q);
}

std::vector<FirstHistoryEntry> DeskStore::first_history(const std::string& client_id) {
    auto q = db_.cached(
        "SELECT e.kind, a.registered, e.occurred_at, a.starts_at FROM attendance_event e"
        " JOIN appointment a ON a.id = e.appointment_id WHERE a.client_id = ? AND a.kind = 'first'"
        " AND e.kind IN ('present', 'absent_valid', 'absent_invalid')"
        // A fact central refused (its outbox row quarantined) never happened for central.
        " AND NOT EXISTS (SELECT 1 FROM outbox o WHERE o.mutation_id = e.id AND o.state = "
        "'quarantined') ORDER BY e.occurred_at, e.seq");
    q->bind_all(client_id);
    std::vector<FirstHistoryEntry> out;
    while (q->step())
        out.push_back(
            {q->column_text(0), q->column_int64(1) != 0, q->column_text(2), q->column_text(3)});
    return out;
}

std::vector<StaffMember> DeskStore::active_staff() {
    auto q = db_.cached("SELECT id, name FROM staff_account WHERE active = 1 ORDER BY name, id");
    std::vector<StaffMember> out;
    while (q->step()) out.push_back({q->column_text(0), q->column_text(1)});
    return out;
}

}  // namespace onthaal::store
