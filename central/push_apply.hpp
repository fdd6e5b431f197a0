// Applying a device's push: a batch of mutations, each applied atomically on its own (a SQLite
// savepoint) and recorded with its mutation id in the same step, so a repeat returns the first
// result and never applies twice (Replicache's client mutation ids). The batch commits once,
// durably, before any result is returned: a result the device sees is a result central keeps.
//
// Per-mutation results: applied; duplicate (with the first result); conflict (the fact is kept
// and listed for review, with central's current record); rejected (permanent, with a reason code).
// Thread: the caller's. Failure: PushFormatError (the request as a whole is malformed: 400);
// StoreError propagates (500; nothing of the batch was committed).
#pragma once

#include <stdexcept>
#include <string>

#include "central/change_feed.hpp"
#include "entities/entity_registry.hpp"
#include "local_store/sqlite_database.hpp"

namespace onthaal::central {

class PushFormatError : public std::runtime_error {
  public:
    using std::runtime_error::runtime_error;
};

constexpr std::size_t kMaxMutationsPerPush = 10000;

// `body` is the request body; `now` is central's receive time (UTC text). Each mutation goes to
// its entity's module in `registry`, after the device's role was checked against the module's
// permission table (`forbidden_for_role` otherwise). Returns the response body.
std::string apply_push(store::Database& db, const entities::EntityRegistry& registry,
                       const DeviceScope& device, const std::string& body, const std::string& now);
// The same with the product's entities (entities::standard_registry()).
std::string apply_push(store::Database& db, const DeviceScope& device, const std::string& body,
                       const std::string& now);

}  // namespace onthaal::central
