#include "domain/registrations.hpp"

#include "domain/calendar.hpp"
#include "domain/time_text.hpp"

namespace onthaal::domain {
namespace {

bool within_months(Date start, Date end, int months) {
    return days_between(add_months(start, months), end) <= 0;
}

// 000: the specialised training line 953070 (once per client) and its GBVS are the GOB services'
// own.
std::optional<RuleResult> check_gob_codes(const RegistrationFacts& f) {
    const bool gob = f.programme == Programme::gob_gwpl || f.programme == Programme::gob_gjc;
    const bool gob_code =
        f.code == TrainingCode::gob_specialised_953070 || f.code == TrainingCode::gbvs_stage;
    if (gob_code && !gob)
        return RuleResult::deny("registration.gob_only",
                                "953070 en een GBVS horen bij de GOB-diensten.",
                                "953070 and a GBVS belong to the GOB services.");
    if (f.code == TrainingCode::gob_specialised_953070 && f.earlier_953070_registrations > 0)
        return RuleResult::deny("registration.953070_once",
                                "953070 wordt maar één keer per klant geregistreerd.",
                                "953070 is registered only once per client.");
    return std::nullopt;
}

}  // namespace

std::optional<TrainingCode> parse_training_code(std::string_view code) {
    if (code == "953030") return TrainingCode::occupational_exploration_953030;
    if (code == "953081") return TrainingCode::work_experience_953081;
    if (code == "953082") return TrainingCode::remediation_953082;
    if (code == "953070") return TrainingCode::gob_specialised_953070;
    if (code == "recognised_training") return TrainingCode::recognised_training;
    if (code == "GBVS") return TrainingCode::gbvs_stage;
    return std::nullopt;
}

bool is_stage(TrainingCode code) {
    return code == TrainingCode::occupational_exploration_953030 ||
           code == TrainingCode::work_experience_953081 || code == TrainingCode::gbvs_stage;
}

std::string_view to_string(TrainingCode code) {
    switch (code) {
        case TrainingCode::occupational_exploration_953030:
            return "953030";
        case TrainingCode::work_experience_953081:
            return "953081";
        case TrainingCode::remediation_953082:
            return "953082";
        case TrainingCode::gob_specialised_953070:
            return "953070";
        case TrainingCode::gbvs_stage:
            return "GBVS";
        case TrainingCode::recognised_training:
            break;
    }
    return "recognised_training";
}

std::string financing_number(Province province) {
    return std::string(province_code(province)) + "00S200";
}

RuleResult check_registration(const RegistrationFacts& f) {
    if (days_between(f.starts_on, f.ends_on) < 0) {
        return RuleResult::deny("registration.ends_before_start",
                                "De einddatum ligt vóór de startdatum.",
                                "The end date is before the start date.");
    }
    if (auto gob = check_gob_codes(f)) return *gob;
    if (f.code == TrainingCode::remediation_953082 && !within_months(f.starts_on, f.ends_on, 3)) {
        return RuleResult::deny("registration.953082_max_3_months",
                                "953082 duurt maximaal 3 maanden.",
                                "953082 lasts at most 3 months.")
            .with_due(add_months(f.starts_on, 3));
    }
    if ((f.programme == Programme::twe_wz || f.programme == Programme::twe_art60) &&
        f.code == TrainingCode::recognised_training && !within_months(f.starts_on, f.ends_on, 3)) {
        // 004 §2.4: in TWE only recognised short trainings (max 3 months) are registered; the
        // stages BVS and WES are not capped by it (DOMAIN.md, precisions).
        return RuleResult::deny(
                   "registration.twe_training_max_3_months",
                   "In TWE worden enkel korte opleidingen (max. 3 maanden) geregistreerd.",
                   "In TWE only short trainings (at most 3 months) are registered.")
            .with_due(add_months(f.starts_on, 3));
    }
    if (f.programme == Programme::glow && f.code == TrainingCode::recognised_training) {
        // 001 §1.3.2: a recognised vocational training of about 2 months fits GLOW, one of 9
        // months or more ends it; WES, BVS and IBO are GLOW's own instruments (precisions).
        if (days_between(add_months(f.starts_on, 9), f.ends_on) >= 0) {
            return RuleResult::allow("registration.glow_training_ends_glow",
                                     "Een opleiding van 9 maanden of meer beëindigt GLOW.",
                                     "A training of 9 months or more ends GLOW.")
                .with_signal({"signal.glow_ends", "GLOW eindigt door een lange opleiding.",
                              "GLOW ends: long training."});
        }
        if (!within_months(f.starts_on, f.ends_on, 2)) {
            // (reading) "about 2 months fits": longer is allowed but flagged for review.
            return RuleResult::allow("registration.glow_training_long",
                                     "Langer dan de ±2 maanden die in GLOW passen.",
                                     "Longer than the ~2 months that fit GLOW.");
        }
    }
    return RuleResult::ok();
}

StageSpan stage_span(const std::vector<StageLine>& lines) {
    StageSpan span{0, lines.front().starts_on, lines.front().ends_on};
    for (const auto& l : lines) {
        span.hours += l.hours;
        if (days_between(l.starts_on, span.first) > 0) span.first = l.starts_on;
        if (days_between(span.last, l.ends_on) > 0) span.last = l.ends_on;
    }
    return span;
}

RuleResult check_exploration_stage(const std::vector<StageLine>& lines) {
    if (lines.empty()) return RuleResult::ok();
    const auto [hours, first, last] = stage_span(lines);
    if (hours > 800) {
        return RuleResult::deny("registration.gbvs_max_800_hours",
                                "Een GBVS telt maximaal 800 stage-uren.",
                                "A GBVS has at most 800 stage hours.");
    }
    if (!within_months(first, last, 8)) {
        return RuleResult::deny("registration.gbvs_max_8_months",
                                "Een GBVS loopt over maximaal 8 maanden.",
                                "A GBVS spans at most 8 months.")
            .with_due(add_months(first, 8));
    }
    return RuleResult::ok();
}

RuleResult check_community_service(double hours_in_month, PlaceKind place,
                                   int months_benefit_entitled) {
    if (place == PlaceKind::company) {
        return RuleResult::deny(
            "community_service.wrong_place",
            "Gemeenschapsdienst enkel in een school, lokaal bestuur of vzw.",
            "Community service only at a school, local government or non-profit.");
    }
    if (months_benefit_entitled <= 24) {
        return RuleResult::deny(
            "community_service.not_long_enough_entitled",
            "De klant moet meer dan 2 jaar uitkeringsgerechtigd werkzoekend zijn.",
            "The client must have been benefit-entitled for more than 2 years.");
    }
    if (hours_in_month < 32 || hours_in_month > 64) {
        return RuleResult::deny("community_service.hours_out_of_range",
                                "Gemeenschapsdienst: 32 tot 64 uur per maand.",
                                "Community service: 32 to 64 hours a month.");
    }
    return RuleResult::ok();
}

RuleResult check_twe_evaluation(Date last_evaluation, Date today,
                                bool development_plan_updated_since) {
    const Date due = add_months(last_evaluation, 6);
    if (!development_plan_updated_since) {
        return RuleResult::deny("twe.development_plan_not_updated",
                                "Werk het POP bij na de evaluatie.",
                                "Update the personal development plan after the evaluation.")
            .with_due(due);
    }
    if (days_between(due, today) > 0) {
        return RuleResult::deny("twe.evaluation_overdue",
                                "De evaluatie op de werkplek is te laat (max. 6 maanden).",
                                "The workplace evaluation is overdue (at most every 6 months).")
            .with_due(due);
    }
    return RuleResult::ok().with_due(due);
}

}  // namespace onthaal::domain
