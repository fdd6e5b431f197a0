// A service's state from referral to closing, derived from its facts (domain/service_state.hpp):
// the paths issue 13's acceptance names, one programme at a time, and the checks that refuse a
// fact with the reason the desk and central both give.
#include <gtest/gtest.h>

#include "domain/service_state.hpp"
#include "tests/domain/rules_test_support.hpp"

using namespace onthaal::domain;
using K = ServiceFactKind;

namespace {

// A history whose first appointment was completed as present on `presence`.
ServiceHistory present_on(Programme p, const char* referred, const char* presence) {
    ServiceHistory h;
    h.programme = p;
    h.referred_on = d(referred);
    h.first_appointment_planned = true;
    h.first.present = true;
    h.first_presence = d(presence);
    return h;
}

ServiceFact fact(K kind, const char* on, std::string id = "") {
    ServiceFact f;
    f.kind = kind;
    f.on = d(on);
    f.id = id.empty() ? std::string(to_string(kind)) + on : id;
    return f;
}

ServiceFact line(TrainingCode code, const char* from, const char* to, double hours) {
    ServiceFact f = fact(K::training_line, from);
    f.code = code;
    f.until = d(to);
    f.hours = hours;
    return f;
}

// Records `f` if the rules allow it today; returns the rule's answer.
RuleResult record(ServiceHistory& h, ServiceFact f, const char* today) {
    const RuleResult r = check_service_fact(h, f, d(today));
    if (r.allowed) h.facts.push_back(std::move(f));
    return r;
}

bool has_notice(const ServiceState& s, const std::string& code) {
    for (const auto& n : s.notices)
        if (n.reason_code == code) return true;
    return false;
}

void passive_months(ServiceHistory& h, int year, unsigned from, unsigned to) {
    for (unsigned m = from; m <= to; ++m)
        h.categories.push_back({std::chrono::year(year) / std::chrono::month(m), true});
}

}  // namespace

TEST(ServiceState, Tibb4FromPresenceToClosingForThreePassiveMonthEnds) {
    ServiceHistory h = present_on(Programme::tibb4, "2026-01-05", "2026-01-12");
    h.tender.max_duration_months = 12;
    EXPECT_EQ(derive_service_state(h, d("2026-01-12")).stage, ServiceStage::present);
    EXPECT_EQ(record(h, fact(K::mediation_started, "2026-01-12"), "2026-01-12").reason_code,
              "mediation.requires_sheet_and_next_contact");
    ServiceFact sheet = fact(K::agreement_sheet, "2026-01-20", "sheet1");
    sheet.next_contact = d("2026-02-03");
    ASSERT_TRUE(record(h, sheet, "2026-01-20").allowed);
    auto s = derive_service_state(h, d("2026-01-20"));
    EXPECT_EQ(s.first_sheet_due, d("2026-01-27"));
    EXPECT_TRUE(has_notice(s, "agreement_sheet.due"));
    EXPECT_TRUE(has_notice(derive_service_state(h, d("2026-01-28")), "agreement_sheet.overdue"));
    ServiceFact signed_ = fact(K::agreement_sheet_signed, "2026-01-27");
    signed_.refers_to = "sheet1";
    EXPECT_EQ(record(h, signed_, "2026-01-27").reason_code, "ok");
    EXPECT_EQ(record(h, signed_, "2026-01-27").reason_code, "agreement_sheet.already_signed");
    ASSERT_TRUE(record(h, fact(K::mediation_started, "2026-02-01"), "2026-02-01").allowed);
    ASSERT_TRUE(record(h, line(TrainingCode::remediation_953082, "2026-02-10", "2026-05-10", 120),
                       "2026-02-05")
                    .allowed);
    // Passive at the ends of March, April and May: 3 in a row, but before 6 months of mediation.
    passive_months(h, 2026, 3, 5);
    EXPECT_EQ(derive_service_state(h, d("2026-06-15")).stage, ServiceStage::mediation_started);
    h.categories.push_back({std::chrono::year(2026) / std::chrono::June, false});
    passive_months(h, 2026, 7, 7);
    EXPECT_EQ(derive_service_state(h, d("2026-08-01")).stage, ServiceStage::mediation_started)
        << "an active June broke the run";
    h.categories.pop_back();
    h.categories.pop_back();
    passive_months(h, 2026, 6, 7);  // passive at the ends of May, June and July
    s = derive_service_state(h, d("2026-08-01"));
    ASSERT_EQ(s.stage, ServiceStage::to_close);
    EXPECT_EQ(s.closing_reason, ClosingReason::passive_category_3x);
    EXPECT_EQ(s.to_close_on, d("2026-08-01")) << "6 months of mediation, May-July passive";
    EXPECT_EQ(s.advice_deadline, d("2026-09-01"));
    ServiceFact advice = fact(K::final_advice, "2026-08-20");
    advice.advice = FinalAdvice::new_assessment;  // offered after 3x passive (002 §4.3)
    EXPECT_EQ(record(h, advice, "2026-08-20").reason_code, "closing.advice_not_delivered");
    advice.delivered_by = "print";
    EXPECT_EQ(record(h, advice, "2026-08-20").reason_code, "ok");
    s = derive_service_state(h, d("2026-09-10"));
    EXPECT_EQ(s.stage, ServiceStage::closed);
    EXPECT_EQ(s.closed_way, ClosingWay::manual_by_partner);
    EXPECT_FALSE(s.returns.returns) << "002 annex 3: 3x passive, manual: no return";
    EXPECT_EQ(record(h, fact(K::agreement_sheet, "2026-09-11"), "2026-09-11").reason_code,
              "service.closed");
}

TEST(ServiceState, WithoutAdviceInTheMonthTheServiceClosesByItselfAndReturnsToTheHeadOfOffice) {
    ServiceHistory h = present_on(Programme::tibb4, "2026-01-05", "2026-01-12");
    h.tender.max_duration_months = 9;
    ServiceFact sheet = fact(K::agreement_sheet, "2026-01-12", "s");
    sheet.next_contact = d("2026-01-30");
    h.facts = {sheet, fact(K::agreement_sheet_signed, "2026-01-12")};
    h.facts.back().refers_to = "s";
    ASSERT_TRUE(record(h, fact(K::mediation_started, "2026-01-15"), "2026-01-15").allowed);
    auto s = derive_service_state(h, d("2026-10-15"));
    ASSERT_EQ(s.stage, ServiceStage::to_close);
    EXPECT_EQ(s.closing_reason, ClosingReason::max_duration);
    EXPECT_EQ(s.advice_deadline, d("2026-11-15"));
    EXPECT_EQ(derive_service_state(h, d("2026-11-15")).stage, ServiceStage::to_close);
    s = derive_service_state(h, d("2026-11-16"));
    EXPECT_EQ(s.stage, ServiceStage::closed);
    EXPECT_EQ(s.closed_way, ClosingWay::automatic);
    EXPECT_FALSE(s.advice.has_value());
    EXPECT_EQ(s.returns.to, ReturnTo::head_of_office) << "002 annex 3: max duration, automatic";
    ServiceFact late = fact(K::final_advice, "2026-11-16");
    late.advice = FinalAdvice::need;
    late.delivered_by = "mail";
    EXPECT_EQ(record(h, late, "2026-11-16").reason_code, "service.closed");
}

TEST(ServiceState, TweWzNeedsTheSignedWeoAndEndsTwentyFourMonthsAfterTheReferral) {
    ServiceHistory h = present_on(Programme::twe_wz, "2026-02-10", "2026-03-02");
    EXPECT_EQ(record(h, fact(K::mediation_started, "2026-03-02"), "2026-03-02").reason_code,
              "mediation.weo_required");
    EXPECT_EQ(record(h, fact(K::weo_signed, "2026-03-02"), "2026-03-02").reason_code,
              "weo.not_printed");
    ASSERT_TRUE(record(h, fact(K::weo_printed, "2026-03-02"), "2026-03-02").allowed);
    ASSERT_TRUE(record(h, fact(K::weo_signed, "2026-03-03"), "2026-03-03").allowed);
    ASSERT_TRUE(record(h, fact(K::mediation_started, "2026-03-03"), "2026-03-03").allowed);
    auto s = derive_service_state(h, d("2026-03-03"));
    EXPECT_EQ(s.weo_end, d("2028-03-02")) << "2 years from the first appointment";
    EXPECT_EQ(s.max_end, d("2028-02-10")) << "24 months from the referral";
    // A WES of 8 months is a stage: the 3-month limit is for trainings only.
    ASSERT_TRUE(record(h,
                       line(TrainingCode::work_experience_953081, "2026-03-10", "2026-11-10", 600),
                       "2026-03-05")
                    .allowed);
    EXPECT_EQ(record(h, line(TrainingCode::recognised_training, "2026-11-11", "2027-03-11", 200),
                     "2026-11-01")
                  .reason_code,
              "registration.twe_training_max_3_months");
    // Suspended in December: no closing for contract days while suspended, and the 24 months run.
    ASSERT_TRUE(record(h, fact(K::suspended, "2026-12-01"), "2026-12-01").allowed);
    EXPECT_EQ(derive_service_state(h, d("2027-02-01")).stage, ServiceStage::suspended);
    ASSERT_TRUE(record(h, fact(K::resumed, "2027-02-01"), "2027-02-01").allowed);
    EXPECT_EQ(derive_service_state(h, d("2027-03-31")).stage, ServiceStage::mediation_started)
        << "the suspension counts as covered: 2 months run from the resumption";
    s = derive_service_state(h, d("2027-04-01"));
    ASSERT_EQ(s.stage, ServiceStage::to_close) << "2 months without contract days since 01/02";
    EXPECT_EQ(s.closing_reason, ClosingReason::no_contract_days_2_months);
    EXPECT_EQ(s.to_close_on, d("2027-04-01"));
    ServiceFact advice = fact(K::final_advice, "2027-04-01");
    advice.advice = FinalAdvice::new_assessment;
    advice.delivered_by = "print";
    EXPECT_EQ(record(h, advice, "2027-04-01").reason_code, "closing.advice_not_offered");
    advice.advice = FinalAdvice::need;
    ASSERT_TRUE(record(h, advice, "2027-04-01").allowed);
    s = derive_service_state(h, d("2027-04-01"));
    EXPECT_EQ(s.returns.to, ReturnTo::head_of_office);
    ASSERT_FALSE(s.notices.empty());
    EXPECT_EQ(s.notices.front().reason_code, "twe.c91_available");
}

TEST(ServiceState, GwplStageHoursAreRefusedPast800AndPast8MonthsAndAftercareEndsTheLine) {
    ServiceHistory h = present_on(Programme::gob_gwpl, "2026-01-05", "2026-01-06");
    ASSERT_TRUE(record(h, fact(K::mediation_started, "2026-01-06"), "2026-01-06").allowed);
    EXPECT_TRUE(has_notice(derive_service_state(h, d("2026-01-06")), "gwpl.derbop_open"));
    const auto bvs = TrainingCode::gbvs_stage;
    EXPECT_EQ(record(h, line(bvs, "2026-01-10", "2026-04-30", 400), "2026-01-08").reason_code,
              "registration.gbvs_needs_953070");
    EXPECT_EQ(
        record(h,
               line(TrainingCode::occupational_exploration_953030, "2026-01-10", "2026-12-30", 900),
               "2026-01-08")
            .reason_code,
        "ok")
        << "an ordinary BVS is not a GBVS";
    h.facts.pop_back();
    ASSERT_TRUE(record(h, line(TrainingCode::gob_specialised_953070, "2026-01-08", "2026-12-31", 0),
                       "2026-01-08")
                    .allowed);
    ASSERT_TRUE(record(h, line(bvs, "2026-01-10", "2026-04-30", 400), "2026-01-08").allowed);
    const RuleResult near = record(h, line(bvs, "2026-05-01", "2026-07-31", 350), "2026-04-20");
    ASSERT_TRUE(near.allowed);
    EXPECT_EQ(near.reason_code, "registration.gbvs_near_800_hours") << "warned before the limit";
    auto s = derive_service_state(h, d("2026-05-01"));
    EXPECT_DOUBLE_EQ(s.stage_hours, 750);
    EXPECT_TRUE(has_notice(s, "registration.gbvs_near_800_hours"));
    EXPECT_EQ(record(h, line(bvs, "2026-08-01", "2026-08-20", 51), "2026-07-20").reason_code,
              "registration.gbvs_max_800_hours");
    EXPECT_EQ(record(h, line(bvs, "2026-09-01", "2026-09-11", 40), "2026-07-20").reason_code,
              "registration.gbvs_max_8_months");
    ASSERT_TRUE(record(h, line(bvs, "2026-08-01", "2026-09-10", 50), "2026-07-20").allowed);
    ASSERT_TRUE(record(h, fact(K::work_found, "2026-10-01"), "2026-10-01").allowed);
    s = derive_service_state(h, d("2026-10-01"));
    EXPECT_EQ(s.aftercare_end, d("2027-01-01"));
    EXPECT_TRUE(has_notice(s, "gwpl.aftercare"));
    s = derive_service_state(h, d("2027-01-01"));
    EXPECT_EQ(s.stage, ServiceStage::to_close);
    EXPECT_EQ(s.closing_reason, ClosingReason::aftercare_ended);
}

TEST(ServiceState, Wij3ClosesAtTheLaterOfEighteenMonthsAndTheProjectEndAndNeverForPassive) {
    ServiceHistory h = present_on(Programme::wij3, "2026-01-05", "2026-01-06");
    h.tender.project_end = d("2027-12-31");
    h.facts = {fact(K::agreement_sheet, "2026-01-06", "s"),
               fact(K::agreement_sheet_signed, "2026-01-06")};
    h.facts[0].next_contact = d("2026-01-20");
    h.facts[1].refers_to = "s";
    ASSERT_TRUE(record(h, fact(K::mediation_started, "2026-01-07"), "2026-01-07").allowed);
    passive_months(h, 2026, 2, 12);
    EXPECT_EQ(derive_service_state(h, d("2027-12-30")).stage, ServiceStage::mediation_started);
    const auto s = derive_service_state(h, d("2027-12-31"));
    EXPECT_EQ(s.stage, ServiceStage::to_close);
    EXPECT_EQ(s.closing_reason, ClosingReason::max_duration);
}

TEST(ServiceState, TheGobLineAndItsGbvsBelongToTheGobServices) {
    ServiceHistory h = present_on(Programme::tibb4, "2026-01-05", "2026-01-06");
    h.facts = {fact(K::agreement_sheet, "2026-01-06", "s"),
               fact(K::agreement_sheet_signed, "2026-01-06")};
    h.facts[0].next_contact = d("2026-01-20");
    h.facts[1].refers_to = "s";
    ASSERT_TRUE(record(h, fact(K::mediation_started, "2026-01-07"), "2026-01-07").allowed);
    EXPECT_EQ(record(h, line(TrainingCode::gob_specialised_953070, "2026-01-08", "2026-03-01", 0),
                     "2026-01-08")
                  .reason_code,
              "registration.gob_only");
}

TEST(ServiceState, ProgrammeRulesOfGlowGjcAndArt60) {
    ServiceHistory glow = present_on(Programme::glow, "2026-01-05", "2026-01-06");
    ASSERT_TRUE(record(glow, fact(K::mediation_started, "2026-01-06"), "2026-01-06").allowed);
    ServiceFact job = fact(K::short_job, "2026-10-07");
    job.until = d("2026-10-20");
    EXPECT_EQ(record(glow, job, "2026-09-01").reason_code, "glow.short_job_after_9_months");
    job.on = d("2026-10-06");
    EXPECT_TRUE(record(glow, job, "2026-09-01").allowed);
    EXPECT_EQ(record(glow, fact(K::weo_printed, "2026-09-01"), "2026-09-01").reason_code,
              "service.not_for_programme");

    ServiceHistory gjc = present_on(Programme::gob_gjc, "2026-01-05", "2026-01-06");
    ASSERT_TRUE(record(gjc, fact(K::mediation_started, "2026-01-06"), "2026-01-06").allowed);
    EXPECT_TRUE(has_notice(derive_service_state(gjc, d("2026-01-06")), "gjc.action_plan_missing"));
    ServiceFact plan = fact(K::action_plan_signed, "2026-01-07");
    plan.employer_involved = true;
    EXPECT_EQ(record(gjc, plan, "2026-01-07").reason_code, "gjc.three_party_agreement_required");
    plan.three_party_agreement = true;
    EXPECT_TRUE(record(gjc, plan, "2026-01-07").allowed);
    EXPECT_FALSE(has_notice(derive_service_state(gjc, d("2026-01-07")), "gjc.action_plan_missing"));

    ServiceHistory art60 = present_on(Programme::twe_art60, "2026-01-05", "2026-01-06");
    ASSERT_TRUE(record(art60, fact(K::mediation_started, "2026-01-06"), "2026-01-06").allowed);
    EXPECT_TRUE(
        has_notice(derive_service_state(art60, d("2026-03-06")), "twe_art60.contract_overdue"));
    EXPECT_TRUE(has_notice(derive_service_state(art60, d("2026-04-07")), "twe_art60.review_due"));
    ASSERT_TRUE(record(art60, fact(K::art60_contract, "2026-03-01"), "2026-03-01").allowed);
    ASSERT_TRUE(record(art60, fact(K::art60_contract_ended, "2027-02-28"), "2027-02-28").allowed);
    const auto s = derive_service_state(art60, d("2027-02-28"));
    EXPECT_EQ(s.stage, ServiceStage::to_close);
    EXPECT_EQ(s.closing_reason, ClosingReason::art60_contract_ended);
}

TEST(ServiceState, NothingBeforePresenceAndNothingInTheFuture) {
    ServiceHistory h;
    h.programme = Programme::tibb4;
    h.referred_on = d("2026-01-05");
    EXPECT_EQ(derive_service_state(h, d("2026-01-06")).stage, ServiceStage::referred);
    EXPECT_EQ(record(h, fact(K::agreement_sheet, "2026-01-06"), "2026-01-06").reason_code,
              "mediation.requires_presence");
    h.first.absences = 3;
    h.first.stopped = true;
    EXPECT_EQ(derive_service_state(h, d("2026-01-06")).stage, ServiceStage::stopped);
    ServiceHistory p = present_on(Programme::tibb4, "2026-01-05", "2026-01-12");
    EXPECT_EQ(record(p, fact(K::agreement_sheet, "2026-01-14"), "2026-01-13").reason_code,
              "service.date_in_future");
    EXPECT_EQ(record(p, fact(K::agreement_sheet, "2026-01-11"), "2026-01-13").reason_code,
              "agreement_sheet.before_presence");
    EXPECT_EQ(record(p, fact(K::training_line, "2026-01-14"), "2026-01-13").reason_code,
              "mediation.not_started");
}

// An automatic closing is final for what is recorded after it, however it is dated (a backdated
// line would otherwise reopen a service months later). A coach offline for weeks is judged on
// the day it recorded the line: recorded before the closing, it counts, and the closing with it
// goes. Advice, once given, closes for good, and it is dated on the day it is recorded.
TEST(ServiceState, AnAutomaticClosingIsFinalButAFactRecordedBeforeItCounts) {
    ServiceHistory h = present_on(Programme::twe_wz, "2026-01-05", "2026-01-06");
    h.facts = {fact(K::weo_printed, "2026-01-06"), fact(K::weo_signed, "2026-01-06"),
               fact(K::mediation_started, "2026-01-07")};
    auto s = derive_service_state(h, d("2026-04-20"));
    ASSERT_EQ(s.stage, ServiceStage::closed) << "2 months without contract days, then a month";
    EXPECT_EQ(s.closed_on, d("2026-04-08"));
    const ServiceFact wes =
        line(TrainingCode::work_experience_953081, "2026-02-01", "2026-06-30", 400);
    EXPECT_EQ(record(h, wes, "2026-04-20").reason_code, "service.closed");
    ASSERT_TRUE(record(h, wes, "2026-02-02").allowed) << "recorded offline on 02/02";
    EXPECT_EQ(derive_service_state(h, d("2026-04-20")).stage, ServiceStage::mediation_started);
    s = derive_service_state(h, d("2026-09-01"));
    ASSERT_EQ(s.stage, ServiceStage::to_close);
    ServiceFact advice = fact(K::final_advice, "2026-08-31");
    advice.advice = FinalAdvice::need;
    advice.delivered_by = "print";
    EXPECT_EQ(record(h, advice, "2026-09-01").reason_code, "closing.advice_dated_today");
    advice.on = d("2026-09-01");
    ASSERT_TRUE(record(h, advice, "2026-09-01").allowed);
    EXPECT_EQ(record(h, line(TrainingCode::work_experience_953081, "2026-07-01", "2026-07-31", 40),
                     "2026-09-02")
                  .reason_code,
              "service.closed");
}

// Backdating must not move a deadline: each fact follows what allows it.
TEST(ServiceState, NoFactIsDatedBeforeWhatItFollows) {
    ServiceHistory h = present_on(Programme::tibb4, "2026-01-05", "2026-01-06");
    ServiceFact sheet = fact(K::agreement_sheet, "2026-01-10", "s");
    sheet.next_contact = d("2026-01-09");
    EXPECT_EQ(record(h, sheet, "2026-01-10").reason_code,
              "agreement_sheet.next_contact_before_sheet");
    sheet.next_contact = d("2026-01-24");
    ASSERT_TRUE(record(h, sheet, "2026-01-10").allowed);
    ServiceFact signature = fact(K::agreement_sheet_signed, "2026-01-09");
    signature.refers_to = "s";
    EXPECT_EQ(record(h, signature, "2026-01-12").reason_code,
              "agreement_sheet.signed_before_drawn_up");
    signature.on = d("2026-01-12");
    ASSERT_TRUE(record(h, signature, "2026-01-12").allowed);
    EXPECT_EQ(record(h, fact(K::mediation_started, "2026-01-11"), "2026-01-12").reason_code,
              "mediation.before_its_conditions");
    ASSERT_TRUE(record(h, fact(K::mediation_started, "2026-01-12"), "2026-01-12").allowed);
    EXPECT_EQ(record(h, line(TrainingCode::remediation_953082, "2026-01-11", "2026-02-11", 20),
                     "2026-01-12")
                  .reason_code,
              "service.before_mediation_start");

    ServiceHistory art60 = present_on(Programme::twe_art60, "2026-01-05", "2026-01-06");
    ASSERT_TRUE(record(art60, fact(K::mediation_started, "2026-01-06"), "2026-01-06").allowed);
    EXPECT_EQ(record(art60, fact(K::art60_contract_ended, "2026-02-01"), "2026-02-01").reason_code,
              "twe_art60.no_running_contract");
    ASSERT_TRUE(record(art60, fact(K::suspended, "2026-01-20"), "2026-01-20").allowed);
    EXPECT_EQ(record(art60, fact(K::resumed, "2026-01-19"), "2026-01-21").reason_code,
              "twe.resumed_before_suspension");
}

// 003 III.b: TWE-wz's 24 months run from the referral whether or not the mediation started: a
// client present but never started is due to close then, not present for ever.
TEST(ServiceState, ATweWzNeverStartedIsDueToCloseTwentyFourMonthsAfterTheReferral) {
    ServiceHistory h = present_on(Programme::twe_wz, "2026-01-05", "2026-01-20");
    EXPECT_EQ(derive_service_state(h, d("2028-01-04")).stage, ServiceStage::present);
    const auto s = derive_service_state(h, d("2028-01-05"));
    ASSERT_EQ(s.stage, ServiceStage::to_close);
    EXPECT_EQ(s.closing_reason, ClosingReason::max_duration);
    const auto kinds = fitting_fact_kinds(h, s);
    EXPECT_NE(std::find(kinds.begin(), kinds.end(), K::final_advice), kinds.end());
    ServiceFact advice = fact(K::final_advice, "2028-01-10");
    advice.advice = FinalAdvice::no_need;
    advice.delivered_by = "print";
    EXPECT_TRUE(record(h, advice, "2028-01-10").allowed);
    EXPECT_EQ(derive_service_state(h, d("2028-01-10")).stage, ServiceStage::closed);
}
