// Closing a service: when it may close and for which reason, the final-advice options per reason,
// the one-month advice window, whether mediation returns to VDAB, and which programmes may not
// be combined. Seeds: 002 §4 and annexes 3–4; 003; 004 §3 and annex 2; 001 §1.6; 000. Pure.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "domain/programme.hpp"
#include "domain/rule_result.hpp"

namespace onthaal::domain {

enum class ClosingReason {
    passive_category_3x,
    max_duration,
    no_contract_days_2_months,  // TWE-wz
    art60_contract_ended,       // TWE-art60: the trajectory stops with the art.60 contract (003)
    aftercare_ended,            // G-WPL: 3 months of aftercare after work was found (000)
};
enum class ClosingWay { manual_by_partner, automatic, by_vdab };
enum class FinalAdvice { no_need, need, exhausted, new_assessment };
enum class ReturnTo { none, head_of_office, vdab_mediator };

struct ClosingFacts {
    Programme programme = Programme::tibb4;
    Date mediation_start;
    Date today;
    int consecutive_passive_month_ends = 0;    // month-ends in a row in a passive category
    bool tender_max_duration_reached = false;  // TIBB4 family: the tender's own maximum
    int months_without_contract_days = 0;      // TWE-wz: months without training/stage/work days
    std::optional<Date> project_end;           // WIJ3: the tender's project end, from central
};

// Whether the service may close now for this reason.
RuleResult check_closing(const ClosingFacts& facts, ClosingReason reason);

std::vector<FinalAdvice> advice_options(Programme programme, ClosingReason reason);
RuleResult check_final_advice(Programme programme, ClosingReason reason, FinalAdvice advice);

// 002 §4.4 / 004 §3.2: one month after the service went "to be closed", it closes without advice.
Date final_advice_deadline(Date to_be_closed_on);
RuleResult check_final_advice_window(Date to_be_closed_on, Date today);

struct ReturnDecision {
    bool returns = false;
    ReturnTo to = ReturnTo::none;
};
ReturnDecision mediation_returns_to_vdab(ClosingReason reason, ClosingWay way,
                                         std::optional<FinalAdvice> advice,
                                         bool open_actions_or_contacts);

// `current` holds the client's running programmes and measures: programme names, or "wijk-werken",
// "IBO", "K-IBO", "BIS", "art.60", "maatwerkbedrijf", "lokale diensteneconomie".
RuleResult check_combination(Programme wanted, const std::vector<std::string>& current);

std::string_view to_string(FinalAdvice advice);

}  // namespace onthaal::domain
