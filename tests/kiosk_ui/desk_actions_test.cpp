// The desk's use cases without sockets: completing and planning on a real agent store, under the
// same rules central applies again.
#include "kiosk_ui/desk_actions.hpp"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "domain/checkin_code.hpp"
#include "local_store/store_open.hpp"
#include "tests/support/temp_dir.hpp"

using namespace onthaal;
using http::ActionStatus;

namespace {

domain::Instant at(const char* text) {
    return *domain::parse_instant(text);
}

class DeskActions : public ::testing::Test {
  protected:
    void SetUp() override {
        db.exec(
            "INSERT INTO site (id, name, province) VALUES ('s1', 'Site', 'O');"
            "INSERT INTO staff_account (id, site_id, name) VALUES ('st1', 's1', 'Els');"
            "INSERT INTO client (id, site_id, first_name, last_name, language, programme) VALUES"
            " ('c1', 's1', 'Amina', 'B', 'ar', 'TIBB4'), ('c2', 's1', 'Koen', 'D', 'nl', 'GLOW');"
            "INSERT INTO appointment (id, site_id, client_id, staff_id, kind, starts_at,"
            " duration_min, checkin_code, version) VALUES"
            " ('a1', 's1', 'c1', 'st1', 'first', '2026-11-23T08:30:00Z', 30, 'AAAA22', 1),"
            " ('a2', 's1', 'c2', 'st1', 'regular', '2026-11-23T09:00:00Z', 30, 'BBBB22', 1);");
    }
    http::CompleteOutcome complete(const std::string& id, domain::FirstOutcome outcome) {
        return http::CompleteAppointment(db).run(
            {id, outcome, false, "st1", at("2026-11-23T09:40:00Z")});
    }
    http::PlanOutcome plan_on(const char* planned_at, const std::string& client,
                              const char* starts_at, const std::string& reason) {
        return http::PlanAppointment(db).run(
            {client, at(starts_at), 30, false, "Room 2", "st1", "", reason, at(planned_at)});
    }
    http::PlanOutcome plan(const std::string& client, bool registered,
                           const char* starts_at = "2026-11-25T09:00:00Z",
                           const std::string& mediator = "", const std::string& reason = "") {
        return http::PlanAppointment(db).run({client, at(starts_at), 30, registered, "Room 2",
                                              "st1", mediator, reason, at("2026-11-23T09:40:00Z")});
    }
    test_support::TempDir dir;
    store::Database db = store::open_agent_store(dir.file("a.db"));
};

}  // namespace

TEST_F(DeskActions, CompletingRecordsTheFactWithItsOutboxEntryAndOnlyOnce) {
    const auto done = complete("a1", domain::FirstOutcome::present);
    ASSERT_EQ(done.status, ActionStatus::done);
    EXPECT_EQ(done.result.reason_code, "first_appointment.present");
    EXPECT_EQ(db.query_text("SELECT outcome FROM appointment WHERE id = 'a1'"), "present");
    const auto payload = nlohmann::json::parse(
        db.query_text("SELECT payload FROM outbox WHERE entity = 'attendance'"));
    EXPECT_EQ(payload["kind"], "present");
    EXPECT_EQ(payload["recorded_by"], "st1");

    const auto again = complete("a1", domain::FirstOutcome::absent_invalid);
    EXPECT_EQ(again.status, ActionStatus::refused);
    EXPECT_EQ(again.result.reason_code, "appointment.already_completed");
    EXPECT_EQ(db.query_int64("SELECT count(*) FROM outbox"), 1);
    EXPECT_EQ(complete("nope", domain::FirstOutcome::present).status, ActionStatus::not_found);
}

TEST_F(DeskActions, ARegularAppointmentIsNotRescheduledWithoutTheMediatorsAbsence) {
    const auto r = complete("a2", domain::FirstOutcome::reschedule);
    EXPECT_EQ(r.status, ActionStatus::refused);
    EXPECT_EQ(r.result.reason_code, "reschedule.only_for_mediator_absence");
    EXPECT_EQ(db.query_int64("SELECT count(*) FROM outbox"), 0);
}

TEST_F(DeskActions, PlanningChoosesTheKindTheHistoryAsksFor) {
    ASSERT_EQ(complete("a1", domain::FirstOutcome::absent_invalid).status, ActionStatus::done);
    const auto unregistered = plan("c1", false);
    EXPECT_EQ(unregistered.status, ActionStatus::refused);
    EXPECT_EQ(unregistered.result.reason_code, "first_appointment.must_be_registered");
    const auto registered = plan("c1", true);
    ASSERT_EQ(registered.status, ActionStatus::done);
    EXPECT_TRUE(registered.first);
    // The invitation's code: 9 characters with a check character (domain/checkin_code.hpp).
    EXPECT_EQ(domain::check_checkin_code(registered.checkin_code), domain::CodeCheck::valid)
        << registered.checkin_code;
    const auto regular = plan("c2", false);  // in mediation already: regular
    ASSERT_EQ(regular.status, ActionStatus::done);
    EXPECT_FALSE(regular.first);
    EXPECT_EQ(db.query_int64("SELECT count(*) FROM outbox WHERE entity = 'appointment'"), 2);
    EXPECT_EQ(plan("nobody", false).status, ActionStatus::not_found);
}

// 002 §2.1.1: after an absence the next appointment is due within 7 days; later asks for a reason,
// kept in the plan's mutation for central. Once planned, the "plan before" line goes.
TEST_F(DeskActions, APlanMadePastTheSevenDayTargetNeedsAReasonWhichIsKept) {
    ASSERT_EQ(complete("a1", domain::FirstOutcome::absent_valid).status, ActionStatus::done);
    // Planned on the day of the absence, the appointment may fall weeks later (002 §2.1.1: "De
    // afspraak zelf ligt eventueel buiten die week").
    EXPECT_EQ(plan("c1", false, "2026-12-20T09:00:00Z").status, ActionStatus::done);
    db.exec("DELETE FROM appointment WHERE id != 'a1'");
    // Planned on 1 December, past the 30 November target, even for the next morning.
    const auto late = plan_on("2026-12-01T09:00:00Z", "c1", "2026-12-02T09:00:00Z", "");
    EXPECT_EQ(late.status, ActionStatus::refused);
    EXPECT_EQ(late.result.reason_code, "plan.late_reason_required");
    EXPECT_EQ(plan_on("2026-12-01T09:00:00Z", "c1", "2026-12-02T09:00:00Z", "   ").status,
              ActionStatus::refused)
        << "a reason of spaces only";
    db.exec("DELETE FROM outbox WHERE entity = 'appointment'");
    const auto kept =
        plan_on("2026-12-01T09:00:00Z", "c1", "2026-12-02T09:00:00Z", "Klant in het ziekenhuis");
    ASSERT_EQ(kept.status, ActionStatus::done);
    const auto payload = nlohmann::json::parse(
        db.query_text("SELECT payload FROM outbox WHERE entity = 'appointment'"));
    EXPECT_EQ(payload["late_reason"], "Klant in het ziekenhuis");
    const auto today = http::ListToday(db).run(at("2026-11-23T10:00:00Z"));
    ASSERT_FALSE(today.rows.empty());
    for (const auto& row : today.rows)
        for (const auto& g : row.guidance)
            EXPECT_NE(g.reason_code, "guidance.plan_ordinary") << "stale line after planning";
}

TEST_F(DeskActions, ThePlannedAppointmentGoesToTheChosenMediatorOfTheSite) {
    db.exec(
        "INSERT INTO staff_account (id, site_id, name) VALUES ('st2', 's1', 'Jan');"
        "INSERT INTO site (id, name, province) VALUES ('s2', 'Other', 'A');"
        "INSERT INTO staff_account (id, site_id, name) VALUES ('st9', 's2', 'Elders');");
    EXPECT_EQ(plan("c2", false, "2026-11-25T09:00:00Z", "st9").result.reason_code,
              "plan.unknown_mediator");
    const auto done = plan("c2", false, "2026-11-25T09:00:00Z", "st2");
    ASSERT_EQ(done.status, ActionStatus::done);
    EXPECT_EQ(
        db.query_text("SELECT staff_id FROM appointment WHERE id = '" + done.appointment_id + "'"),
        "st2");
}

// 002 §3.2: the residence and work-permit check is a fact of the day: the row, its outbox entry
// and an audit row together; ticked again the same day, it is recorded once.
TEST_F(DeskActions, TheResidenceCheckIsRecordedOncePerClientPerDayWithItsOutboxEntry) {
    EXPECT_TRUE(http::CheckResidence(db).run("c1", "st1", at("2026-11-23T09:40:00Z")));
    EXPECT_TRUE(http::CheckResidence(db).run("c1", "st1", at("2026-11-23T15:00:00Z")));
    EXPECT_FALSE(http::CheckResidence(db).run("nobody", "st1", at("2026-11-23T09:40:00Z")));
    EXPECT_EQ(db.query_int64("SELECT count(*) FROM residence_check WHERE client_id = 'c1' AND "
                             "checked_on = '2026-11-23' AND checked_by = 'st1'"),
              1);
    const auto payload = nlohmann::json::parse(
        db.query_text("SELECT payload FROM outbox WHERE entity = 'residence_check'"));
    EXPECT_EQ(payload["checked_on"], "2026-11-23");
    EXPECT_EQ(db.query_int64("SELECT count(*) FROM audit_log WHERE action = "
                             "'residence_check.recorded'"),
              1);
    const auto today = http::ListToday(db).run(at("2026-11-23T16:00:00Z"));
    for (const auto& row : today.rows)
        EXPECT_EQ(row.residence_checked, row.appointment.client_id == "c1");
    // The next day asks again.
    for (const auto& row : http::ListToday(db).run(at("2026-11-24T08:00:00Z")).rows)
        EXPECT_FALSE(row.residence_checked);
}
