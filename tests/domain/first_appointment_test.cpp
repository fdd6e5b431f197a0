// Every path of the absence flow (002 §2.1.1, annex 2; 004 §1.2), table-driven.
#include "domain/first_appointment.hpp"
#include "domain/calendar.hpp"

#include <gtest/gtest.h>

#include "tests/domain/rules_test_support.hpp"

using namespace onthaal::domain;

namespace {

struct Step {
    FirstOutcome outcome;
    bool registered;  // the appointment this step completes
    const char* expected_code;
    bool expect_next_registered;
    bool expect_stopped;
    FirstOutcome expect_recorded;
};

struct Path {
    const char* name;
    std::vector<Step> steps;
};

using O = FirstOutcome;

const Path kPaths[] = {
    {"present first time",
     {{O::present, false, "first_appointment.present", false, false, O::present}}},
    {"present at a registered appointment",
     {{O::absent_invalid, false, "first_appointment.next_registered", true, false,
       O::absent_invalid},
      {O::present, true, "first_appointment.present", false, false, O::present}}},
    {"invalid -> registered -> invalid stops",
     {{O::absent_invalid, false, "first_appointment.next_registered", true, false,
       O::absent_invalid},
      {O::absent_invalid, true, "first_appointment.service_stopped", false, true,
       O::absent_invalid}}},
    {"invalid -> registered -> valid -> registered -> valid stops",
     {{O::absent_invalid, false, "first_appointment.next_registered", true, false,
       O::absent_invalid},
      {O::absent_valid, true, "first_appointment.next_registered", true, false, O::absent_valid},
      {O::absent_valid, true, "first_appointment.service_stopped", false, true,
       O::absent_invalid}}},
    {"invalid -> registered -> valid -> registered -> invalid stops",
     {{O::absent_invalid, false, "first_appointment.next_registered", true, false,
       O::absent_invalid},
      {O::absent_valid, true, "first_appointment.next_registered", true, false, O::absent_valid},
      {O::absent_invalid, true, "first_appointment.service_stopped", false, true,
       O::absent_invalid}}},
    {"invalid -> registered -> valid -> registered -> present",
     {{O::absent_invalid, false, "first_appointment.next_registered", true, false,
       O::absent_invalid},
      {O::absent_valid, true, "first_appointment.next_registered", true, false, O::absent_valid},
      {O::present, true, "first_appointment.present", false, false, O::present}}},
    {"valid -> ordinary -> valid -> registered -> valid stops",
     {{O::absent_valid, false, "first_appointment.next_ordinary", false, false, O::absent_valid},
      {O::absent_valid, false, "first_appointment.next_registered", true, false, O::absent_valid},
      {O::absent_valid, true, "first_appointment.service_stopped", false, true,
       O::absent_invalid}}},
    {"valid -> ordinary -> invalid -> registered -> invalid stops",
     {{O::absent_valid, false, "first_appointment.next_ordinary", false, false, O::absent_valid},
      {O::absent_invalid, false, "first_appointment.next_registered", true, false,
       O::absent_invalid},
      {O::absent_invalid, true, "first_appointment.service_stopped", false, true,
       O::absent_invalid}}},
    {"valid -> ordinary -> present",
     {{O::absent_valid, false, "first_appointment.next_ordinary", false, false, O::absent_valid},
      {O::present, false, "first_appointment.present", false, false, O::present}}},
};

}  // namespace

TEST(FirstAppointment, EveryPathOfTheAbsenceFlow) {
    for (const Path& path : kPaths) {
        SCOPED_TRACE(path.name);
        FirstAppointmentState state;
        Date date = d("2026-11-23");
        for (const Step& step : path.steps) {
            const auto decision = complete_first_appointment(state, step.outcome,
                                                             {date, step.registered, false, false});
            EXPECT_TRUE(decision.result.allowed);
            EXPECT_EQ(decision.result.reason_code, step.expected_code);
            EXPECT_EQ(decision.next_must_be_registered, step.expect_next_registered);
            EXPECT_EQ(decision.next.stopped, step.expect_stopped);
            EXPECT_EQ(decision.recorded, step.expect_recorded);
            if (step.expect_stopped) {
                ASSERT_EQ(decision.result.signals.size(), 1u);
                EXPECT_EQ(decision.result.signals[0].code, "signal.service_refused_absence");
            }
            if (step.outcome != O::present && !step.expect_stopped) {
                EXPECT_EQ(decision.plan_before, add_days(date, 7))
                    << "7 calendar days to plan the next one";
                // Planning the next appointment follows the decision.
                EXPECT_EQ(check_next_first_appointment(decision.next, false).allowed,
                          !step.expect_next_registered);
                EXPECT_TRUE(check_next_first_appointment(decision.next, true).allowed);
            }
            if (step.outcome == O::present) {
                EXPECT_TRUE(decision.start_mediation_available);
                EXPECT_EQ(decision.result.due, add_days(date, 15));
            }
            state = decision.next;
            date = add_days(date, 6);
        }
    }
}

TEST(FirstAppointment, AStoppedServiceTakesNoMoreCompletionsOrPlanning) {
    FirstAppointmentState stopped;
    stopped.stopped = true;
    EXPECT_EQ(complete_first_appointment(stopped, O::present, {d("2026-11-23")}).result.reason_code,
              "service.stopped");
    EXPECT_FALSE(check_next_first_appointment(stopped, true).allowed);
}

TEST(FirstAppointment, AClientWhoShowedUpIsNeverCompletedAsAbsent) {
    FirstAppointmentFacts facts{d("2026-11-23"), true, false, true};
    const auto decision = complete_first_appointment({}, O::absent_invalid, facts);
    EXPECT_FALSE(decision.result.allowed);
    EXPECT_EQ(decision.result.reason_code, "first_appointment.client_was_present");
}

TEST(FirstAppointment, RescheduleOnlyForTheMediatorsOwnAbsenceAndNeverChangesTheType) {
    EXPECT_EQ(complete_first_appointment({}, O::reschedule, {d("2026-11-23"), false, false, false})
                  .result.reason_code,
              "reschedule.only_for_mediator_absence");
    const auto ok =
        complete_first_appointment({}, O::reschedule, {d("2026-11-23"), false, true, false});
    EXPECT_TRUE(ok.result.allowed);
    EXPECT_EQ(ok.next.absences, 0) << "a reschedule is not an absence";
    EXPECT_TRUE(check_reschedule_keeps_type(true, true, true, true).allowed);
    EXPECT_EQ(check_reschedule_keeps_type(true, true, true, false).reason_code,
              "reschedule.type_change");
    EXPECT_EQ(check_reschedule_keeps_type(true, false, false, false).reason_code,
              "reschedule.type_change");
}

TEST(FirstAppointment, AlreadyPresentCannotBeCompletedAgain) {
    FirstAppointmentState present;
    present.present = true;
    EXPECT_EQ(
        complete_first_appointment(present, O::absent_valid, {d("2026-11-23")}).result.reason_code,
        "first_appointment.already_present");
}

TEST(FirstAppointment, PlanningDeadlineCrossesMonthEnds) {
    const auto decision =
        complete_first_appointment({}, O::absent_valid, {d("2026-12-28"), false, false, false});
    EXPECT_EQ(decision.plan_before, d("2027-01-04"));
    EXPECT_EQ(decision.result.due, d("2027-01-04"));
}

// DOMAIN.md's precisions: the absence flow is 002's and TWE-wz's. GLOW asks VDAB for a mediation
// interview instead; TWE-art60 and the GOB services record the absence and nothing stops.
TEST(FirstAppointment, OnlyTheTendersOf002AndTweWzStopAServiceForAbsence) {
    EXPECT_EQ(absence_rule(Programme::tibb4), AbsenceRule::stop_flow);
    EXPECT_EQ(absence_rule(Programme::wij3), AbsenceRule::stop_flow);
    EXPECT_EQ(absence_rule(Programme::twe_wz), AbsenceRule::stop_flow);
    EXPECT_EQ(absence_rule(Programme::glow), AbsenceRule::request_interview);
    EXPECT_EQ(absence_rule(Programme::twe_art60), AbsenceRule::record_only);
    EXPECT_EQ(absence_rule(Programme::gob_gwpl), AbsenceRule::record_only);
    const std::vector<CompletedFirstAppointment> three_absences = {
        {FirstOutcome::absent_invalid, false},
        {FirstOutcome::absent_invalid, true},
        {FirstOutcome::absent_valid, true}};
    EXPECT_TRUE(fold_first_appointments(three_absences, AbsenceRule::stop_flow).stopped);
    for (const auto rule : {AbsenceRule::request_interview, AbsenceRule::record_only}) {
        const FirstAppointmentState state = fold_first_appointments(three_absences, rule);
        EXPECT_FALSE(state.stopped);
        EXPECT_EQ(state.absences, 3);
        EXPECT_TRUE(check_next_first_appointment(state, false).allowed)
            << "no registered appointment is required outside the flow";
        const auto d = complete_first_appointment(state, FirstOutcome::absent_invalid,
                                                  {Date{}, true, false, false});
        EXPECT_FALSE(d.next.stopped);
        EXPECT_EQ(d.recorded, FirstOutcome::absent_invalid);
        EXPECT_EQ(d.result.signals.size(), rule == AbsenceRule::request_interview ? 1u : 0u);
        if (!d.result.signals.empty()) {
            EXPECT_EQ(d.result.signals[0].code, "signal.request_mediation_interview");
        }
    }
}
