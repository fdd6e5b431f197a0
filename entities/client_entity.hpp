// The client entity: a client of the site (first and last name, language, programme, coach, and
// only a keyed hash of the national number). Written only by central (the import); a pulled
// "delete" is a tombstone (a coach device losing a client from its caseload) and removes the
// client with its appointments and services. Devices never push it.
// Thread and failure: see entity_module.hpp; the central functions run in the caller's
// transaction and throw std::out_of_range for an unknown id.
#pragma once

#include "entities/entity_module.hpp"
#include "protocol/records.hpp"

namespace onthaal::entities {

class ClientEntity final : public EntityModule {
  public:
    std::string_view name() const override { return "client"; }
    void apply_pulled(store::Database& db, const protocol::PulledChange& change,
                      const store::DeviceIdentity& device) const override;
};

// The device side: a pulled client record lands in the store (also one inside a kiosk's
// appointment view).
void store_pulled_client(store::Database& db, const protocol::ClientRecord& c,
                         const store::DeviceIdentity& device);

// Central: the record as devices receive it, its coach (the change's audience), and publishing.
protocol::ClientRecord central_client(store::Database& db, const std::string& id);
std::optional<std::string> coach_of_client(store::Database& db, const std::string& client_id);
void publish_client(store::Database& db, const std::string& site_id, const std::string& id);

}  // namespace onthaal::entities
