#include "entities/site_entity.hpp"

#include "local_store/sync_access.hpp"
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
    store::store_site(db, site);
}

}  // namespace onthaal::entities
