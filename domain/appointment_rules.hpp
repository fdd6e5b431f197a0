// Completing any appointment and planning the next one: the rules the desk applies offline and
// central applies again, on its own state, to what a device pushes (002 §2.1.1, 004 §1.2).
// The first-appointment outcomes themselves are in first_appointment.hpp.
//
// Pure: the history goes in, a RuleResult comes out. Thread-safe.
#pragma once

#include <optional>

#include "domain/first_appointment.hpp"

namespace onthaal::domain {

struct AppointmentType {
    bool first = false;
    bool registered = false;
};

// What planning needs to know of a client's appointments, as the store recorded them.
struct ClientAppointments {
    FirstAppointmentState first;         // folded from the completed first appointments
    bool has_first_appointment = false;  // any first appointment, planned or completed
    bool has_appointment = false;        // any appointment at all
    std::optional<AppointmentType> last_rescheduled;  // the latest appointment, if rescheduled
    // The 7-day target (002 §2.1.1, 004 §1.2): when the latest appointment is a first appointment
    // completed as an absence, the next one is due by this day (the absence's day + 7).
    std::optional<Date> plan_due;
};

// The day the next appointment is planned ON (Europe/Brussels; not the day it falls on) against
// the 7-day target: 002 §2.1.1 "binnen de 7 kalenderdagen een nieuwe afspraak vast te leggen (De
// afspraak zelf ligt eventueel buiten die week.)". Planned later, the staff member gives a
// reason, which is recorded with the appointment (plan.late_reason_required without one).
RuleResult check_plan_deadline(const ClientAppointments& client, Date planned_on, bool has_reason);
// The day by which the next appointment is due after an absence at `absence_day`.
Date plan_due_after_absence(Date absence_day);

// The outcome of a regular (not first) appointment. 002 §2.1.1 "Contact herinplannen": rescheduling
// only when the partner's own mediator cannot attend; present and absent are always recordable.
RuleResult check_regular_outcome(FirstOutcome outcome, bool mediator_absent);

// Whether the next appointment must be a first appointment. 002 §2.1.1: until the first
// appointment is completed as present, the next one is again a first appointment.
// (reading) A client whose history holds only regular appointments was already in mediation when
// the planning was imported: the next one is regular too. A client with no appointment yet starts
// with a first appointment.
bool next_must_be_first(const ClientAppointments& client);

// A planned appointment's type against the client's history: the kind next_must_be_first asks
// for (appointment.must_be_first / first_appointment.already_present), registered when the
// absences ask for it (check_next_first_appointment), and a rescheduled appointment's type kept
// (check_reschedule_keeps_type).
RuleResult check_planned_appointment(const ClientAppointments& client, AppointmentType planned);

}  // namespace onthaal::domain
