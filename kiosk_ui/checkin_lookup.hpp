// The kiosk's use case under the HTTP layer: which appointment a client checks in for, given the
// code from the invitation or the national register number, and whether its check-in window
// allows it now. Typed input, typed result; unit-testable without sockets.
//
// The national number is validated (mod 97), hashed with the site key from the device's key file
// (one argon2id, about 9 ms) and dropped: it never reaches a log or the store. Ownership: borrows
// the store. Thread: the store's owner (the agent's I/O thread). Failure: a refusal is a result;
// StoreError and KeyFileError (a damaged key file) propagate.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "domain/checkin_window.hpp"
#include "local_store/device_key_file.hpp"
#include "local_store/kiosk_store.hpp"

namespace onthaal::http {

struct CheckinQuery {
    std::optional<std::string> code;             // as typed or scanned
    std::optional<std::string> national_number;  // as typed
    domain::Instant now;
};

enum class CheckinRefusal {
    unknown_code,        // no appointment has this code
    invalid_number,      // not a valid national register number
    no_appointment_now,  // no appointment for this number in its window now
    not_ready,           // the site's hash key has not arrived from central yet
    wrong_time,          // the appointment's window does not contain now
};

struct CheckinLookup {
    std::optional<store::AppointmentView> appointment;  // set when it may be recorded
    CheckinRefusal refusal = CheckinRefusal::unknown_code;
    std::string reason_code;  // stable code for the kiosk page
    // Too early: when the window opens, "HH:MM" in Europe/Brussels, for "come back at". Only the
    // code's own holder learns it (a code lookup; by number only windows that contain now match).
    std::string come_back_at;
    // Whether the refusal counts as a failed try for the GuessLimiter (all but not_ready).
    bool counts_as_failure() const { return !appointment && refusal != CheckinRefusal::not_ready; }
};

class FindCheckin {
  public:
    // `key_file`: the device's key file, read when a client first checks in by number.
    FindCheckin(store::Database& db, domain::CheckinWindow window, std::string key_file)
        : store_(db), window_(window), keys_(std::move(key_file)) {}
    CheckinLookup run(const CheckinQuery& query);
    // Prepares the lookups' statements and index pages (KioskStore::warm_up_lookups) and loads
    // the time-zone database.
    void warm_up(domain::Instant now);

  private:
    CheckinLookup by_number(const std::string& number, domain::Instant now);
    CheckinLookup timed(store::AppointmentView appointment, domain::Instant now) const;

    store::KioskStore store_;
    domain::CheckinWindow window_;
    store::DeviceKeyFile keys_;
};

// "K7Q 2M9", "k7q-2m9" -> "K7Q2M9": printed with a space, scanned or typed with dashes.
std::string normalise_code(std::string_view raw);

}  // namespace onthaal::http
