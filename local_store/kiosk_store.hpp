// The store operations behind the kiosk and the desk: finding an appointment by its check-in
// code or by the client's national-number hash, and recording an attendance fact.
//
// recording commits the attendance event, its outbox entry (a fresh mutation id, the
// appointment's version as base version) and an audit row in ONE transaction: the fact and its
// way to central are never separated, whatever crashes when.
// Thread: the owner of the Database (the agent's I/O thread). Failure: StoreError.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "local_store/sqlite_database.hpp"

namespace onthaal::store {

struct AppointmentView {
    std::string id;
    std::string client_id;
    std::string client_first_name;
    std::string client_language;
    std::string staff_name;
    std::string starts_at;  // UTC text
    std::int64_t duration_min = 0;
    std::string location;
    std::string kind;
    bool registered = false;
    std::optional<std::string> outcome;
    std::int64_t version = 0;
};

struct RecordedFact {
    std::string mutation_id;
    bool already_checked_in = false;  // a repeated check-in records nothing new
};

class KioskStore {
  public:
    explicit KioskStore(Database& db) : db_(db) {}

    std::optional<AppointmentView> appointment_by_code(const std::string& code);
    std::optional<AppointmentView> appointment_by_id(const std::string& id);
    // Appointments of the client with this national-number hash that start in [from, to) (UTC
    // text).
    std::vector<AppointmentView> appointments_by_national_hash(
        const std::vector<unsigned char>& hash, const std::string& from, const std::string& to);
    std::optional<std::vector<unsigned char>> national_number_key();

    // Prepare the statements of a check-in (and, for lookups, read the index pages they need) so
    // the first client after a start does not wait for SQLite to parse the schema: 2.5-4 ms
    // measured, during which the whole first burst of check-ins queued. Lookups on the
    // connection that serves requests, recording on the one that commits check-ins.
    void warm_up_lookups();
    void warm_up_recording();

    // Records a check-in unless one exists already for the appointment.
    RecordedFact record_checkin(const AppointmentView& appointment, const std::string& now,
                                const std::string& recorded_by);
    // Group commit: records several check-ins in ONE transaction (one fsync), each unless its
    // appointment is checked in already (also earlier in the same batch). All or nothing.
    std::vector<RecordedFact> record_checkins(const std::vector<AppointmentView>& appointments,
                                              const std::string& now,
                                              const std::string& recorded_by);
    // Records any attendance fact (an outcome at the desk, or a check-in).
    // `mediator_absent` travels in the payload for a reschedule (central checks the same rule).
    std::string record_attendance(const AppointmentView& appointment, const std::string& kind,
                                  const std::string& now, const std::string& recorded_by,
                                  bool mediator_absent = false);

  private:
    std::string insert_attendance(const AppointmentView& appointment, const std::string& kind,
                                  const std::string& now, const std::string& recorded_by,
                                  bool mediator_absent = false);
    Database& db_;
};

struct NewAppointment {
    std::string id;
    std::string site_id;
    std::string client_id;
    std::string staff_id;
    std::string kind;  // first or regular
    bool registered = false;
    std::string starts_at;  // UTC text
    std::int64_t duration_min = 30;
    std::string location;
    std::string checkin_code;
};

// Plans an appointment at the desk: the row and its outbox entry (entity "appointment") in one
// transaction. Returns the mutation id.
std::string plan_appointment(Database& db, const NewAppointment& a, const std::string& now,
                             const std::string& staff_id);

// A check-in code: 6 characters without 0/O, 1/I/L (read aloud and typed from paper).
std::string new_checkin_code();

// 32 hex characters: a millisecond timestamp and 80 random bits (libsodium). A mutation id nobody
// else will ever use, in time order.
std::string new_mutation_id();

}  // namespace onthaal::store
