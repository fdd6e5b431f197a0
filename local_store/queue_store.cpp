#include "local_store/queue_store.hpp"

#include "local_store/transaction.hpp"

namespace onthaal::store {
namespace {

// Calls older than this many days go when a new one is made: yesterday's stay for a late shift.
constexpr const char* kForgetCalls =
    "DELETE FROM queue_call WHERE called_at < strftime('%Y-%m-%dT%H:%M:%SZ', ?, '-2 days')";

}  // namespace

CallOutcome QueueStore::call(const std::string& appointment_id, const std::string& staff_id,
                             const std::string& now) {
    QueueCall call;
    {
        auto q = db_.cached(
            "SELECT a.outcome IS NOT NULL, a.location, e.id IS NOT NULL, coalesce(e.queue_number,"
            " '') FROM appointment a LEFT JOIN attendance_event e ON e.appointment_id = a.id AND"
            " e.kind = 'checked_in' WHERE a.id = ? ORDER BY e.occurred_at LIMIT 1");
        q->bind_all(appointment_id);
        if (!q->step()) return {CallRefusal::unknown_appointment, {}};
        if (q->column_int64(0) != 0) return {CallRefusal::completed, {}};
        if (q->column_int64(2) == 0) return {CallRefusal::not_checked_in, {}};
        call = {0, q->column_text(3), q->column_text(1), now};
    }
    Transaction tx(db_);
    db_.cached(kForgetCalls)->bind_all(now).run();
    db_.cached(
           "INSERT INTO queue_call (appointment_id, queue_number, location, called_at, called_by)"
           " VALUES (?, ?, ?, ?, ?)")
        ->bind_all(appointment_id, call.queue_number, call.location, now, staff_id)
        .run();
    call.seq = db_.last_insert_rowid();
    tx.commit();
    return {CallRefusal::none, std::move(call)};
}

std::vector<QueueCall> QueueStore::recent_calls(const std::string& since, int limit) {
    auto q = db_.cached(
        "SELECT seq, queue_number, location, called_at FROM queue_call WHERE called_at >= ? ORDER "
        "BY seq DESC LIMIT ?");
    q->bind_all(since, limit);
    std::vector<QueueCall> out;
    while (q->step())
        out.push_back(
            {q->column_int64(0), q->column_text(1), q->column_text(2), q->column_text(3)});
    return out;
}

QueueCount QueueStore::count_between(const std::string& from, const std::string& to) {
    auto q = db_.cached(
        "SELECT coalesce(sum(NOT called), 0), coalesce(sum(called), 0) FROM (SELECT EXISTS (SELECT"
        " 1 FROM queue_call c WHERE c.appointment_id = a.id) AS called FROM appointment a WHERE"
        " a.starts_at >= ? AND a.starts_at < ? AND a.outcome IS NULL AND EXISTS (SELECT 1 FROM"
        " attendance_event e WHERE e.appointment_id = a.id AND e.kind = 'checked_in'))");
    q->bind_all(from, to);
    if (!q->step()) return {};
    return {q->column_int64(0), q->column_int64(1)};
}

}  // namespace onthaal::store
