// The store reads behind the reception desk: the day's appointments with arrivals and outcomes,
// a client's first-appointment history, and the conflicts to review.
// Thread: the owner of the Database (the agent's I/O thread). Failure: StoreError.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "local_store/sqlite_database.hpp"

namespace onthaal::store {

struct DeskAppointment {
    std::string id;
    std::string starts_at;
    std::int64_t duration_min = 0;
    std::string client_id;
    std::string client_name;  // first and last name: staff see whom they receive
    std::string programme;
    std::string staff_name;
    std::string location;
    std::string kind;
    bool registered = false;
    std::optional<std::string> outcome;
    std::optional<std::string> checked_in_at;
    std::int64_t version = 0;
    std::optional<std::string> queue_number;     // the kiosk's, for a check-in (issue 15)
    std::optional<std::string> called_at;        // when the desk last called the client (UTC text)
    std::string staff_id;                        // the mediator whose appointment it is
    std::optional<std::string> client_coach_id;  // the client's own mediator
};

struct StaffMember {
    std::string id;
    std::string name;
};

struct FirstHistoryEntry {
    std::string kind;  // present, absent_valid, absent_invalid
    bool registered = false;
    std::string occurred_at;
    std::string appointment_starts_at;
};

// The open conflicts of one record: every fact this device recorded on it while central changed
// it (an offline check-in and then "present" are two facts, one conflict for the people who review
// it). What central changed is base_record (as the device first saw it) against server_record
// (central's record at the latest answer).
struct ConflictView {
    std::string id;  // the newest mutation id of the group: reviewing it reviews the group
    std::string entity;
    std::string entity_id;
    std::string reason;
    std::string detected_at;                   // when the first of them was detected
    std::vector<std::string> facts;            // what the device recorded (attendance: kinds)
    std::optional<std::string> base_record;    // central's record at the device's base version
    std::optional<std::string> server_record;  // central's record when it last answered
    std::optional<std::string> client_id;      // whom the record is about, when known here
    std::string client_name;
};

class DeskStore {
  public:
    explicit DeskStore(Database& db) : db_(db) {}

    // Appointments starting in [from, to) (UTC text), by start time.
    std::vector<DeskAppointment> appointments_between(const std::string& from,
                                                      const std::string& to);
    std::optional<DeskAppointment> appointment(const std::string& id);
    std::vector<FirstHistoryEntry> first_history(const std::string& client_id);
    // Open conflicts, one per record (desk_conflicts.cpp), oldest first.
    std::vector<ConflictView> open_conflicts();
    // The site's active staff, by name: whom an appointment can be planned with.
    std::vector<StaffMember> active_staff();
    // Marks a conflict group reviewed by a staff member: the conflict `mutation_id` and the open
    // ones of the same record detected before it (what the staff member saw; a later one stays
    // open). The facts themselves stay as recorded. False when `mutation_id` is no open conflict.
    bool mark_conflict_reviewed(const std::string& mutation_id, const std::string& staff_id,
                                const std::string& now);

  private:
    Database& db_;
};

}  // namespace onthaal::store
