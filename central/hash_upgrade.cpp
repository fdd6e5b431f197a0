#include "central/hash_upgrade.hpp"

#include <string>
#include <vector>

#include "domain/national_number_hash.hpp"
#include "entities/client_entity.hpp"
#include "local_store/transaction.hpp"
#include "log/event_log.hpp"
#include "protocol/records.hpp"

namespace onthaal::central {
namespace {

struct OldHash {
    std::string client_id;
    std::string site_id;
    std::vector<unsigned char> hmac;
    std::vector<unsigned char> key;
};

std::vector<OldHash> old_hashes(store::Database& db) {
    std::vector<OldHash> out;
    auto q = db.cached(
        "SELECT c.id, c.site_id, c.national_number_hash, s.hash_key FROM client c JOIN site s ON"
        " s.id = c.site_id WHERE c.national_number_hash_scheme = 1");
    while (q->step())
        out.push_back({q->column_text(0), q->column_text(1), q->column_blob(2), q->column_blob(3)});
    return out;
}

// The feed's earlier changes of the client carried the old hash: a device pulling from the start
// (a new kiosk) would store it, and with the key file it falls in seconds. They now carry the
// new form, as every later change does.
void forget_old_hash_in_feed(store::Database& db, const std::string& client_id,
                             const std::vector<unsigned char>& hash) {
    const std::string hex = protocol::to_hex(hash);
    db.cached(
          "UPDATE change_log SET payload = json_set(payload, '$.national_number_hash', ?) WHERE "
          "entity = 'client' AND entity_id = ? AND op = 'upsert' AND "
          "json_extract(payload, '$.national_number_hash') IS NOT NULL")
        ->bind_all(hex, client_id)
        .run();
    db.cached(
          "UPDATE change_log SET kiosk_payload = json_set(kiosk_payload, "
          "'$.client.national_number_hash', ?) WHERE entity = 'appointment' AND "
          "json_extract(payload, '$.client_id') = ? AND "
          "json_extract(kiosk_payload, '$.client.national_number_hash') IS NOT NULL")
        ->bind_all(hex, client_id)
        .run();
}

}  // namespace

std::size_t upgrade_national_number_hashes(store::Database& db) {
    const auto pending = old_hashes(db);
    if (pending.empty()) return 0;
    log::info("central.hash_upgrade_started", {{"clients", std::to_string(pending.size())}});
    for (const OldHash& old : pending) {
        const auto hash = domain::national_number_hash_from_hmac(old.hmac, old.key);
        store::Transaction tx(db);
        db.cached(
              "UPDATE client SET national_number_hash = ?, national_number_hash_scheme = 2,"
              " version = version + 1 WHERE id = ? AND national_number_hash_scheme = 1")
            ->bind_blob(1, hash)
            .bind(2, old.client_id)
            .run();
        forget_old_hash_in_feed(db, old.client_id, hash);
        entities::publish_client(db, old.site_id, old.client_id);
        tx.commit();
    }
    log::info("central.hash_upgrade_done", {{"clients", std::to_string(pending.size())}});
    return pending.size();
}

}  // namespace onthaal::central
