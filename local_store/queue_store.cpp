#include "local_store/queue_store.hpp"

namespace onthaal::store {

std::vector<QueueCall> QueueStore::recent_calls(const std::string& since,
                                                const std::string& fresh_after, int limit) {
    auto q = db_.cached(
        "SELECT seq, queue_number, location, called_at, called_at >= ?2 AS fresh FROM queue_call "
        "WHERE called_at >= ?1 ORDER BY fresh DESC, CASE WHEN fresh THEN seq END DESC, called_at "
        "DESC, seq DESC LIMIT ?3");
    q->bind_all(since, fresh_after, limit);
    std::vector<QueueCall> out;
    while (q->step())
        out.push_back({q->column_int64(0), q->column_text(1), q->column_text(2), q->column_text(3),
                       q->column_int64(4) != 0});
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
