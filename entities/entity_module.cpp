#include "entities/entity_module.hpp"

namespace onthaal::entities {

bool PushPermission::allows(domain::DeviceRole role) const {
    switch (role) {
        case domain::DeviceRole::kiosk:
            return kiosk;
        case domain::DeviceRole::desk:
            return desk;
        case domain::DeviceRole::coach:
            return coach;
    }
    return false;
}

std::string EntityModule::push_kind(const protocol::MutationEnvelope&) const {
    return "write";
}

std::span<const PushPermission> EntityModule::push_permissions() const {
    return {};
}

protocol::PushResult EntityModule::apply_pushed(CentralWrite&,
                                                const protocol::MutationEnvelope& m) const {
    return protocol::PushResult::rejected(m.mutation_id, "forbidden_for_role",
                                          "Devices do not write this entity.");
}

std::optional<protocol::PushResult> check_caseload(const CentralWrite& write,
                                                   const protocol::MutationEnvelope& m,
                                                   const std::optional<std::string>& client_coach) {
    if (write.device.role != domain::DeviceRole::coach) return std::nullopt;
    if (client_coach && write.device.staff_id && *client_coach == *write.device.staff_id)
        return std::nullopt;
    return protocol::PushResult::rejected(m.mutation_id, "outside_caseload",
                                          "This client is not in the coach's caseload.");
}

std::optional<protocol::PushResult> check_recorded_by(const CentralWrite& write,
                                                      const protocol::MutationEnvelope& m,
                                                      const std::string& recorded_by,
                                                      bool kiosk_allowed) {
    const bool kiosk_device = write.device.role != domain::DeviceRole::coach;
    if (recorded_by == "kiosk" && kiosk_allowed && kiosk_device) return std::nullopt;
    if (write.device.role == domain::DeviceRole::coach) {
        if (write.device.staff_id && recorded_by == *write.device.staff_id) return std::nullopt;
    } else if (write.device.role == domain::DeviceRole::desk) {
        auto q = write.db.cached("SELECT 1 FROM staff WHERE id = ? AND site_id = ?");
        q->bind_all(recorded_by, write.device.site_id);
        if (q->step()) return std::nullopt;
    }
    return protocol::PushResult::rejected(
        m.mutation_id, "recorded_by.not_site_staff",
        "recorded_by must be a staff member of this device's site (or the kiosk).");
}

}  // namespace onthaal::entities
