// The appointment entity. Central plans most appointments (the import); the desk or a coach plans
// the next one, and central checks that plan again on its own history of the client (002 §2.1.1:
// the kind, the registered flag, a rescheduled appointment's type). Pulled appointments replace the
// local row; an outcome the device recorded and central did not refuse stays visible on top (the
// one outcome per appointment, also after a conflict).
// Thread and failure: see entity_module.hpp. The free functions run in the caller's transaction
// (plan_appointment makes its own); central_appointment throws std::out_of_range for an unknown id.
#pragma once

#include <vector>

#include "domain/appointment_rules.hpp"
#include "entities/entity_module.hpp"
#include "protocol/records.hpp"

namespace onthaal::entities {

class AppointmentEntity final : public EntityModule {
  public:
    std::string_view name() const override { return "appointment"; }
    void apply_pulled(store::Database& db, const protocol::PulledChange& change,
                      const store::DeviceIdentity& device) const override;
    std::string push_kind(const protocol::MutationEnvelope& m) const override;
    std::span<const PushPermission> push_permissions() const override;
    protocol::PushResult apply_pushed(CentralWrite& write,
                                      const protocol::MutationEnvelope& m) const override;
};

// Agent, the local writer: the appointment row and its "appointment" mutation in one transaction,
// audited as planned by `staff_id`. Returns the mutation id.
std::string plan_appointment(store::Database& db, const protocol::AppointmentRecord& a,
                             const std::string& site_id, const std::string& now,
                             const std::string& staff_id);

// Both stores (their appointment and attendance_event tables have the same shape): what planning
// and completing need of a client's history, oldest first. On the agent, a fact central refused
// (its outbox row quarantined) is no part of the history: central never kept it.
enum class StoreKind { central, agent };
// `since`: only appointments starting at or after this UTC text (a service's referral day).
std::vector<domain::CompletedFirstAppointment> first_history(store::Database& db,
                                                             const std::string& client_id,
                                                             StoreKind store = StoreKind::central,
                                                             const std::string& since = "");
// Which first appointments count for the client's current service, and under which absence
// rule: those since the referral of its newest service, under that service's programme (the
// client's programme when it has none yet). Agent and central ask it alike.
struct FirstAppointmentWindow {
    std::string since;  // UTC text of the referral day's start; "" for all
    domain::AbsenceRule rule = domain::AbsenceRule::stop_flow;
};
FirstAppointmentWindow first_appointment_window(store::Database& db, const std::string& client_id);
// The client's first-appointment state under its programme's absence rule (AbsenceRule).
domain::FirstAppointmentState first_appointment_state(store::Database& db,
                                                      const std::string& client_id,
                                                      StoreKind store = StoreKind::central);
domain::ClientAppointments client_appointments(store::Database& db, const std::string& client_id,
                                               StoreKind store = StoreKind::central);

// Central: the record as devices receive it, the record as it was at `version` (from the change
// feed, for a conflict's review), and publishing it to the site's devices.
protocol::AppointmentRecord central_appointment(store::Database& db, const std::string& id);
// The columns central_appointment reads (of `appointment a`), and the record from them starting at
// column `first` of a row: for a query that joins more, in one statement.
inline constexpr const char* kCentralAppointmentColumns =
    "a.id, a.client_id, a.staff_id, a.kind, a.registered, a.starts_at, a.duration_min, "
    "a.location, a.checkin_code, a.outcome, a.version, a.late_reason";
protocol::AppointmentRecord appointment_from_row(const store::Statement& q, int first);
std::optional<nlohmann::json> central_appointment_at(store::Database& db, const std::string& id,
                                                     std::int64_t version);
void publish_appointment(store::Database& db, const std::string& site_id, const std::string& id);
// Publishes again the client's appointments without an outcome: their kiosk views carry the
// client's current first name and hash.
void republish_open_appointments(store::Database& db, const std::string& site_id,
                                 const std::string& client_id);

}  // namespace onthaal::entities
