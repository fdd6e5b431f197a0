// The residence and work-permit check (002 §3.2, 004 §2.2) as one synced entity: a fact, append-
// only, that a desk staff member checked a client's residence status and work permit on a day
// (the desk asks once per client per day instead of on every appointment row). Record and JSON in
// protocol/residence_records.hpp. Only a desk device pushes it; central checks again that the
// client is of the device's site and the checker a staff member of it, and sends the fact to the
// site's desks (not to kiosks, not to coaches).
// Thread and failure: see entity_module.hpp. record_residence_check makes its own transaction;
// the queries run in the caller's and throw StoreError.
#pragma once

#include <set>
#include <string>

#include "entities/entity_module.hpp"

namespace onthaal::entities {

class ResidenceCheckEntity final : public EntityModule {
  public:
    std::string_view name() const override { return "residence_check"; }
    void apply_pulled(store::Database& db, const protocol::PulledChange& change,
                      const store::DeviceIdentity& device) const override;
    std::string push_kind(const protocol::MutationEnvelope& m) const override;
    std::span<const PushPermission> push_permissions() const override;
    protocol::PushResult apply_pushed(CentralWrite& write,
                                      const protocol::MutationEnvelope& m) const override;
};

// Agent, the local writer: the fact, its outbox entry and an audit row in ONE transaction.
// `day`: the Brussels day "YYYY-MM-DD". Returns the mutation id (the fact's id).
std::string record_residence_check(store::Database& db, const std::string& site_id,
                                   const std::string& client_id, const std::string& day,
                                   const std::string& staff_id, const std::string& now);

// Both stores: the clients whose check is recorded on `day`.
std::set<std::string> residence_checked_on(store::Database& db, const std::string& day);

}  // namespace onthaal::entities
