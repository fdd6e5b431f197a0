#include "domain/appointment_rules.hpp"

#include "domain/calendar.hpp"
#include "domain/time_text.hpp"

namespace onthaal::domain {

RuleResult check_regular_outcome(FirstOutcome outcome, bool mediator_absent) {
    if (outcome == FirstOutcome::reschedule && !mediator_absent) {
        return RuleResult::deny("reschedule.only_for_mediator_absence",
                                "Herinplannen mag alleen als de bemiddelaar zelf afwezig is.",
                                "Rescheduling is only for the mediator's own absence.");
    }
    return RuleResult::ok();
}

bool next_must_be_first(const ClientAppointments& client) {
    if (client.first.present) return false;
    return client.has_first_appointment || !client.has_appointment;
}

RuleResult check_planned_appointment(const ClientAppointments& client, AppointmentType planned) {
    if (client.first.stopped) return check_next_first_appointment(client.first, planned.registered);
    if (client.last_rescheduled) {
        const RuleResult kept = check_reschedule_keeps_type(client.last_rescheduled->first,
                                                            client.last_rescheduled->registered,
                                                            planned.first, planned.registered);
        if (!kept.allowed) return kept;
    }
    const bool first = next_must_be_first(client);
    if (first && !planned.first) {
        return RuleResult::deny(
            "appointment.must_be_first",
            "De eerste afspraak is nog niet afgewerkt als aanwezig: plan opnieuw een eerste "
            "afspraak.",
            "The first appointment was not completed as present yet: plan a first appointment.");
    }
    if (!first && planned.first) {
        if (client.first.present) {
            return RuleResult::deny("first_appointment.already_present",
                                    "De eerste afspraak is al afgewerkt als aanwezig.",
                                    "The first appointment was already completed as present.");
        }
        return RuleResult::deny("appointment.must_be_regular",
                                "Deze klant is al in bemiddeling: plan een gewone afspraak.",
                                "This client is in mediation already: plan a regular appointment.");
    }
    return first ? check_next_first_appointment(client.first, planned.registered)
                 : RuleResult::ok();
}

Date plan_due_after_absence(Date absence_day) {
    return add_days(absence_day, 7);  // 002 §2.1.1 "binnen de 7 dagen"; 004 §1.2
}

RuleResult check_plan_deadline(const ClientAppointments& client, Date planned_on, bool has_reason) {
    if (!client.plan_due || planned_on <= *client.plan_due || has_reason) return RuleResult::ok();
    const std::string due = format_date_for_people(*client.plan_due);
    return RuleResult::deny("plan.late_reason_required",
                            "De nieuwe afspraak had uiterlijk " + due +
                                " vastgelegd moeten worden (7 kalenderdagen na de afwezigheid): "
                                "geef een reden.",
                            "The next appointment was to be planned by " + due +
                                " (7 calendar days after the absence): give a reason.")
        .with_due(*client.plan_due);
}

}  // namespace onthaal::domain
