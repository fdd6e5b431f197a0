// The store reads behind the kiosk: finding an appointment by its check-in code or by the
// client's national-number hash. Recording a fact is the attendance entity's local writer
// (entities/attendance_entity.hpp); the ids facts are recorded under are made here.
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
    std::string queue_number;         // of a check-in; "" for one recorded before numbers
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

    // Prepares the statements of a check-in lookup and reads the index pages they need, so the
    // first client after a start does not wait for SQLite to parse the schema: 2.5-4 ms measured,
    // during which the whole first burst of check-ins queued. (Recording warms up in
    // entities::AttendanceWriter, on the connection that commits check-ins.)
    void warm_up_lookups();

    // A kiosk holds only what check-in needs (issue 12, item 4): drops the appointments that
    // started before `before` (UTC text), the clients left without one, and conflicts and
    // set-aside changes from before then; clears what a store from before the kiosk view held
    // (last names, programmes, coaches, sign-in data, set-aside client and staff records), and
    // then rewrites the file (VACUUM) so none of it stays in free pages or the WAL. Attendance
    // facts stay (append-only; they carry no name). Call it when no other connection writes
    // (at start, before the sync worker; then hourly, when VACUUM is not needed). Returns the
    // appointments dropped.
    std::int64_t keep_only_checkin_data(const std::string& before);

  private:
    Database& db_;
};

// 32 hex characters: a millisecond timestamp and 80 random bits (libsodium). A mutation id nobody
// else will ever use, in time order.
std::string new_mutation_id();

}  // namespace onthaal::store
