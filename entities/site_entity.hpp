// The site entity: the partner site a device serves, with its national-number hash key. Central
// hands it over in hello (SyncAccess::save_identity stores it); a pulled "site" change (a renamed
// site) lands here. Devices never push it. Thread and failure: see entity_module.hpp.
#pragma once

#include "entities/entity_module.hpp"

namespace onthaal::entities {

class SiteEntity final : public EntityModule {
  public:
    std::string_view name() const override { return "site"; }
    void apply_pulled(store::Database& db, const protocol::PulledChange& change,
                      const store::DeviceIdentity& device) const override;
};

}  // namespace onthaal::entities
