// Deriving a service's state from its facts (service_state.hpp). Every date here follows from the
// facts and the calendar alone, so the agent offline and central later reach the same state.
#include <algorithm>

#include "domain/after_presence.hpp"
#include "domain/calendar.hpp"
#include "domain/service_state_parts.hpp"
#include "domain/time_text.hpp"

namespace onthaal::domain {
namespace {

using std::chrono::year_month;

Date month_end(year_month ym) {
    return Date(
        std::chrono::year_month_day_last(ym.year(), std::chrono::month_day_last(ym.month())));
}

Date later(Date a, Date b) {
    return days_between(a, b) > 0 ? b : a;
}

// 002 §4.1 / 004 annex 2: the first day, not before `earliest`, on which the last three month ends
// since the mediation started were all in a passive category.
std::optional<Date> passive_3x_date(const ServiceHistory& h, Date start, Date earliest) {
    std::vector<MonthCategory> months = h.categories;
    std::sort(months.begin(), months.end(),
              [](const auto& a, const auto& b) { return a.month < b.month; });
    int run = 0;
    std::optional<year_month> previous;
    std::optional<Date> holds_at_earliest;  // a run of three reached before `earliest`
    for (const MonthCategory& m : months) {
        const Date end = month_end(m.month);
        if (days_between(start, end) < 0) continue;  // before the mediation
        if (holds_at_earliest && days_between(*holds_at_earliest, end) >= 0)
            return holds_at_earliest;  // the run still held on `earliest`
        const bool follows = previous && *previous + std::chrono::months(1) == m.month;
        run = m.passive ? (follows ? run + 1 : 1) : 0;
        previous = m.month;
        if (run == 0) holds_at_earliest.reset();
        if (run >= 3) {
            if (days_between(earliest, end) >= 0) return end;
            holds_at_earliest = earliest;
        }
    }
    return holds_at_earliest;
}

// TWE-wz (004 annex 2): the first day on which 2 months have passed without a training, stage or
// work line since the mediation started. (reading) A suspension counts as covered: nobody expects
// contract days while the trajectory is suspended.
Date no_contract_days_date(const ServiceHistory& h, Date start) {
    std::vector<std::pair<Date, Date>> covered_spans;
    std::optional<Date> suspended_on;
    for (const ServiceFact& f : h.facts) {
        if (f.kind == ServiceFactKind::training_line)
            covered_spans.push_back({f.on, f.until.value_or(f.on)});
        if (f.kind == ServiceFactKind::suspended) suspended_on = f.on;
        if (f.kind == ServiceFactKind::resumed && suspended_on) {
            covered_spans.push_back({*suspended_on, f.on});
            suspended_on.reset();
        }
    }
    std::sort(covered_spans.begin(), covered_spans.end(),
              [](const auto& a, const auto& b) {  // earliest start first
                  return days_between(a.first, b.first) > 0;
              });
    Date covered = start;  // the last day with contract days so far
    for (const auto& [from, to] : covered_spans) {
        if (days_between(add_months(covered, 2), from) > 0) break;  // a gap of 2 months
        covered = later(covered, to);
    }
    return add_months(covered, 2);
}

struct Candidate {
    ClosingReason reason;
    Date on;
};

void consider(std::optional<Candidate>& best, ClosingReason reason, std::optional<Date> on) {
    if (on && (!best || days_between(*on, best->on) > 0)) best = Candidate{reason, *on};
}

// The earliest reason to close that holds by `today`, per programme (DOMAIN.md's table).
std::optional<Candidate> closing_due(const ServiceHistory& h, const ServiceState& s, Date today) {
    const Date start = *s.mediation_start;
    std::optional<Candidate> best;
    const Programme p = h.programme;
    if (is_tibb_family(p)) {
        const Date earliest = add_months(start, 6);  // 002 §4.1
        consider(best, ClosingReason::passive_category_3x, passive_3x_date(h, start, earliest));
        if (s.max_end) consider(best, ClosingReason::max_duration, later(*s.max_end, earliest));
    } else if (p == Programme::wij3) {
        // 002 §4.2: the later of 18 months and the project end; never for a passive category.
        if (h.tender.project_end)
            consider(best, ClosingReason::max_duration,
                     later(add_months(start, 18), *h.tender.project_end));
    } else if (p == Programme::twe_wz) {
        consider(best, ClosingReason::passive_category_3x, passive_3x_date(h, start, start));
        consider(best, ClosingReason::max_duration, s.max_end);
        if (s.stage != ServiceStage::suspended)
            consider(best, ClosingReason::no_contract_days_2_months,
                     no_contract_days_date(h, start));
    } else if (p == Programme::twe_art60) {
        consider(best, ClosingReason::max_duration, s.max_end);
        if (const auto* ended = last_of(h, ServiceFactKind::art60_contract_ended))
            consider(best, ClosingReason::art60_contract_ended, ended->on);
    } else if (p == Programme::gob_gwpl) {
        consider(best, ClosingReason::aftercare_ended, s.aftercare_end);
    } else {
        consider(best, ClosingReason::max_duration, s.max_end);
    }
    if (best && days_between(best->on, today) < 0) return std::nullopt;
    return best;
}

// The programme's maximum duration (DOMAIN.md's table): TWE-wz counts from the referral (003
// III.b), the others from the start of the mediation.
std::optional<Date> max_end(const ServiceHistory& h, std::optional<Date> start) {
    if (h.programme == Programme::twe_wz) return add_months(h.referred_on, 24);
    if (!start) return std::nullopt;
    if (h.programme == Programme::glow || h.programme == Programme::twe_art60)
        return add_months(*start, 24);
    if (is_tibb_family(h.programme) && h.tender.max_duration_months)
        return add_months(*start, *h.tender.max_duration_months);
    return std::nullopt;
}

void derive_first_stages(const ServiceHistory& h, ServiceState& s) {
    if (h.first_appointment_planned || h.first.absences > 0)
        s.stage = ServiceStage::first_appointment;
    if (h.first.stopped) s.stage = ServiceStage::stopped;
    if (!h.first.present || !h.first_presence) return;
    s.stage = ServiceStage::present;
    s.first_sheet_due = first_agreement_sheet_due(*h.first_presence);
    s.first_sheet_signed = first_sheet_signed(h);
    if (h.programme == Programme::twe_wz)
        s.weo_end = work_experience_agreement_end(*h.first_presence);
}

void derive_mediation(const ServiceHistory& h, ServiceState& s, Date today) {
    if (const ServiceFact* started = first_of(h, ServiceFactKind::mediation_started)) {
        s.mediation_start = started->on;
        s.stage = ServiceStage::mediation_started;
    }
    s.max_end = max_end(h, s.mediation_start);
    if (const ServiceFact* work = first_of(h, ServiceFactKind::work_found))
        s.aftercare_end = add_months(work->on, 3);
    for (const ServiceFact& f : h.facts) {
        if (f.kind == ServiceFactKind::training_line && f.code == TrainingCode::gbvs_stage)
            s.stage_hours += f.hours;
    }
    if (s.mediation_start && currently_suspended(h)) s.stage = ServiceStage::suspended;
    std::optional<Candidate> due;
    if (s.mediation_start) {
        due = closing_due(h, s, today);
    } else if (h.programme == Programme::twe_wz && s.max_end && s.stage != ServiceStage::referred &&
               days_between(*s.max_end, today) >= 0) {
        // 003 III.b: TWE-wz's 24 months run from the referral, started or not.
        due = Candidate{ClosingReason::max_duration, *s.max_end};
    }
    if (due) {
        s.stage = ServiceStage::to_close;
        s.closing_reason = due->reason;
        s.to_close_on = due->on;
        s.advice_deadline = final_advice_deadline(due->on);
    }
}

void derive_closing(const ServiceHistory& h, ServiceState& s, Date today) {
    if (const ServiceFact* advice = first_of(h, ServiceFactKind::final_advice)) {
        // 002 §4.3: after advice the service closes at once, for good, under the reason the
        // advice was given for (a category central sets later does not change it).
        if (advice->closing_reason) s.closing_reason = advice->closing_reason;
        if (!s.closing_reason) return;  // not reached: advice is accepted only when due
        s.stage = ServiceStage::closed;
        s.closed_way = ClosingWay::manual_by_partner;
        s.closed_on = advice->on;
        s.advice = advice->advice;
        s.returns = mediation_returns_to_vdab(*s.closing_reason, ClosingWay::manual_by_partner,
                                              advice->advice, advice->open_actions_or_contacts);
    } else if (s.stage == ServiceStage::to_close && days_between(*s.advice_deadline, today) > 0) {
        // 002 §4.4 / 004 §3.2: no advice within the month: closed automatically, without advice.
        s.stage = ServiceStage::closed;
        s.closed_way = ClosingWay::automatic;
        s.closed_on = add_days(*s.advice_deadline, 1);
        s.returns = mediation_returns_to_vdab(*s.closing_reason, ClosingWay::automatic,
                                              std::nullopt, false);
    }
}

}  // namespace

ServiceState derive_service_state(const ServiceHistory& h, Date today) {
    ServiceState s;
    derive_first_stages(h, s);
    if (s.stage == ServiceStage::stopped) return s;
    derive_mediation(h, s, today);
    derive_closing(h, s, today);
    s.notices = service_notices(h, s, today);
    return s;
}

}  // namespace onthaal::domain
