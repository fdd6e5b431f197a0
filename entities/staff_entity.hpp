// The staff entity: a staff member of the site, with the argon2id hash the desk checks a sign-in
// against offline. Written only by central (the import); devices never push it.
// Thread and failure: see entity_module.hpp; the central functions run in the caller's
// transaction and throw std::out_of_range for an unknown id.
#pragma once

#include "entities/entity_module.hpp"
#include "protocol/records.hpp"

namespace onthaal::entities {

class StaffEntity final : public EntityModule {
  public:
    std::string_view name() const override { return "staff"; }
    void apply_pulled(store::Database& db, const protocol::PulledChange& change,
                      const store::DeviceIdentity& device) const override;
};

// Central: the record as devices receive it, and publishing it to the site's devices.
protocol::StaffRecord central_staff(store::Database& db, const std::string& id);
void publish_staff(store::Database& db, const std::string& site_id, const std::string& id);

}  // namespace onthaal::entities
