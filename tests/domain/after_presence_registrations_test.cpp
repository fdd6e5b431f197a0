#include <gtest/gtest.h>

#include "domain/after_presence.hpp"
#include "domain/calendar.hpp"
#include "domain/registrations.hpp"
#include "tests/domain/rules_test_support.hpp"

using namespace onthaal::domain;

TEST(AfterPresence, FirstAgreementSheetWithinFifteenCalendarDaysWithBothSignatures) {
    EXPECT_EQ(first_agreement_sheet_due(d("2026-11-23")), d("2026-12-08"));
    AgreementSheetFacts f{d("2026-11-23"), d("2026-12-08"), true, true};
    EXPECT_EQ(check_first_agreement_sheet(f).reason_code, "ok");
    f.concluded_on = d("2026-12-09");
    const auto late = check_first_agreement_sheet(f);
    EXPECT_EQ(late.reason_code, "agreement_sheet.late");
    EXPECT_EQ(late.signals.size(), 1u);
    f.concluded_on = d("2026-12-07");
    f.signed_by_client = false;
    EXPECT_EQ(check_first_agreement_sheet(f).reason_code, "agreement_sheet.signatures_missing");
    f.signed_by_client = true;
    f.concluded_on = d("2026-11-22");
    EXPECT_EQ(check_first_agreement_sheet(f).reason_code, "agreement_sheet.before_presence");
}

TEST(AfterPresence, StartingMediation) {
    StartMediationFacts tibb{Programme::tibb4, true, true, true, false, false};
    EXPECT_TRUE(check_start_mediation(tibb).allowed);
    tibb.next_contact_planned = false;
    EXPECT_EQ(check_start_mediation(tibb).reason_code, "mediation.requires_sheet_and_next_contact");
    tibb.present = false;
    EXPECT_EQ(check_start_mediation(tibb).reason_code, "mediation.requires_presence");
    StartMediationFacts twe{Programme::twe_wz, true, false, false, true, false};
    EXPECT_EQ(check_start_mediation(twe).reason_code, "mediation.weo_required");
    twe.weo_signed = true;
    EXPECT_TRUE(check_start_mediation(twe).allowed);
    EXPECT_EQ(work_experience_agreement_end(d("2028-02-29")), d("2030-02-28"));
    EXPECT_EQ(contact_prompt().reason_code, "contact.verify_residence_and_work_permit");
}

TEST(Registrations, FinancingNumberFollowsTheProvince) {
    EXPECT_EQ(financing_number(Province::antwerpen), "A00S200");
    EXPECT_EQ(financing_number(Province::oost_vlaanderen), "O00S200");
    EXPECT_EQ(financing_number(Province::brussel), "B00S200");
    EXPECT_EQ(parse_training_code("953082"), TrainingCode::remediation_953082);
    EXPECT_FALSE(parse_training_code("953083"));
}

TEST(Registrations, LimitsAtJustBelowAndJustAboveTheirBounds) {
    RegistrationFacts r{TrainingCode::remediation_953082, Programme::tibb4, d("2026-01-31"),
                        d("2026-04-30"), 0};
    EXPECT_TRUE(check_registration(r).allowed) << "exactly 3 months";
    r.ends_on = d("2026-05-01");
    EXPECT_EQ(check_registration(r).reason_code, "registration.953082_max_3_months");
    RegistrationFacts gob{TrainingCode::gob_specialised_953070, Programme::gob_gwpl,
                          d("2026-01-01"), d("2026-06-01"), 0};
    EXPECT_TRUE(check_registration(gob).allowed);
    gob.earlier_953070_registrations = 1;
    EXPECT_EQ(check_registration(gob).reason_code, "registration.953070_once");
    RegistrationFacts twe{TrainingCode::recognised_training, Programme::twe_wz, d("2026-03-15"),
                          d("2026-06-15"), 0};
    EXPECT_TRUE(check_registration(twe).allowed);
    twe.ends_on = d("2026-06-16");
    EXPECT_EQ(check_registration(twe).reason_code, "registration.twe_training_max_3_months");
    // DOMAIN.md's precisions: the 3 months are for trainings, not for the stages BVS and WES.
    for (const auto stage :
         {TrainingCode::occupational_exploration_953030, TrainingCode::work_experience_953081}) {
        const RegistrationFacts long_stage{stage, Programme::twe_wz, d("2026-03-15"),
                                           d("2026-12-15"), 0};
        EXPECT_EQ(check_registration(long_stage).reason_code, "ok");
    }
    twe.ends_on = d("2026-03-14");
    EXPECT_EQ(check_registration(twe).reason_code, "registration.ends_before_start");
}

TEST(Registrations, GlowTrainingLengths) {
    RegistrationFacts g{TrainingCode::recognised_training, Programme::glow, d("2026-01-10"),
                        d("2026-03-10"), 0};
    EXPECT_EQ(check_registration(g).reason_code, "ok") << "2 months fit";
    g.ends_on = d("2026-03-11");
    EXPECT_EQ(check_registration(g).reason_code, "registration.glow_training_long");
    g.ends_on = d("2026-10-09");
    EXPECT_EQ(check_registration(g).reason_code, "registration.glow_training_long");
    g.ends_on = d("2026-10-10");
    const auto ends = check_registration(g);
    EXPECT_EQ(ends.reason_code, "registration.glow_training_ends_glow");
    ASSERT_EQ(ends.signals.size(), 1u);
    EXPECT_EQ(ends.signals[0].code, "signal.glow_ends");
    // A WES of 10 months is GLOW's own instrument, capped only by GLOW's 24 months.
    const RegistrationFacts wes{TrainingCode::work_experience_953081, Programme::glow,
                                d("2026-01-10"), d("2026-11-10"), 0};
    EXPECT_EQ(check_registration(wes).reason_code, "ok");
}

TEST(Registrations, ExplorationStageHoursAndSpan) {
    EXPECT_TRUE(check_exploration_stage({{d("2026-01-01"), d("2026-04-30"), 400},
                                         {d("2026-05-01"), d("2026-09-01"), 400}})
                    .allowed);
    EXPECT_EQ(check_exploration_stage({{d("2026-01-01"), d("2026-04-30"), 400},
                                       {d("2026-05-01"), d("2026-08-01"), 400.5}})
                  .reason_code,
              "registration.gbvs_max_800_hours");
    EXPECT_EQ(check_exploration_stage({{d("2026-01-01"), d("2026-09-02"), 100}}).reason_code,
              "registration.gbvs_max_8_months");
}

TEST(Registrations, CommunityService) {
    EXPECT_TRUE(check_community_service(32, PlaceKind::school, 25).allowed);
    EXPECT_TRUE(check_community_service(64, PlaceKind::non_profit, 25).allowed);
    EXPECT_EQ(check_community_service(31.5, PlaceKind::local_government, 25).reason_code,
              "community_service.hours_out_of_range");
    EXPECT_EQ(check_community_service(64.5, PlaceKind::local_government, 25).reason_code,
              "community_service.hours_out_of_range");
    EXPECT_EQ(check_community_service(40, PlaceKind::local_government, 24).reason_code,
              "community_service.not_long_enough_entitled");
    EXPECT_EQ(check_community_service(40, PlaceKind::company, 30).reason_code,
              "community_service.wrong_place");
}

TEST(Registrations, TweEvaluationEverySixMonthsWithThePlanUpdated) {
    EXPECT_TRUE(check_twe_evaluation(d("2026-02-28"), d("2026-08-28"), true).allowed);
    EXPECT_EQ(check_twe_evaluation(d("2026-02-28"), d("2026-08-29"), true).reason_code,
              "twe.evaluation_overdue");
    EXPECT_EQ(check_twe_evaluation(d("2026-02-28"), d("2026-03-01"), false).reason_code,
              "twe.development_plan_not_updated");
}
