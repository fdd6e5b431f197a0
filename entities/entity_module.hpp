// One synced entity, whole: how its pulled records land in the agent's store, which device roles
// may push which kinds of it, and how central applies a pushed mutation (checking the same
// domain/ rules as the agent did, on central's own state). An entity's record and mutation types
// are in protocol/; its local writer (the fact and its outbox entry in one transaction) sits in
// the same unit as its module. Modules are registered in entity_registry.cpp, one line each: adding
// an entity touches nothing else of the sync machinery.
//
// Ownership: a module is stateless and owned by its registry. Thread: any (const, no state).
// Failure: apply_pulled throws protocol::ValidationError for a malformed record (nothing written);
// apply_pushed returns a rejected PushResult for a permanent problem and throws StoreError for a
// transient one.
#pragma once

#include <span>
#include <stdexcept>
#include <string>
#include <string_view>

#include "entities/central_feed.hpp"
#include "local_store/pulled_change_applier.hpp"
#include "protocol/changes.hpp"
#include "protocol/mutations.hpp"

namespace onthaal::entities {

// Which device roles may push one kind of an entity's mutations (central checks it first).
struct PushPermission {
    std::string_view kind;
    bool kiosk = false;
    bool desk = false;
    bool coach = false;

    bool allows(domain::DeviceRole role) const;
};

// Central's side of one pushed mutation: its store, who pushes, when it was received.
struct CentralWrite {
    store::Database& db;
    const DeviceScope& device;
    const std::string& now;
};

// Thrown by push_kind when the payload names no kind this entity has: rejected with `reason`.
class MutationRejected : public std::runtime_error {
  public:
    MutationRejected(std::string reason, const std::string& message)
        : std::runtime_error(message), reason_(std::move(reason)) {}
    const std::string& reason() const { return reason_; }

  private:
    std::string reason_;
};

class EntityModule {
  public:
    virtual ~EntityModule() = default;
    virtual std::string_view name() const = 0;

    // Agent: applies one pulled change in the caller's transaction.
    virtual void apply_pulled(store::Database& db, const protocol::PulledChange& change,
                              const store::DeviceIdentity& device) const = 0;

    // Central: the kind a mutation is permitted under (see push_permissions). Default "write".
    virtual std::string push_kind(const protocol::MutationEnvelope& m) const;
    // Central: who may push what. Default: nobody (central's own records: site, staff, client).
    virtual std::span<const PushPermission> push_permissions() const;
    // Central: applies a mutation whose kind the device's role may push, in the caller's
    // savepoint (a rejection is rolled back by the caller).
    virtual protocol::PushResult apply_pushed(CentralWrite& write,
                                              const protocol::MutationEnvelope& m) const;
};

// Checks shared by the modules' central appliers. Each returns a rejection, or nullopt when fine.
// A coach device reaches only the clients whose coach it is.
std::optional<protocol::PushResult> check_caseload(const CentralWrite& write,
                                                   const protocol::MutationEnvelope& m,
                                                   const std::optional<std::string>& client_coach);
// The same for a fact recorded on the device at `recorded_at` (UTC text): a coach whose client
// moved to another coach still pushes what it recorded before the move (offline for days), for
// up to `max_offline_days` after the move (central's caseload_handover).
std::optional<protocol::PushResult> check_caseload_at(
    const CentralWrite& write, const protocol::MutationEnvelope& m, const std::string& client_id,
    const std::optional<std::string>& client_coach, const std::string& recorded_at,
    int max_offline_days);
// `recorded_by` is "kiosk" (a kiosk or desk device's kiosk page, for a check-in) or a staff member
// of the device's site (a coach device: the coach itself).
std::optional<protocol::PushResult> check_recorded_by(const CentralWrite& write,
                                                      const protocol::MutationEnvelope& m,
                                                      const std::string& recorded_by,
                                                      bool kiosk_allowed);

}  // namespace onthaal::entities
