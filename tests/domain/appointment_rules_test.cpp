// Planning the next appointment and completing a regular one (002 §2.1.1): the rules the desk
// applies offline and central applies again.
#include "domain/appointment_rules.hpp"

#include <gtest/gtest.h>

using namespace onthaal::domain;

namespace {

ClientAppointments in_first_flow(int absences, bool last_invalid) {
    ClientAppointments c;
    c.has_appointment = c.has_first_appointment = true;
    c.first.absences = absences;
    c.first.last_absence_invalid = last_invalid;
    return c;
}

}  // namespace

TEST(AppointmentRules, UntilPresentTheNextAppointmentIsAFirstOne) {
    const ClientAppointments c = in_first_flow(1, false);
    EXPECT_TRUE(next_must_be_first(c));
    EXPECT_EQ(check_planned_appointment(c, {false, false}).reason_code,
              "appointment.must_be_first");
    EXPECT_TRUE(check_planned_appointment(c, {true, false}).allowed);
}

TEST(AppointmentRules, AfterAnInvalidAbsenceTheNextMustBeRegistered) {
    const ClientAppointments c = in_first_flow(1, true);
    EXPECT_EQ(check_planned_appointment(c, {true, false}).reason_code,
              "first_appointment.must_be_registered");
    EXPECT_TRUE(check_planned_appointment(c, {true, true}).allowed);
}

TEST(AppointmentRules, AfterPresenceOnlyRegularAppointments) {
    ClientAppointments c = in_first_flow(0, false);
    c.first.present = true;
    EXPECT_FALSE(next_must_be_first(c));
    EXPECT_EQ(check_planned_appointment(c, {true, false}).reason_code,
              "first_appointment.already_present");
    EXPECT_TRUE(check_planned_appointment(c, {false, false}).allowed);
}

// (reading) A client imported with only regular appointments is in mediation already; a client
// with no appointment at all starts with a first one.
TEST(AppointmentRules, AClientInMediationGetsRegularOnesANewClientAFirstOne) {
    ClientAppointments in_mediation;
    in_mediation.has_appointment = true;
    EXPECT_FALSE(next_must_be_first(in_mediation));
    EXPECT_EQ(check_planned_appointment(in_mediation, {true, false}).reason_code,
              "appointment.must_be_regular");
    EXPECT_TRUE(next_must_be_first(ClientAppointments{}));
}

TEST(AppointmentRules, AStoppedServicePlansNothing) {
    ClientAppointments c = in_first_flow(2, true);
    c.first.stopped = true;
    EXPECT_EQ(check_planned_appointment(c, {true, true}).reason_code, "service.stopped");
    EXPECT_EQ(check_planned_appointment(c, {false, false}).reason_code, "service.stopped");
}

TEST(AppointmentRules, ARescheduledAppointmentKeepsItsType) {
    ClientAppointments c = in_first_flow(1, true);
    c.last_rescheduled = AppointmentType{true, true};
    EXPECT_EQ(check_planned_appointment(c, {true, false}).reason_code, "reschedule.type_change");
    EXPECT_TRUE(check_planned_appointment(c, {true, true}).allowed);
}

TEST(AppointmentRules, ARegularAppointmentIsRescheduledOnlyForTheMediatorsAbsence) {
    EXPECT_EQ(check_regular_outcome(FirstOutcome::reschedule, false).reason_code,
              "reschedule.only_for_mediator_absence");
    EXPECT_TRUE(check_regular_outcome(FirstOutcome::reschedule, true).allowed);
    EXPECT_TRUE(check_regular_outcome(FirstOutcome::absent_invalid, false).allowed);
}
