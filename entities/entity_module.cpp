#include "entities/entity_module.hpp"

#include "domain/time_text.hpp"

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

namespace {

// Whether `coach` had the client until a move no longer ago than `max_days`, and the fact was
// recorded before it.
bool recorded_before_handover(store::Database& db, const std::string& client_id,
                              const std::string& coach, const std::string& recorded_at,
                              const std::string& now, int max_days) {
    auto q = db.cached(
        "SELECT max(moved_at) FROM caseload_handover WHERE client_id = ? AND coach_id = ?");
    q->bind_all(client_id, coach);
    if (!q->step()) return false;
    const std::string moved = q->column_optional_text(0).value_or("");
    const domain::Instant moved_at = domain::parse_instant(moved).value_or(domain::Instant{});
    const domain::Instant recorded = domain::parse_instant(recorded_at).value_or(moved_at);
    const domain::Instant central_now = domain::parse_instant(now).value_or(moved_at);
    if (moved.empty()) return false;
    return recorded < moved_at && central_now - moved_at <= std::chrono::days(max_days);
}

}  // namespace

std::optional<protocol::PushResult> check_caseload_at(
    const CentralWrite& write, const protocol::MutationEnvelope& m, const std::string& client_id,
    const std::optional<std::string>& client_coach, const std::string& recorded_at,
    int max_offline_days) {
    auto outside = check_caseload(write, m, client_coach);
    if (outside && write.device.staff_id &&
        recorded_before_handover(write.db, client_id, *write.device.staff_id, recorded_at,
                                 write.now, max_offline_days))
        return std::nullopt;
    return outside;
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
