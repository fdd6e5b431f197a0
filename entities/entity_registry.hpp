// The synced entities this program knows, by wire name. The agent's pull applies every change
// through it (it is the store's PulledChangeApplier) and central's push finds each mutation's
// module here and checks the role's permission before the module applies it.
//
// Ownership: owns its modules. Thread: built once, then read-only from any thread.
// Failure: add() throws std::logic_error for a duplicate name; apply() throws
// protocol::ValidationError for an entity it does not know (the agent sets that change aside).
#pragma once

#include <map>
#include <memory>
#include <string>
#include <string_view>

#include "entities/entity_module.hpp"

namespace onthaal::entities {

class EntityRegistry final : public store::PulledChangeApplier {
  public:
    void add(std::unique_ptr<EntityModule> module);
    const EntityModule* find(std::string_view name) const;
    // Whether `role` may push mutations of `kind` of `module`.
    static bool permits(const EntityModule& module, domain::DeviceRole role, std::string_view kind);

    void apply(store::Database& db, const protocol::PulledChange& change,
               const store::DeviceIdentity& device) const override;

  private:
    std::map<std::string, std::unique_ptr<EntityModule>, std::less<>> modules_;
};

// Every entity of the product, one line each (entity_registry.cpp). Tests add their own to a copy.
EntityRegistry standard_entities();
// A process-wide instance of standard_entities(), built on first use.
const EntityRegistry& standard_registry();

}  // namespace onthaal::entities
