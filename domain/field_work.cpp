// Whether a coach's visit, stage hours or work plan may be kept (field_work.hpp): the agent checks
// it offline, central again on its own state with the same code.
#include "domain/field_work.hpp"

#include <algorithm>
#include <map>

#include "domain/calendar.hpp"
#include "domain/field_work_parts.hpp"

namespace onthaal::domain {
namespace {

RuleResult deny(const char* code, const char* nl, const char* en) {
    return RuleResult::deny(code, nl, en);
}

// A service stopped or closed takes no more field work (as check_service_fact: DOMAIN.md, final
// advice: access ends).
std::optional<RuleResult> closed_for_field_work(const ServiceHistory& h, Date today) {
    const ServiceStage stage = derive_service_state(h, today).stage;
    if (stage == ServiceStage::stopped)
        return deny("service.stopped", "De service is gestopt wegens afwezigheid.",
                    "The service was stopped because of absence.");
    if (stage == ServiceStage::closed)
        return deny("service.closed", "Deze service is afgesloten.", "This service is closed.");
    return std::nullopt;
}

std::optional<RuleResult> check_day(const ServiceHistory& h, Date on, Date today) {
    if (days_between(today, on) > 0)
        return deny("service.date_in_future", "Deze datum ligt in de toekomst.",
                    "This date lies in the future.");
    if (days_between(h.referred_on, on) < 0)
        return deny("service.before_referral", "Deze datum ligt vóór de doorverwijzing.",
                    "This date is before the referral.");
    return std::nullopt;
}

RuleResult check_evaluation(const ServiceHistory& h, const WorkplaceVisit& v) {
    if (v.action_id.empty()) return RuleResult::ok();
    const ServiceFact* line = find_line(h, v.action_id);
    if (!line)
        return deny("evaluation.unknown_action", "Deze actie bestaat niet in de service.",
                    "This action does not exist in the service.");
    if (days_between(line->on, v.on) < 0)
        return deny("evaluation.before_action", "De evaluatie ligt vóór de start van de actie.",
                    "The evaluation predates the action's start.");
    return RuleResult::ok();
}

// The GBVS's hours with `entry` counted as that day's hours of its line.
double gbvs_hours_with(const ServiceHistory& h, const FieldWork& work,
                       const StageHoursEntry& entry) {
    double total = 0;
    for (const auto& [key, hours] : day_hours(work)) {
        if (key.first == entry.line_id && key.second == entry.on) continue;
        const ServiceFact* line = find_line(h, key.first);
        if (line && is_gbvs_line(*line)) total += hours;
    }
    return total + entry.hours;
}

RuleResult check_gbvs_hours(const ServiceHistory& h, const FieldWork& work,
                            const StageHoursEntry& entry) {
    const std::optional<Date> first = gbvs_first_day(h);
    if (first && days_between(add_months(*first, kGbvsMaxMonths), entry.on) >= 0)
        return deny("stage_hours.gbvs_after_8_months",
                    "Een GBVS loopt over maximaal 8 maanden: deze dag valt erna.",
                    "A GBVS spans at most 8 months: this day falls after them.");
    const double total = gbvs_hours_with(h, work, entry);
    if (total > kGbvsMaxHours)
        return deny("stage_hours.gbvs_over_800",
                    "Een GBVS telt maximaal 800 stage-uren: deze uren gaan erover.",
                    "A GBVS has at most 800 stage hours: these hours go past them.");
    if (total >= kNearLimitShare * kGbvsMaxHours)
        return RuleResult::allow(
            "stage_hours.gbvs_near_800",
            "GBVS: " + std::to_string(static_cast<int>(total)) + " van de 800 stage-uren.",
            "GBVS: " + std::to_string(static_cast<int>(total)) + " of the 800 stage hours.");
    return RuleResult::ok();
}

}  // namespace

RuleResult check_visit(const ServiceHistory& h, const WorkplaceVisit& v, Date today) {
    if (auto closed = closed_for_field_work(h, today)) return *closed;
    if (auto bad = check_day(h, v.on, today)) return *bad;
    if (v.duration_min < 1 || v.duration_min > kMaxVisitMinutes)
        return deny("visit.duration_out_of_range", "Een bezoek duurt 1 minuut tot 12 uur.",
                    "A visit lasts 1 minute to 12 hours.");
    if (v.kind == VisitKind::evaluation) return check_evaluation(h, v);
    if (!v.action_id.empty() || v.development_plan_updated)
        return deny("visit.evaluation_fields", "Actie en POP horen enkel bij een evaluatie.",
                    "An action and the POP belong to an evaluation only.");
    return RuleResult::ok();
}

RuleResult check_stage_hours(const ServiceHistory& h, const FieldWork& work,
                             const StageHoursEntry& entry, Date today) {
    if (auto closed = closed_for_field_work(h, today)) return *closed;
    if (auto bad = check_day(h, entry.on, today)) return *bad;
    if (!(entry.hours >= 0) || entry.hours > kMaxHoursInADay)
        return deny("stage_hours.out_of_range", "Per dag 0 tot 12 uur.", "0 to 12 hours a day.");
    const ServiceFact* line = find_line(h, entry.line_id);
    if (!line)
        return deny("stage_hours.unknown_line", "Deze stage- of opleidingslijn bestaat niet.",
                    "This stage or training line does not exist.");
    if (days_between(line->on, entry.on) < 0 ||
        (line->until && days_between(*line->until, entry.on) > 0))
        return deny("stage_hours.outside_line", "Deze dag valt buiten de periode van de lijn.",
                    "This day falls outside the line's period.");
    // A correction replaces an entry of its own line and day, never hours elsewhere.
    if (!entry.replaces.empty() &&
        std::none_of(work.hours.begin(), work.hours.end(), [&](const StageHoursEntry& e) {
            return e.id == entry.replaces && e.line_id == entry.line_id && e.on == entry.on;
        }))
        return deny("stage_hours.replaces_unknown_entry",
                    "Deze correctie verwijst niet naar uren van dezelfde lijn en dag.",
                    "This correction names no hours of the same line and day.");
    if (is_gbvs_line(*line)) return check_gbvs_hours(h, work, entry);
    return RuleResult::ok();
}

RuleResult check_work_plan(const ServiceHistory& h, const WorkPlan& plan) {
    const bool is_sheet = std::any_of(h.facts.begin(), h.facts.end(), [&](const ServiceFact& f) {
        return f.id == plan.sheet_id && f.kind == ServiceFactKind::agreement_sheet;
    });
    if (!is_sheet)
        return deny("agreement_sheet.unknown", "Dit afsprakenblad bestaat niet.",
                    "This agreement sheet does not exist.");
    const bool blank_point = std::any_of(plan.work_points.begin(), plan.work_points.end(),
                                         [](const std::string& p) { return p.empty(); });
    const bool blank_task = std::any_of(plan.assignments.begin(), plan.assignments.end(),
                                        [](const Assignment& a) { return a.text.empty(); });
    if (blank_point || blank_task)
        return deny("work_plan.blank_text", "Elk werkpunt en elke opdracht heeft een tekst.",
                    "Every work point and assignment needs a text.");
    return RuleResult::ok();
}

double line_hours(const FieldWork& work, const std::string& line_id) {
    double total = 0;
    for (const auto& [key, hours] : day_hours(work))
        if (key.first == line_id) total += hours;
    return total;
}

std::string_view to_string(VisitKind kind) {
    switch (kind) {
        case VisitKind::intake:
            return "intake";
        case VisitKind::evaluation:
            return "evaluation";
        case VisitKind::follow_up:
            return "follow_up";
        case VisitKind::aftercare:
            return "aftercare";
    }
    return "follow_up";
}

std::optional<VisitKind> parse_visit_kind(std::string_view text) {
    for (VisitKind k :
         {VisitKind::intake, VisitKind::evaluation, VisitKind::follow_up, VisitKind::aftercare})
        if (to_string(k) == text) return k;
    return std::nullopt;
}

std::string_view to_string(PlaceKind place) {
    switch (place) {
        case PlaceKind::school:
            return "school";
        case PlaceKind::local_government:
            return "local_government";
        case PlaceKind::non_profit:
            return "non_profit";
        case PlaceKind::company:
            return "company";
    }
    return "company";
}

std::optional<PlaceKind> parse_place_kind(std::string_view text) {
    for (PlaceKind k : {PlaceKind::school, PlaceKind::local_government, PlaceKind::non_profit,
                        PlaceKind::company})
        if (to_string(k) == text) return k;
    return std::nullopt;
}

}  // namespace onthaal::domain
