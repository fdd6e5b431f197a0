// The attendance entity: the facts about an appointment. The kiosk records an arrival
// (`checked_in`); the desk (or a coach, for its caseload) records the one outcome (present,
// absent_valid, absent_invalid, rescheduled). Facts are append-only and never lost: central keeps
// every well-formed fact about an appointment the device may reach, and a fact based on an older
// version of the appointment becomes a conflict for review, its outcome still the appointment's.
// Central checks the same rules as the desk, on its own history of the client (002 §2.1.1).
//
// Thread: AttendanceWriter is used by the thread that owns its Database. Failure: StoreError;
// the module as in entity_module.hpp.
#pragma once

#include <vector>

#include "entities/entity_module.hpp"
#include "local_store/kiosk_store.hpp"
#include "protocol/enums.hpp"

namespace onthaal::entities {

class AttendanceEntity final : public EntityModule {
  public:
    std::string_view name() const override { return "attendance"; }
    void apply_pulled(store::Database& db, const protocol::PulledChange& change,
                      const store::DeviceIdentity& device) const override;
    std::string push_kind(const protocol::MutationEnvelope& m) const override;
    std::span<const PushPermission> push_permissions() const override;
    protocol::PushResult apply_pushed(CentralWrite& write,
                                      const protocol::MutationEnvelope& m) const override;
};

// The local writer: each fact commits together with its outbox entry (a fresh mutation id, the
// appointment's version as base version) and an audit row, in ONE transaction, so the fact and
// its way to central are never separated, whatever crashes when.
class AttendanceWriter {
  public:
    // `queue_prefix`: the letters before this device's queue numbers (the setting queue_prefix);
    // empty: the letter central gave this kiosk device in its hello, if any.
    explicit AttendanceWriter(store::Database& db, std::string queue_prefix = "")
        : db_(db), queue_prefix_(std::move(queue_prefix)) {}

    // Prepares the statements of a check-in, so the first client after a start does not wait
    // for SQLite to parse the schema (2.5-4 ms measured, during which the first burst queued).
    void warm_up();
    // Records a check-in unless one exists already for the appointment.
    store::RecordedFact record_checkin(const store::AppointmentView& appointment,
                                       const std::string& now, const std::string& recorded_by);
    // Group commit: several check-ins in ONE transaction (one fsync), each unless its appointment
    // is checked in already (also earlier in the same batch). All or nothing. Each new check-in
    // takes the next queue number of its Brussels day in the same transaction; a repeated one
    // answers the number it got the first time.
    std::vector<store::RecordedFact> record_checkins(
        const std::vector<store::AppointmentView>& appointments, const std::string& now,
        const std::string& recorded_by);
    // Records any fact (an outcome at the desk, or a check-in); an outcome also becomes the
    // appointment's outcome. `mediator_absent` travels with a reschedule (central checks it too).
    std::string record_attendance(const store::AppointmentView& appointment,
                                  protocol::AttendanceKind kind, const std::string& now,
                                  const std::string& recorded_by, bool mediator_absent = false);

  private:
    std::string insert_fact(const store::AppointmentView& appointment,
                            protocol::AttendanceKind kind, const std::string& now,
                            const std::string& recorded_by, bool mediator_absent,
                            const std::optional<std::string>& queue_number);
    std::string next_queue_number(const store::AppointmentView& appointment,
                                  const std::string& now);
    store::Database& db_;
    std::string queue_prefix_;
};

}  // namespace onthaal::entities
