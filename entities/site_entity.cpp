#include "entities/site_entity.hpp"

#include "protocol/records.hpp"
#include "protocol/validation.hpp"

namespace onthaal::entities {

void SiteEntity::apply_pulled(store::Database& db, const protocol::PulledChange& change,
                              const store::DeviceIdentity& device) const {
    if (change.op == protocol::ChangeOp::remove || change.id != device.site_id) {
        throw protocol::ValidationError("site", change.id, "id",
                                        "only this device's own site can be updated");
    }
    const protocol::SiteRecord site = protocol::SiteRecord::from_json(change.data);
    if (site.id != change.id)
        throw protocol::ValidationError("site", change.id, "id", "differs from the change's id");
    db.cached(
          "INSERT INTO site (id, name, province, hash_key) VALUES (?, ?, ?, ?) ON CONFLICT(id) DO "
          "UPDATE SET name = excluded.name, province = excluded.province, hash_key = "
          "excluded.hash_key")
        ->bind_all(site.id, site.name, site.province)
        .bind_blob(4, site.hash_key)
        .run();
}

}  // namespace onthaal::entities
