// Closing tables of 002 annex 3 (TIBB4 family), 002 annex 4 (WIJ3) and 004 annex 2 (TWE), every
// row.
#include "domain/closing.hpp"

#include <gtest/gtest.h>

#include "tests/domain/rules_test_support.hpp"

using namespace onthaal::domain;

namespace {

using R = ClosingReason;
using W = ClosingWay;
using A = FinalAdvice;

struct Row {
    const char* annex;
    R reason;
    W way;
    std::optional<A> advice;
    bool returns;
    ReturnTo to;
};

const Row kRows[] = {
    // 002 annex 3 (TIBB4, TIBB4 anderstaligen, SCRABA, SAB3)
    {"002-3", R::passive_category_3x, W::manual_by_partner, A::need, false, ReturnTo::none},
    {"002-3", R::passive_category_3x, W::manual_by_partner, A::new_assessment, false,
     ReturnTo::none},
    {"002-3", R::passive_category_3x, W::manual_by_partner, A::no_need, false, ReturnTo::none},
    {"002-3", R::passive_category_3x, W::manual_by_partner, A::exhausted, false, ReturnTo::none},
    {"002-3", R::passive_category_3x, W::automatic, std::nullopt, false, ReturnTo::none},
    {"002-3", R::passive_category_3x, W::by_vdab, std::nullopt, true, ReturnTo::vdab_mediator},
    {"002-3", R::max_duration, W::manual_by_partner, A::need, true, ReturnTo::head_of_office},
    {"002-3", R::max_duration, W::manual_by_partner, A::no_need, false, ReturnTo::none},
    {"002-3", R::max_duration, W::manual_by_partner, A::exhausted, false, ReturnTo::none},
    {"002-3", R::max_duration, W::automatic, std::nullopt, true, ReturnTo::head_of_office},
    {"002-3", R::max_duration, W::by_vdab, std::nullopt, true, ReturnTo::vdab_mediator},
    // 002 annex 4 (WIJ3): max duration only, same rows
    {"002-4", R::max_duration, W::manual_by_partner, A::need, true, ReturnTo::head_of_office},
    {"002-4", R::max_duration, W::manual_by_partner, A::no_need, false, ReturnTo::none},
    {"002-4", R::max_duration, W::manual_by_partner, A::exhausted, false, ReturnTo::none},
    {"002-4", R::max_duration, W::automatic, std::nullopt, true, ReturnTo::head_of_office},
    {"002-4", R::max_duration, W::by_vdab, std::nullopt, true, ReturnTo::vdab_mediator},
    // 004 annex 2 (TWE-wz)
    {"004-2", R::max_duration, W::manual_by_partner, A::need, true, ReturnTo::head_of_office},
    {"004-2", R::max_duration, W::manual_by_partner, A::no_need, false, ReturnTo::none},
    {"004-2", R::max_duration, W::manual_by_partner, A::exhausted, false, ReturnTo::none},
    {"004-2", R::max_duration, W::automatic, std::nullopt, true, ReturnTo::head_of_office},
    {"004-2", R::max_duration, W::by_vdab, std::nullopt, true, ReturnTo::vdab_mediator},
    {"004-2", R::passive_category_3x, W::manual_by_partner, A::need, false, ReturnTo::none},
    {"004-2", R::passive_category_3x, W::manual_by_partner, A::no_need, false, ReturnTo::none},
    {"004-2", R::passive_category_3x, W::manual_by_partner, A::exhausted, false, ReturnTo::none},
    {"004-2", R::passive_category_3x, W::automatic, std::nullopt, false, ReturnTo::none},
    {"004-2", R::passive_category_3x, W::by_vdab, std::nullopt, true, ReturnTo::vdab_mediator},
    {"004-2", R::no_contract_days_2_months, W::manual_by_partner, A::need, true,
     ReturnTo::head_of_office},
    {"004-2", R::no_contract_days_2_months, W::manual_by_partner, A::no_need, false,
     ReturnTo::none},
    {"004-2", R::no_contract_days_2_months, W::manual_by_partner, A::exhausted, false,
     ReturnTo::none},
    {"004-2", R::no_contract_days_2_months, W::automatic, std::nullopt, true,
     ReturnTo::head_of_office},
    {"004-2", R::no_contract_days_2_months, W::by_vdab, std::nullopt, true,
     ReturnTo::vdab_mediator},
};

}  // namespace

TEST(Closing, EveryRowOfTheReturnToVdabTables) {
    for (const Row& row : kRows) {
        SCOPED_TRACE(std::string(row.annex) + " reason " +
                     std::to_string(static_cast<int>(row.reason)) + " way " +
                     std::to_string(static_cast<int>(row.way)));
        const auto decision = mediation_returns_to_vdab(row.reason, row.way, row.advice, false);
        EXPECT_EQ(decision.returns, row.returns);
        EXPECT_EQ(decision.to, row.to);
        // Annex remark: open actions or contacts always bring mediation back to VDAB.
        EXPECT_TRUE(mediation_returns_to_vdab(row.reason, row.way, row.advice, true).returns);
    }
}

TEST(Closing, AdviceOptionsPerReasonAndProgramme) {
    EXPECT_EQ(advice_options(Programme::tibb4, R::passive_category_3x).size(), 4u);
    EXPECT_EQ(advice_options(Programme::tibb4, R::max_duration).size(), 3u);
    EXPECT_EQ(check_final_advice(Programme::scraba, R::max_duration, A::new_assessment).reason_code,
              "closing.advice_not_offered");
    EXPECT_TRUE(
        check_final_advice(Programme::scraba, R::passive_category_3x, A::new_assessment).allowed);
    for (R reason : {R::passive_category_3x, R::max_duration, R::no_contract_days_2_months}) {
        EXPECT_EQ(advice_options(Programme::twe_wz, reason).size(), 3u)
            << "(reading) TWE offers three";
        EXPECT_FALSE(check_final_advice(Programme::twe_wz, reason, A::new_assessment).allowed);
    }
}

TEST(Closing, TibbFamilyClosesAfterSixMonthsAtTheEarliest) {
    ClosingFacts f{Programme::tibb4, d("2026-01-31"), d("2026-07-30"), 3, true, 0, {}};
    EXPECT_EQ(check_closing(f, R::passive_category_3x).reason_code, "closing.too_early");
    EXPECT_EQ(check_closing(f, R::passive_category_3x).due, d("2026-07-31"));
    f.today = d("2026-07-31");
    EXPECT_TRUE(check_closing(f, R::passive_category_3x).allowed);
    f.consecutive_passive_month_ends = 2;
    EXPECT_EQ(check_closing(f, R::passive_category_3x).reason_code, "closing.passive_not_reached");
    EXPECT_TRUE(check_closing(f, R::max_duration).allowed);
    f.tender_max_duration_reached = false;
    EXPECT_EQ(check_closing(f, R::max_duration).reason_code, "closing.max_duration_not_reached");
    EXPECT_EQ(check_closing(f, R::no_contract_days_2_months).reason_code,
              "closing.reason_not_applicable");
}

TEST(Closing, Wij3NeverClosesForPassiveCategoryAndWaitsEighteenMonths) {
    ClosingFacts f{Programme::wij3, d("2020-01-15"), d("2021-07-14"), 5, false, 0, d("2020-11-30")};
    EXPECT_EQ(check_closing(f, R::passive_category_3x).reason_code,
              "closing.reason_not_applicable");
    EXPECT_EQ(check_closing(f, R::max_duration).reason_code, "closing.too_early");
    f.today = d("2021-07-15");
    EXPECT_TRUE(check_closing(f, R::max_duration).allowed);
    ClosingFacts early{Programme::wij3, d("2019-01-01"), d("2020-11-29"), 0, false, 0,
                       d("2020-11-30")};
    EXPECT_EQ(check_closing(early, R::max_duration).due, d("2020-11-30")) << "project end";
    early.project_end = d("2022-06-30");  // another tender's projects end later
    early.today = d("2022-06-29");
    EXPECT_EQ(check_closing(early, R::max_duration).due, d("2022-06-30"));
    early.project_end.reset();
    EXPECT_EQ(check_closing(early, R::max_duration).reason_code, "closing.project_end_unknown");
}

TEST(Closing, TweWzLimitsAtTheirBounds) {
    ClosingFacts f{Programme::twe_wz, d("2026-01-31"), d("2028-01-30"), 0, false, 1, {}};
    EXPECT_FALSE(check_closing(f, R::max_duration).allowed);
    f.today = d("2028-01-31");
    EXPECT_TRUE(check_closing(f, R::max_duration).allowed) << "24 calendar months";
    EXPECT_EQ(check_closing(f, R::no_contract_days_2_months).reason_code,
              "closing.contract_days_present");
    f.months_without_contract_days = 2;
    EXPECT_TRUE(check_closing(f, R::no_contract_days_2_months).allowed);
    f.consecutive_passive_month_ends = 3;
    EXPECT_TRUE(check_closing(f, R::passive_category_3x).allowed);
}

TEST(Closing, OneMonthForFinalAdviceThenAutomaticClosing) {
    EXPECT_EQ(final_advice_deadline(d("2026-01-31")), d("2026-02-28"));
    EXPECT_TRUE(check_final_advice_window(d("2026-01-31"), d("2026-02-28")).allowed);
    const auto late = check_final_advice_window(d("2026-01-31"), d("2026-03-01"));
    EXPECT_FALSE(late.allowed);
    EXPECT_EQ(late.reason_code, "closing.advice_window_over");
}

TEST(Closing, IncompatibleCombinations) {
    EXPECT_EQ(check_combination(Programme::glow, {"TWE-art60"}).reason_code,
              "programme.glow_twe_ocmw_exclusive");
    EXPECT_EQ(check_combination(Programme::twe_art60, {"GLOW"}).reason_code,
              "programme.glow_twe_ocmw_exclusive");
    EXPECT_TRUE(check_combination(Programme::glow, {"TWE-wz"}).allowed);
    for (const char* other : {"TWE-wz", "TWE-art60", "wijk-werken", "IBO", "K-IBO", "BIS", "art.60",
                              "maatwerkbedrijf", "lokale diensteneconomie"}) {
        EXPECT_EQ(check_combination(Programme::gob_gjc, {other}).reason_code,
                  "programme.gjc_incompatible")
            << other;
    }
    EXPECT_EQ(check_combination(Programme::twe_wz, {"G-JC"}).reason_code,
              "programme.gjc_incompatible");
    EXPECT_TRUE(check_combination(Programme::gob_gjc, {"G-WPL"}).allowed);
}
