// Completing the first appointment ("Eerste afspraak voor bemiddeling bij partner") and planning
// the next one after an absence. Seeds: 002 §2.1.1 and annexes 1–2; 004 §1.2 (same flow).
//
// Pure: the state goes in, the decision (and the new state) comes out; `today` is passed in.
#pragma once

#include <string_view>
#include <vector>

#include "domain/programme.hpp"
#include "domain/rule_result.hpp"

namespace onthaal::domain {

enum class FirstOutcome { present, absent_valid, absent_invalid, reschedule };

// Which absence rule a programme follows (DOMAIN.md, precisions): the flow of 002 §2.1.1 (plan
// within 7 days, registered, stop) for 002's tenders and TWE-wz (004 §1.2.1); GLOW requests a
// mediation interview at VDAB instead (001 §1.3.7: a signal, no automatic stop); TWE-art60 and
// the GOB services only record the attendance (reading: their seeds give no flow).
enum class AbsenceRule { stop_flow, request_interview, record_only };
AbsenceRule absence_rule(Programme programme);

// What the service remembers of its first-appointment history.
struct FirstAppointmentState {
    AbsenceRule rule = AbsenceRule::stop_flow;
    int absences = 0;                   // absences so far, whatever their reason
    bool last_absence_invalid = false;  // the reason of the latest absence
    bool present = false;               // completed as present: mediatorship passed to the partner
    bool stopped = false;               // stopped for absence
};

struct FirstAppointmentFacts {
    Date appointment_date;
    bool registered = false;        // this appointment was a registered ("aangetekende") one
    bool mediator_absent = false;   // for reschedule: the partner's own mediator cannot attend
    bool client_showed_up = false;  // for absences: the client was there after all
};

struct FirstAppointmentDecision {
    RuleResult result;
    FirstAppointmentState next;
    FirstOutcome recorded =
        FirstOutcome::present;  // what is recorded (a 3rd absence is recorded as invalid)
    bool next_must_be_registered = false;
    std::optional<Date> plan_before;  // the next appointment must be PLANNED by this date
    bool start_mediation_available = false;
};

// Completes the first appointment with an outcome.
FirstAppointmentDecision complete_first_appointment(const FirstAppointmentState& state,
                                                    FirstOutcome outcome,
                                                    const FirstAppointmentFacts& facts);

// Whether a next first appointment may be planned as ordinary or registered, given the history.
RuleResult check_next_first_appointment(const FirstAppointmentState& state,
                                        bool planned_registered);

// One completed first appointment of a client's history, as recorded.
struct CompletedFirstAppointment {
    FirstOutcome recorded;
    bool registered = false;
};

// The state after a client's first-appointment history, oldest first. The agent (offline) and
// central fold the same facts with the same rules, so both reach the same service state.
FirstAppointmentState fold_first_appointments(const std::vector<CompletedFirstAppointment>& history,
                                              AbsenceRule rule = AbsenceRule::stop_flow);

// Parses "present", "absent_valid", "absent_invalid", "rescheduled"/"reschedule".
std::optional<FirstOutcome> parse_first_outcome(std::string_view text);
std::string_view to_string(FirstOutcome outcome);

// Rescheduling may change address, date, time and duration, never the appointment type.
RuleResult check_reschedule_keeps_type(bool was_first, bool was_registered, bool now_first,
                                       bool now_registered);

}  // namespace onthaal::domain
