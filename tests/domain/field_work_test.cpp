// A coach's field work and what the rules make of it (domain/field_work.hpp): the GBVS's 800
// hours over 8 months (000), community service's 32 to 64 hours a month (001 §1.2), the TWE
// evaluation every 6 months and once per action with the POP updated (003), and overdue
// assignments: what the coach's page shows as bars and warnings, and what it refuses.
#include <gtest/gtest.h>

#include "domain/field_work.hpp"
#include "tests/domain/rules_test_support.hpp"

using namespace onthaal::domain;
using K = ServiceFactKind;

namespace {

ServiceHistory started(Programme p, const char* referred, const char* start) {
    ServiceHistory h;
    h.programme = p;
    h.referred_on = d(referred);
    h.first_appointment_planned = true;
    h.first.present = true;
    h.first_presence = d(referred);
    ServiceFact s;
    s.id = "start";
    s.kind = K::mediation_started;
    s.on = d(start);
    h.facts.push_back(s);
    return h;
}

ServiceFact line(const char* id, TrainingCode code, const char* from, const char* to) {
    ServiceFact f;
    f.id = id;
    f.kind = K::training_line;
    f.code = code;
    f.on = d(from);
    f.until = d(to);
    return f;
}

StageHoursEntry hours(const char* line_id, const char* on, double h, const char* at = "") {
    static int n = 0;
    return {"h" + std::to_string(++n),
            line_id,
            d(on),
            h,
            *at ? std::string(at) : "2026-01-01T00:00:" + std::to_string(10 + n % 50) + "Z",
            ""};
}

// A G-WPL service with its 953070 line and a GBVS line from 5 January to 31 August 2026.
ServiceHistory gbvs_service() {
    ServiceHistory h = started(Programme::gob_gwpl, "2026-01-02", "2026-01-02");
    h.facts.push_back(
        line("l-953070", TrainingCode::gob_specialised_953070, "2026-01-02", "2026-12-31"));
    h.facts.push_back(line("gbvs", TrainingCode::gbvs_stage, "2026-01-05", "2026-08-31"));
    return h;
}

// `total` hours spread over days from 5 January, 8 a day.
FieldWork worked(double total) {
    FieldWork w;
    Date day = d("2026-01-05");
    for (double left = total; left > 0; left -= 8) {
        w.hours.push_back(hours("gbvs", format_date(day).c_str(), std::min(8.0, left)));
        day = std::chrono::sys_days(day) + std::chrono::days(1);
    }
    return w;
}

bool has(const std::vector<RuleResult>& notices, const std::string& code) {
    for (const auto& n : notices)
        if (n.reason_code == code) return true;
    return false;
}

}  // namespace

TEST(FieldWork, GbvsHoursCountEachDayOnceAndStopAt800) {
    const ServiceHistory h = gbvs_service();
    FieldWork w = worked(792);
    const Date today = d("2026-06-01");
    const auto near = check_stage_hours(h, w, hours("gbvs", "2026-05-29", 8), today);
    EXPECT_TRUE(near.allowed);
    EXPECT_EQ(near.reason_code, "stage_hours.gbvs_near_800");
    w.hours.push_back(hours("gbvs", "2026-05-29", 8));
    EXPECT_EQ(derive_field_progress(h, w, today).gbvs->hours, 800);
    const auto over = check_stage_hours(h, w, hours("gbvs", "2026-05-30", 1), today);
    EXPECT_FALSE(over.allowed);
    EXPECT_EQ(over.reason_code, "stage_hours.gbvs_over_800");
    // A correction of a day already counted replaces it: lowering the 29th makes room again.
    const auto corrected =
        check_stage_hours(h, w, hours("gbvs", "2026-05-29", 4, "2026-06-01T09:00:00Z"), today);
    EXPECT_TRUE(corrected.allowed);
    w.hours.push_back(hours("gbvs", "2026-05-29", 4, "2026-06-01T09:00:00Z"));
    EXPECT_EQ(line_hours(w, "gbvs"), 796);
    // A correction naming the entry it replaces stands, even recorded in the same second (or on a
    // clock behind): 2 hours, not the 4 it replaced.
    StageHoursEntry fix = hours("gbvs", "2026-05-29", 2, "2026-06-01T08:00:00Z");
    fix.replaces = w.hours.back().id;
    w.hours.push_back(fix);
    EXPECT_EQ(line_hours(w, "gbvs"), 794);
}

TEST(FieldWork, HoursMustFallOnARealDayOfTheLine) {
    const ServiceHistory h = gbvs_service();
    const FieldWork w;
    const Date today = d("2026-03-10");
    EXPECT_EQ(check_stage_hours(h, w, hours("gbvs", "2026-01-04", 4), today).reason_code,
              "stage_hours.outside_line");
    EXPECT_EQ(check_stage_hours(h, w, hours("gbvs", "2026-03-11", 4), today).reason_code,
              "service.date_in_future");
    EXPECT_EQ(check_stage_hours(h, w, hours("gbvs", "2026-03-09", 13), today).reason_code,
              "stage_hours.out_of_range");
    EXPECT_EQ(check_stage_hours(h, w, hours("nope", "2026-03-09", 4), today).reason_code,
              "stage_hours.unknown_line");
    EXPECT_TRUE(check_stage_hours(h, w, hours("gbvs", "2026-03-09", 7.5), today).allowed);
}

TEST(FieldWork, GbvsBarShowsHoursAndMonthsAndWarnsNearTheEnd) {
    const ServiceHistory h = gbvs_service();
    const FieldWork w = worked(400);
    const auto early = derive_field_progress(h, w, d("2026-03-01"));
    ASSERT_TRUE(early.gbvs);
    EXPECT_EQ(early.gbvs->hours, 400);
    EXPECT_EQ(format_date(early.gbvs->last_allowed_day), "2026-09-04");
    EXPECT_EQ(early.gbvs->days_used, 56);
    EXPECT_FALSE(has(early.notices, "stage_hours.gbvs_near_8_months"));
    const auto late = derive_field_progress(h, w, d("2026-08-20"));
    EXPECT_TRUE(has(late.notices, "stage_hours.gbvs_near_8_months"));
    EXPECT_FALSE(has(late.notices, "stage_hours.gbvs_near_800"));
    EXPECT_TRUE(has(derive_field_progress(h, worked(720), d("2026-04-01")).notices,
                    "stage_hours.gbvs_near_800"));
}

TEST(FieldWork, CommunityServiceMonthsWarnWhenShortOrNearTheMaximum) {
    ServiceHistory h = started(Programme::glow, "2026-01-02", "2026-01-05");
    ServiceFact wes = line("wes", TrainingCode::work_experience_953081, "2026-02-01", "2026-12-31");
    wes.place = PlaceKind::school;
    h.facts.push_back(wes);
    FieldWork w;
    w.hours.push_back(hours("wes", "2026-02-03", 6));  // February: 6 hours only
    for (const char* day : {"2026-03-02", "2026-03-03", "2026-03-04"})
        w.hours.push_back(hours("wes", day, 4));  // March so far: 12 hours by the 15th
    const auto p = derive_field_progress(h, w, d("2026-03-15"));
    ASSERT_EQ(p.community.size(), 2u);
    EXPECT_EQ(p.community[0].hours, 6);
    EXPECT_TRUE(p.community[1].current);
    EXPECT_NEAR(p.community[1].projected, 12.0 / 15 * 31, 0.01);
    EXPECT_TRUE(has(p.notices, "community_service.month_short"));
    EXPECT_TRUE(has(p.notices, "community_service.month_out_of_range"));  // February
    for (int day = 5; day <= 14; ++day)
        w.hours.push_back(
            hours("wes",
                  format_date(std::chrono::sys_days(d("2026-03-01")) + std::chrono::days(day - 1))
                      .c_str(),
                  4.8));
    const auto full = derive_field_progress(h, w, d("2026-03-15"));
    EXPECT_TRUE(has(full.notices, "community_service.month_near_64"));
    EXPECT_FALSE(has(full.notices, "community_service.month_short"));
    // At a company a WES is no community service: no months, no warnings.
    h.facts.back().place = PlaceKind::company;
    EXPECT_TRUE(derive_field_progress(h, w, d("2026-03-15")).community.empty());
}

TEST(FieldWork, TweEvaluatesEverySixMonthsAndEveryActionWithThePopUpdated) {
    ServiceHistory h = started(Programme::twe_wz, "2026-01-02", "2026-01-10");
    h.facts.push_back(
        line("bvs", TrainingCode::occupational_exploration_953030, "2026-02-01", "2026-03-31"));
    // Contract days go on (a TWE without them for 2 months is due to close, 004 §3).
    h.facts.push_back(
        line("wes", TrainingCode::work_experience_953081, "2026-04-01", "2026-12-31"));
    FieldWork w;
    const auto overdue = derive_field_progress(h, w, d("2026-07-11"));
    ASSERT_TRUE(overdue.evaluation_due);
    EXPECT_EQ(format_date(*overdue.evaluation_due), "2026-07-10");
    EXPECT_TRUE(has(overdue.notices, "twe.evaluation_overdue"));
    EXPECT_TRUE(has(overdue.notices, "twe.action_not_evaluated"));
    w.visits.push_back({"v1", VisitKind::evaluation, d("2026-03-30"), 60, "bvs", false});
    const auto evaluated = derive_field_progress(h, w, d("2026-07-11"));
    ASSERT_TRUE(evaluated.evaluation_due);
    EXPECT_EQ(format_date(*evaluated.evaluation_due), "2026-09-30");
    EXPECT_FALSE(has(evaluated.notices, "twe.evaluation_overdue"));
    EXPECT_FALSE(has(evaluated.notices, "twe.action_not_evaluated"));
    EXPECT_TRUE(has(evaluated.notices, "twe.development_plan_not_updated"));
    w.visits.back().development_plan_updated = true;
    EXPECT_FALSE(has(derive_field_progress(h, w, d("2026-07-11")).notices,
                     "twe.development_plan_not_updated"));
    // GLOW has no such rhythm.
    h.programme = Programme::glow;
    EXPECT_FALSE(derive_field_progress(h, FieldWork{}, d("2026-07-11")).evaluation_due);
}

TEST(FieldWork, VisitsAreCheckedForDurationKindAndAClosedService) {
    ServiceHistory h = started(Programme::twe_wz, "2026-01-02", "2026-01-10");
    h.facts.push_back(
        line("bvs", TrainingCode::occupational_exploration_953030, "2026-02-01", "2026-03-31"));
    const Date today = d("2026-03-10");
    WorkplaceVisit v{"v", VisitKind::follow_up, d("2026-03-09"), 45, "", false};
    EXPECT_TRUE(check_visit(h, v, today).allowed);
    v.duration_min = 0;
    EXPECT_EQ(check_visit(h, v, today).reason_code, "visit.duration_out_of_range");
    v.duration_min = 45;
    v.action_id = "bvs";
    EXPECT_EQ(check_visit(h, v, today).reason_code, "visit.evaluation_fields");
    v.kind = VisitKind::evaluation;
    EXPECT_TRUE(check_visit(h, v, today).allowed);
    v.action_id = "other";
    EXPECT_EQ(check_visit(h, v, today).reason_code, "evaluation.unknown_action");
    // A TWE-wz referred more than 24 months and a month ago is closed (004 §3): no more visits.
    h.referred_on = d("2024-01-02");
    v.action_id = "";
    EXPECT_EQ(check_visit(h, v, today).reason_code, "service.closed");
}

TEST(FieldWork, OverdueAssignmentsAndPlansOfUnknownSheets) {
    ServiceHistory h = started(Programme::tibb4, "2026-01-02", "2026-01-10");
    ServiceFact sheet;
    sheet.id = "sheet";
    sheet.kind = K::agreement_sheet;
    sheet.on = d("2026-01-08");
    h.facts.push_back(sheet);
    WorkPlan plan{
        "sheet", {"CV bijwerken"}, {{"Solliciteer bij 3 werkgevers", d("2026-02-01"), false}}};
    EXPECT_TRUE(check_work_plan(h, plan).allowed);
    FieldWork w;
    w.plans.push_back(plan);
    EXPECT_TRUE(has(derive_field_progress(h, w, d("2026-02-02")).notices, "assignment.overdue"));
    EXPECT_FALSE(has(derive_field_progress(h, w, d("2026-02-01")).notices, "assignment.overdue"));
    w.plans.back().assignments.back().done = true;
    EXPECT_FALSE(has(derive_field_progress(h, w, d("2026-02-02")).notices, "assignment.overdue"));
    plan.sheet_id = "nope";
    EXPECT_EQ(check_work_plan(h, plan).reason_code, "agreement_sheet.unknown");
    plan.sheet_id = "sheet";
    plan.work_points.push_back("");
    EXPECT_EQ(check_work_plan(h, plan).reason_code, "work_plan.blank_text");
}
