// The one door through which pulled changes reach the agent's tables: SyncAccess hands each change
// of a page to an applier (the entity registry, entities/entity_registry.hpp), which knows every
// synced entity. local_store itself holds no per-entity code.
//
// Thread: the caller's, inside the caller's transaction. Failure: protocol::ValidationError when
// this one change cannot be applied (an entity this agent does not know, a malformed record): the
// caller sets the change aside and applies the rest. StoreError for the store itself.
#pragma once

#include <nlohmann/json_fwd.hpp>
#include <optional>
#include <string>

#include "domain/types.hpp"
#include "local_store/sqlite_database.hpp"
#include "protocol/changes.hpp"

namespace onthaal::store {

struct DeviceIdentity {
    std::string device_id;
    std::string site_id;
    domain::DeviceRole role = domain::DeviceRole::kiosk;
    std::optional<std::string> staff_id;
};

class PulledChangeApplier {
  public:
    virtual ~PulledChangeApplier() = default;
    // Applies one change whose envelope is sound (change.problem is empty). Decodes the record
    // fully before writing anything, so a ValidationError leaves the store untouched.
    virtual void apply(Database& db, const protocol::PulledChange& change,
                       const DeviceIdentity& device) const = 0;
};

}  // namespace onthaal::store
