// The JSON bodies the kiosk and desk pages send, read into typed requests before any store is
// touched: what KioskCheckin and DeskApi accept and what they refuse with 400, in one pure place
// that the handlers and the fuzz targets (fuzz/) both call.
//
// Pure: no I/O, no store, no clock. Thread: any. Failure: nothing thrown but std::bad_alloc; a
// refused body is a result carrying the 400's message (never the input: it may hold a national
// number or a password).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "domain/first_appointment.hpp"
#include "domain/time_text.hpp"

namespace onthaal::http {

template <class Request>
struct BodyRead {
    std::optional<Request> request;  // set when the body is accepted
    std::string refusal;             // otherwise: the message of the 400 bad_request
};

// POST /api/v1/kiosk/checkin: exactly one of the two is set.
struct CheckinBody {
    std::optional<std::string> code;             // at most 64 bytes, as typed or scanned
    std::optional<std::string> national_number;  // at most 32 bytes, as typed
    std::string screen;  // the kiosk screen's id (GuessLimiter), at most 64 bytes; "" when absent
};
BodyRead<CheckinBody> read_checkin_body(std::string_view body);

// POST /api/v1/desk/login
struct LoginBody {
    std::string username;
    std::string password;  // at most 512 bytes
};
BodyRead<LoginBody> read_login_body(std::string_view body);

// POST /api/v1/desk/appointments/ID/outcome
struct OutcomeBody {
    domain::FirstOutcome outcome = domain::FirstOutcome::present;
    bool mediator_absent = false;
};
BodyRead<OutcomeBody> read_outcome_body(std::string_view body);

// POST /api/v1/desk/appointments: the next appointment of a client.
struct PlanBody {
    std::string client_id;  // "" when absent: the use case answers not_found
    domain::Instant starts_at;
    std::int64_t duration_min = 30;  // 1..1440
    bool registered = false;
    std::string location;     // at most 200 bytes
    std::string staff_id;     // the mediator; "" for the signed-in staff member
    std::string late_reason;  // why past the 7-day target; "" for none (at most 500 bytes)
};
BodyRead<PlanBody> read_plan_body(std::string_view body);

}  // namespace onthaal::http
