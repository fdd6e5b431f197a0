#include "domain/first_appointment.hpp"

#include "domain/calendar.hpp"
#include "domain/time_text.hpp"

namespace onthaal::domain {
namespace {

constexpr int kPlanWithinDays = 7;  // 002 §2.1.1 "binnen de 7 dagen"; 004 §1.2

Signal service_refused_signal() {
    return {"signal.service_refused_absence",
            "Service geweigerd wegens afwezigheid (signaal naar VDAB-bemiddelaar).",
            "Service refused because of absence (signal to the VDAB mediator)."};
}

FirstAppointmentDecision present(const FirstAppointmentState& state,
                                 const FirstAppointmentFacts& facts) {
    // 002 §2.1.1 "Klant is aanwezig": a client who showed up is always completed as present, also
    // at a registered appointment; mediatorship passes to the partner and "start mediation"
    // unlocks.
    FirstAppointmentDecision d;
    d.next = state;
    d.next.present = true;
    d.recorded = FirstOutcome::present;
    d.start_mediation_available = true;
    d.result = RuleResult::allow(
        "first_appointment.present",
        "Aanwezig: het bemiddelaarschap gaat naar de partner. Eerste afsprakenblad opmaken.",
        "Present: mediatorship passes to the partner. Draw up the first agreement sheet.");
    d.result.with_due(
        add_days(facts.appointment_date, 15));  // 002 §2.2: first sheet within 15 calendar days
    return d;
}

// GLOW, TWE-art60, GOB: the absence is recorded as it is; nothing stops, nothing must be
// registered. GLOW raises its signal to VDAB (001 §1.3.7).
FirstAppointmentDecision absent_outside_the_flow(const FirstAppointmentState& state, bool invalid) {
    FirstAppointmentDecision d;
    d.next = state;
    d.next.absences = state.absences + 1;
    d.next.last_absence_invalid = invalid;
    d.recorded = invalid ? FirstOutcome::absent_invalid : FirstOutcome::absent_valid;
    if (state.rule == AbsenceRule::request_interview) {
        d.result = RuleResult::allow(
            "first_appointment.request_mediation_interview",
            "Afwezig: vraag een bemiddelingsgesprek aan bij VDAB en plan een nieuwe afspraak.",
            "Absent: request a mediation interview at VDAB and plan a new appointment.");
        d.result.with_signal({"signal.request_mediation_interview",
                              "Bemiddelingsgesprek aanvragen bij VDAB (afwezig).",
                              "Request a mediation interview at VDAB (absent)."});
        return d;
    }
    d.result = RuleResult::allow("first_appointment.absence_recorded",
                                 "Afwezigheid geregistreerd; plan een nieuwe afspraak.",
                                 "Absence recorded; plan a new appointment.");
    return d;
}

FirstAppointmentDecision absent(const FirstAppointmentState& state, bool invalid,
                                const FirstAppointmentFacts& facts) {
    if (state.rule != AbsenceRule::stop_flow) return absent_outside_the_flow(state, invalid);
    FirstAppointmentDecision d;
    d.next = state;
    d.next.absences = state.absences + 1;
    // 002 annex 2 / DOMAIN.md compact form (reading): the service stops iff an absence happens at a
    // registered appointment and (its reason is invalid or it is the third absence).
    if (facts.registered && (invalid || d.next.absences >= 3)) {
        d.next.stopped = true;
        d.next.last_absence_invalid = true;
        // 002 §2.1.1: a third absence "werk je af met 'ongeldige reden'", whatever the reason
        // given.
        d.recorded = FirstOutcome::absent_invalid;
        d.result = RuleResult::allow(
            "first_appointment.service_stopped",
            "Afwezig op een aangetekende afspraak: de service stopt automatisch.",
            "Absent at a registered appointment: the service stops automatically.");
        d.result.with_signal(service_refused_signal());
        return d;
    }
    d.next.last_absence_invalid = invalid;
    d.recorded = invalid ? FirstOutcome::absent_invalid : FirstOutcome::absent_valid;
    // Compact form (reading): next appointment is registered iff last absence invalid or absences
    // >= 2.
    d.next_must_be_registered = invalid || d.next.absences >= 2;
    d.plan_before = add_days(facts.appointment_date, kPlanWithinDays);
    d.result =
        d.next_must_be_registered
            ? RuleResult::allow("first_appointment.next_registered",
                                "Plan binnen 7 kalenderdagen een nieuwe, aangetekende afspraak.",
                                "Plan a new registered appointment within 7 calendar days.")
            : RuleResult::allow("first_appointment.next_ordinary",
                                "Plan binnen 7 kalenderdagen een nieuwe (gewone) afspraak.",
                                "Plan a new ordinary appointment within 7 calendar days.");
    d.result.with_due(*d.plan_before);
    return d;
}

}  // namespace

AbsenceRule absence_rule(Programme p) {
    switch (p) {
        case Programme::glow:
            return AbsenceRule::request_interview;
        case Programme::twe_art60:
        case Programme::gob_gwpl:
        case Programme::gob_gjc:
            return AbsenceRule::record_only;
        default:
            return AbsenceRule::stop_flow;
    }
}

FirstAppointmentDecision complete_first_appointment(const FirstAppointmentState& state,
                                                    FirstOutcome outcome,
                                                    const FirstAppointmentFacts& facts) {
    FirstAppointmentDecision denied;
    denied.next = state;
    if (state.stopped) {
        denied.result =
            RuleResult::deny("service.stopped", "De service is gestopt wegens afwezigheid.",
                             "The service was stopped because of absence.");
        return denied;
    }
    if (state.present) {
        denied.result = RuleResult::deny("first_appointment.already_present",
                                         "De eerste afspraak is al afgewerkt als aanwezig.",
                                         "The first appointment was already completed as present.");
        return denied;
    }
    switch (outcome) {
        case FirstOutcome::present:
            return present(state, facts);
        case FirstOutcome::absent_valid:
        case FirstOutcome::absent_invalid:
            if (facts.client_showed_up) {
                denied.result =
                    RuleResult::deny("first_appointment.client_was_present",
                                     "De klant was er: werk de afspraak af als aanwezig.",
                                     "The client showed up: complete the appointment as present.");
                return denied;
            }
            return absent(state, outcome == FirstOutcome::absent_invalid, facts);
        case FirstOutcome::reschedule:
            // 002 §2.1.1 "Contact herinplannen": only when the partner's own mediator cannot
            // attend; never when the client is absent.
            if (!facts.mediator_absent) {
                denied.result =
                    RuleResult::deny("reschedule.only_for_mediator_absence",
                                     "Herinplannen mag alleen als de bemiddelaar zelf afwezig is.",
                                     "Rescheduling is only for the mediator's own absence.");
                return denied;
            }
            denied.result =
                RuleResult::allow("reschedule.allowed", "Afspraak herinplannen (zelfde type).",
                                  "Reschedule the appointment (same type).");
            denied.recorded = FirstOutcome::reschedule;
            return denied;
    }
    return denied;
}

RuleResult check_next_first_appointment(const FirstAppointmentState& state,
                                        bool planned_registered) {
    if (state.stopped) {
        return RuleResult::deny("service.stopped", "De service is gestopt wegens afwezigheid.",
                                "The service was stopped because of absence.");
    }
    const bool must_be_registered = state.rule == AbsenceRule::stop_flow && state.absences > 0 &&
                                    (state.last_absence_invalid || state.absences >= 2);
    if (must_be_registered && !planned_registered) {
        return RuleResult::deny("first_appointment.must_be_registered",
                                "De volgende afspraak moet een aangetekende afspraak zijn.",
                                "The next appointment must be a registered one.");
    }
    return RuleResult::ok();
}

FirstAppointmentState fold_first_appointments(const std::vector<CompletedFirstAppointment>& history,
                                              AbsenceRule rule) {
    FirstAppointmentState state;
    state.rule = rule;
    for (const auto& done : history) {
        if (done.recorded == FirstOutcome::reschedule) continue;
        FirstAppointmentFacts facts{Date{}, done.registered, false, false};
        const auto decision = complete_first_appointment(state, done.recorded, facts);
        if (decision.result.allowed) state = decision.next;
    }
    return state;
}

std::optional<FirstOutcome> parse_first_outcome(std::string_view text) {
    if (text == "present") return FirstOutcome::present;
    if (text == "absent_valid") return FirstOutcome::absent_valid;
    if (text == "absent_invalid") return FirstOutcome::absent_invalid;
    if (text == "rescheduled" || text == "reschedule") return FirstOutcome::reschedule;
    return std::nullopt;
}

std::string_view to_string(FirstOutcome outcome) {
    switch (outcome) {
        case FirstOutcome::present:
            return "present";
        case FirstOutcome::absent_valid:
            return "absent_valid";
        case FirstOutcome::absent_invalid:
            return "absent_invalid";
        case FirstOutcome::reschedule:
            return "rescheduled";
    }
    return "present";
}

RuleResult check_reschedule_keeps_type(bool was_first, bool was_registered, bool now_first,
                                       bool now_registered) {
    if (was_first != now_first || was_registered != now_registered) {
        return RuleResult::deny("reschedule.type_change",
                                "Herinplannen verandert nooit het type afspraak.",
                                "Rescheduling never changes the appointment type.");
    }
    return RuleResult::ok();
}

}  // namespace onthaal::domain
