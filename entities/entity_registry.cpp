#include "entities/entity_registry.hpp"

#include "entities/appointment_entity.hpp"
#include "entities/attendance_entity.hpp"
#include "entities/client_entity.hpp"
#include "entities/field_entity.hpp"
#include "entities/queue_call_entity.hpp"
#include "entities/residence_check_entity.hpp"
#include "entities/service_entity.hpp"
#include "entities/site_entity.hpp"
#include "entities/staff_entity.hpp"
#include "protocol/validation.hpp"

namespace onthaal::entities {

void EntityRegistry::add(std::unique_ptr<EntityModule> module) {
    const std::string name(module->name());
    if (!modules_.emplace(name, std::move(module)).second)
        throw std::logic_error("entity '" + name + "' registered twice");
}

const EntityModule* EntityRegistry::find(std::string_view name) const {
    const auto it = modules_.find(name);
    return it == modules_.end() ? nullptr : it->second.get();
}

bool EntityRegistry::permits(const EntityModule& module, domain::DeviceRole role,
                             std::string_view kind) {
    for (const PushPermission& p : module.push_permissions())
        if (p.kind == kind) return p.allows(role);
    return false;
}

void EntityRegistry::apply(store::Database& db, const protocol::PulledChange& change,
                           const store::DeviceIdentity& device) const {
    const EntityModule* module = find(change.entity);
    if (!module) {
        throw protocol::ValidationError(change.entity, change.id, "entity",
                                        "is not known to this agent (sent by a newer central?)");
    }
    module->apply_pulled(db, change, device);
}

EntityRegistry standard_entities() {
    EntityRegistry registry;
    registry.add(std::make_unique<SiteEntity>());
    registry.add(std::make_unique<StaffEntity>());
    registry.add(std::make_unique<ClientEntity>());
    registry.add(std::make_unique<AppointmentEntity>());
    registry.add(std::make_unique<AttendanceEntity>());
    registry.add(std::make_unique<ServiceEntity>());
    registry.add(std::make_unique<MonthCategoryEntity>());
    registry.add(std::make_unique<ServiceFactEntity>());
    registry.add(std::make_unique<VisitEntity>());
    registry.add(std::make_unique<StageHoursEntity>());
    registry.add(std::make_unique<WorkPlanEntity>());
    registry.add(std::make_unique<RecordConflictEntity>());
    registry.add(std::make_unique<ResidenceCheckEntity>());
    registry.add(std::make_unique<QueueCallEntity>());
    return registry;
}

const EntityRegistry& standard_registry() {
    static const EntityRegistry registry = standard_entities();
    return registry;
}

}  // namespace onthaal::entities
