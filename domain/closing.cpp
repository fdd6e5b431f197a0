#include "domain/closing.hpp"

#include <algorithm>

#include "domain/calendar.hpp"
#include "domain/time_text.hpp"

namespace onthaal::domain {
namespace {

bool tibb_family(Programme p) {
    return p == Programme::tibb4 || p == Programme::tibb4_anderstaligen || p == Programme::scraba ||
           p == Programme::sab3;
}

bool is_twe(Programme p) {
    return p == Programme::twe_wz || p == Programme::twe_art60;
}

RuleResult not_applicable() {
    return RuleResult::deny("closing.reason_not_applicable",
                            "Deze reden geldt niet voor dit programma.",
                            "This reason does not apply to this programme.");
}

RuleResult too_early(Date earliest) {
    return RuleResult::deny(
               "closing.too_early",
               "Afsluiten kan pas vanaf " + format_date_for_people(earliest) + ".",
               "The service can close on " + format_date_for_people(earliest) + " at the earliest.")
        .with_due(earliest);
}

RuleResult check_passive(int month_ends) {
    if (month_ends < 3) {
        return RuleResult::deny("closing.passive_not_reached",
                                "Nog geen 3 maandeindes na elkaar in een passieve categorie.",
                                "Not yet 3 consecutive month-ends in a passive category.");
    }
    return RuleResult::ok();
}

RuleResult check_months_elapsed(const ClosingFacts& f, int months, const char* code) {
    const Date end = add_months(f.mediation_start, months);
    if (days_between(end, f.today) < 0) {
        return RuleResult::deny(
                   code,
                   "De maximale duur is nog niet bereikt (" + format_date_for_people(end) + ").",
                   "The maximum duration is not reached yet (" + format_date_for_people(end) + ").")
            .with_due(end);
    }
    return RuleResult::ok();
}

RuleResult check_wij3(const ClosingFacts& f, ClosingReason reason) {
    // 002 §4.2: earliest after 18 months AND at project end (30/11/2020 in the seed: a
    // parameter of the tender that central sends, DOMAIN.md's precisions); never for passive
    // category.
    if (reason != ClosingReason::max_duration) return not_applicable();
    if (!f.project_end) {
        return RuleResult::deny("closing.project_end_unknown",
                                "Het einde van het project is niet gekend.",
                                "The project end is not known.");
    }
    const Date after_18 = add_months(f.mediation_start, 18);
    const Date earliest = days_between(*f.project_end, after_18) > 0 ? after_18 : *f.project_end;
    return days_between(earliest, f.today) < 0 ? too_early(earliest) : RuleResult::ok();
}

}  // namespace

RuleResult check_closing(const ClosingFacts& f, ClosingReason reason) {
    if (tibb_family(f.programme)) {
        // 002 §4.1: earliest after 6 months of mediation AND (3x passive OR max duration).
        const Date earliest = add_months(f.mediation_start, 6);
        if (days_between(earliest, f.today) < 0) return too_early(earliest);
        if (reason == ClosingReason::passive_category_3x)
            return check_passive(f.consecutive_passive_month_ends);
        if (reason == ClosingReason::max_duration) {
            return f.tender_max_duration_reached
                       ? RuleResult::ok()
                       : RuleResult::deny("closing.max_duration_not_reached",
                                          "De maximale duur is nog niet bereikt.",
                                          "The maximum duration is not reached yet.");
        }
        return not_applicable();
    }
    if (f.programme == Programme::wij3) return check_wij3(f, reason);
    if (f.programme == Programme::twe_wz) {
        // 003 / 004 annex 2: max duration 24 calendar months (suspension counts inside), 3x
        // passive, 2 months without contract days.
        if (reason == ClosingReason::max_duration)
            return check_months_elapsed(f, 24, "closing.max_duration_not_reached");
        if (reason == ClosingReason::passive_category_3x)
            return check_passive(f.consecutive_passive_month_ends);
        if (f.months_without_contract_days < 2) {
            return RuleResult::deny("closing.contract_days_present",
                                    "Nog geen 2 maanden zonder contractdagen.",
                                    "Not yet 2 months without contract days.");
        }
        return RuleResult::ok();
    }
    if (f.programme == Programme::glow || f.programme == Programme::twe_art60) {
        // 001: GLOW runs 24 months; 003: TWE-art60 1-2 years (reading: closes at 24 months at the
        // latest).
        if (reason != ClosingReason::max_duration) return not_applicable();
        return check_months_elapsed(f, 24, "closing.max_duration_not_reached");
    }
    return reason == ClosingReason::max_duration ? RuleResult::ok() : not_applicable();
}

std::vector<FinalAdvice> advice_options(Programme p, ClosingReason reason) {
    const std::vector<FinalAdvice> three = {FinalAdvice::no_need, FinalAdvice::need,
                                            FinalAdvice::exhausted};
    // 004 annex 2 lists three options for every TWE reason while its screen shows four
    // (reading, DOMAIN.md: TWE offers three).
    if (is_twe(p)) return three;
    // 002 §4.3: four options after 3x passive category, three (no "new assessment") after max
    // duration.
    if (reason == ClosingReason::passive_category_3x) {
        return {FinalAdvice::no_need, FinalAdvice::need, FinalAdvice::exhausted,
                FinalAdvice::new_assessment};
    }
    return three;
}

RuleResult check_final_advice(Programme p, ClosingReason reason, FinalAdvice advice) {
    const auto options = advice_options(p, reason);
    if (std::find(options.begin(), options.end(), advice) == options.end()) {
        return RuleResult::deny("closing.advice_not_offered",
                                "Dit eindadvies kan niet bij deze reden van afsluiten.",
                                "This final advice is not offered for this closing reason.");
    }
    return RuleResult::ok();
}

Date final_advice_deadline(Date to_be_closed_on) {
    return add_months(to_be_closed_on, 1);
}

RuleResult check_final_advice_window(Date to_be_closed_on, Date today) {
    const Date deadline = final_advice_deadline(to_be_closed_on);
    if (days_between(deadline, today) > 0) {
        return RuleResult::
            deny("closing.advice_window_over",
                 "De maand voor eindadvies is voorbij: de service sluit automatisch zonder advies.",
                 "The month for final advice is over: the service closes automatically without "
                 "advice.")
                .with_due(deadline);
    }
    return RuleResult::ok().with_due(deadline);
}

ReturnDecision mediation_returns_to_vdab(ClosingReason reason, ClosingWay way,
                                         std::optional<FinalAdvice> advice,
                                         bool open_actions_or_contacts) {
    ReturnDecision table;
    if (way == ClosingWay::by_vdab) {
        table = {true, ReturnTo::vdab_mediator};
    } else if (reason == ClosingReason::passive_category_3x) {
        table = {
            false,
            ReturnTo::none};  // 002 annex 3 / 004 annex 2: manual (any advice) or automatic -> no
    } else if (way == ClosingWay::automatic) {
        table = {true,
                 ReturnTo::head_of_office};  // max duration, no contract days: automatic -> Chef OE
    } else {
        table = advice == FinalAdvice::need ? ReturnDecision{true, ReturnTo::head_of_office}
                                            : ReturnDecision{false, ReturnTo::none};
    }
    // Annex remark: open trajectory actions or contacts -> mediation always returns to VDAB.
    // (reading: to the VDAB mediator when the table itself says no.)
    if (open_actions_or_contacts && !table.returns) table = {true, ReturnTo::vdab_mediator};
    return table;
}

RuleResult check_combination(Programme wanted, const std::vector<std::string>& current) {
    auto has = [&](std::string_view name) {
        return std::find(current.begin(), current.end(), name) != current.end();
    };
    // 001 §1.6: GLOW and TWE in its OCMW form (art. 60) cannot be combined.
    if ((wanted == Programme::glow && has(programme_name(Programme::twe_art60))) ||
        (wanted == Programme::twe_art60 && has(programme_name(Programme::glow)))) {
        return RuleResult::deny("programme.glow_twe_ocmw_exclusive",
                                "GLOW en TWE-OCMW kunnen niet samen.",
                                "GLOW and TWE-OCMW cannot be combined.");
    }
    // 000: specialised job coaching not together with TWE, wijk-werken, (K-)IBO, BIS, art.60, nor
    // for target-group employees of maatwerkbedrijven or the local service economy.
    static const std::vector<std::string> kNoJobCoaching = {
        "TWE-wz", "TWE-art60",       "wijk-werken",
        "IBO",    "K-IBO",           "BIS",
        "art.60", "maatwerkbedrijf", "lokale diensteneconomie"};
    const bool conflicts_with_gjc = std::any_of(kNoJobCoaching.begin(), kNoJobCoaching.end(), has);
    if ((wanted == Programme::gob_gjc && conflicts_with_gjc) ||
        (has(programme_name(Programme::gob_gjc)) &&
         std::find(kNoJobCoaching.begin(), kNoJobCoaching.end(),
                   std::string(programme_name(wanted))) != kNoJobCoaching.end())) {
        return RuleResult::deny(
            "programme.gjc_incompatible",
            "Gespecialiseerde jobcoaching kan niet samen met TWE, wijk-werken, (K-)IBO, BIS of "
            "art. 60.",
            "Specialised job coaching cannot run with TWE, wijk-werken, (K-)IBO, BIS or art. 60.");
    }
    return RuleResult::ok();
}

std::string_view to_string(FinalAdvice advice) {
    switch (advice) {
        case FinalAdvice::no_need:
            return "no_need";
        case FinalAdvice::need:
            return "need";
        case FinalAdvice::exhausted:
            return "exhausted";
        case FinalAdvice::new_assessment:
            return "new_assessment";
    }
    return "no_need";
}

}  // namespace onthaal::domain
