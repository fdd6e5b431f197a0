// The desk's conflicts to review (desk_store.hpp): grouped per record, because each fact a device
// records is its own mutation. A client who checks in at the kiosk while the line is down and is
// then marked present gives two conflicting mutations on one appointment; listed per mutation,
// the desk showed the same conflict twice.
#include <map>
#include <tuple>

#include "local_store/desk_store.hpp"
#include "local_store/transaction.hpp"

namespace onthaal::store {
namespace {

// Every join is on a primary or unique key, so each conflict is one row. The attendance fact's
// kind comes from the outbox (gone once retention drops it: the conflict then lists no fact).
constexpr const char* kOpenConflicts =
    "SELECT sc.mutation_id, sc.entity, sc.entity_id, sc.reason, sc.detected_at, sc.base_record,"
    " sc.server_record,"
    " CASE WHEN sc.entity = 'attendance' THEN json_extract(o.payload, '$.kind') END,"
    " coalesce(ca.id, cs.id), coalesce(ca.first_name || ' ' || ca.last_name,"
    " cs.first_name || ' ' || cs.last_name, '')"
    " FROM sync_conflict sc"
    " LEFT JOIN outbox o ON o.mutation_id = sc.mutation_id"
    " LEFT JOIN appointment a ON sc.entity = 'attendance' AND a.id = sc.entity_id"
    " LEFT JOIN client ca ON ca.id = a.client_id"
    " LEFT JOIN edited_record er ON er.entity = sc.entity AND er.id = sc.entity_id"
    " LEFT JOIN service sv ON sv.id = er.service_id"
    " LEFT JOIN client cs ON cs.id = sv.client_id"
    " WHERE sc.resolved_at IS NULL ORDER BY sc.id";

// The open conflicts of the same record as `mutation_id`, up to and including it.
constexpr const char* kGroupUpTo =
    " FROM sync_conflict WHERE resolved_at IS NULL"
    " AND id <= (SELECT id FROM sync_conflict WHERE mutation_id = ?1)"
    " AND (entity, entity_id, reason) = (SELECT entity, entity_id, reason FROM sync_conflict"
    " WHERE mutation_id = ?1)";

}  // namespace

std::vector<ConflictView> DeskStore::open_conflicts() {
    auto q = db_.cached(kOpenConflicts);
    std::vector<ConflictView> out;
    std::map<std::tuple<std::string, std::string, std::string>, std::size_t> group_of;
    while (q->step()) {
        auto key = std::make_tuple(q->column_text(1), q->column_text(2), q->column_text(3));
        auto [at, fresh] = group_of.try_emplace(key, out.size());
        if (fresh) {
            out.push_back({"",
                           q->column_text(1),
                           q->column_text(2),
                           q->column_text(3),
                           q->column_text(4),
                           {},
                           q->column_optional_text(5),
                           std::nullopt,
                           q->column_optional_text(8),
                           q->column_text(9)});
        }
        ConflictView& c = out[at->second];
        c.id = q->column_text(0);
        if (!c.base_record) c.base_record = q->column_optional_text(5);
        if (auto server = q->column_optional_text(6)) c.server_record = std::move(server);
        if (auto fact = q->column_optional_text(7)) c.facts.push_back(std::move(*fact));
    }
    return out;
}

bool DeskStore::mark_conflict_reviewed(const std::string& mutation_id, const std::string& staff_id,
                                       const std::string& now) {
    Transaction tx(db_);
    db_.cached(std::string("INSERT INTO audit_log (at, actor, action, entity, entity_id) SELECT ?2,"
                           " ?3, 'conflict.reviewed', 'outbox', mutation_id") +
               kGroupUpTo)
        ->bind_all(mutation_id, now, staff_id)
        .run();
    if (db_.changes() == 0) return false;
    db_.cached(std::string("UPDATE sync_conflict SET resolved_at = ?2, resolved_by = ?3 WHERE id IN"
                           " (SELECT id") +
               kGroupUpTo + ")")
        ->bind_all(mutation_id, now, staff_id)
        .run();
    tx.commit();
    return true;
}

}  // namespace onthaal::store
