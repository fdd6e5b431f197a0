// The progress a coach sees per client (field_work.hpp): the GBVS bar, community-service months,
// the TWE evaluation rhythm, overdue assignments, and the warnings before a limit is crossed.
#include <algorithm>
#include <set>
#include <tuple>

#include "domain/calendar.hpp"
#include "domain/field_work_parts.hpp"
#include "domain/time_text.hpp"

namespace onthaal::domain {
namespace {

using K = ServiceFactKind;

RuleResult warning(std::string code, std::string nl, std::string en, std::optional<Date> due) {
    RuleResult r = RuleResult::deny(std::move(code), std::move(nl), std::move(en));
    if (due) r.with_due(*due);
    return r;
}

std::string whole(double hours) {
    return std::to_string(static_cast<int>(hours + 0.5));
}

void gbvs_progress(const ServiceHistory& h, const FieldWork& work, Date today, FieldProgress& p) {
    const std::optional<Date> first = gbvs_first_day(h);
    if (!first) return;
    GbvsProgress g;
    g.first_day = *first;
    g.last_allowed_day = add_days(add_months(*first, kGbvsMaxMonths), -1);
    for (const ServiceFact& f : h.facts)
        if (f.kind == K::training_line && is_gbvs_line(f)) g.hours += line_hours(work, f.id);
    g.days_allowed = days_between(g.first_day, g.last_allowed_day) + 1;
    const Date until = std::min(today, g.last_allowed_day);
    g.days_used = std::max(0, days_between(g.first_day, until) + 1);
    if (g.hours >= kNearLimitShare * kGbvsMaxHours)
        p.notices.push_back(warning(
            "stage_hours.gbvs_near_800", "GBVS: " + whole(g.hours) + " van de 800 stage-uren.",
            "GBVS: " + whole(g.hours) + " of the 800 stage hours.", std::nullopt));
    if (g.days_used >= kNearLimitShare * g.days_allowed)
        p.notices.push_back(warning(
            "stage_hours.gbvs_near_8_months",
            "GBVS: de 8 maanden lopen af op " + format_date_for_people(g.last_allowed_day) + ".",
            "GBVS: the 8 months end on " + format_date_for_people(g.last_allowed_day) + ".",
            g.last_allowed_day));
    p.gbvs = g;
}

int days_in(std::chrono::year_month m) {
    return static_cast<int>(static_cast<unsigned>((m / std::chrono::last).day()));
}

// Hours per month of the community-service lines, and the current month's projection.
std::map<std::chrono::year_month, double> community_hours(const ServiceHistory& h,
                                                          const FieldWork& work) {
    std::map<std::chrono::year_month, double> months;
    for (const auto& [key, hours] : day_hours(work)) {
        const ServiceFact* line = find_line(h, key.first);
        if (line && is_community_line(h, *line))
            months[key.second.year() / key.second.month()] += hours;
    }
    return months;
}

void community_notices(const CommunityMonth& m, Date today, std::vector<RuleResult>& out) {
    const std::string label = format_date_for_people(m.month / std::chrono::day(1)).substr(3);
    if (m.current && static_cast<unsigned>(today.day()) >= 7 && m.projected < kCommunityMinHours)
        out.push_back(warning("community_service.month_short",
                              "Gemeenschapsdienst " + label + ": " + whole(m.hours) +
                                  " uur, aan dit tempo minder dan 32 uur deze maand.",
                              "Community service " + label + ": " + whole(m.hours) +
                                  " hours, short of 32 this month at this pace.",
                              m.month / std::chrono::last));
    if (m.current && m.hours >= kNearLimitShare * kCommunityMaxHours)
        out.push_back(warning(
            "community_service.month_near_64",
            "Gemeenschapsdienst " + label + ": " + whole(m.hours) + " van de maximaal 64 uur.",
            "Community service " + label + ": " + whole(m.hours) + " of at most 64 hours.",
            m.month / std::chrono::last));
    if (!m.current && (m.hours < kCommunityMinHours || m.hours > kCommunityMaxHours))
        out.push_back(warning(
            "community_service.month_out_of_range",
            "Gemeenschapsdienst " + label + ": " + whole(m.hours) + " uur, buiten 32 tot 64 uur.",
            "Community service " + label + ": " + whole(m.hours) + " hours, outside 32 to 64.",
            std::nullopt));
}

// Every month from the first community line's start to today (a month without hours shows 0).
void community_progress(const ServiceHistory& h, const FieldWork& work, Date today,
                        FieldProgress& p) {
    std::optional<Date> first;
    for (const ServiceFact& f : h.facts)
        if (f.kind == K::training_line && is_community_line(h, f) && (!first || f.on < *first))
            first = f.on;
    if (!first || today < *first) return;
    const auto hours = community_hours(h, work);
    const std::chrono::year_month now = today.year() / today.month();
    for (auto m = first->year() / first->month(); m <= now; m += std::chrono::months(1)) {
        CommunityMonth cm{m, hours.contains(m) ? hours.at(m) : 0, 0, m == now};
        const double elapsed = static_cast<unsigned>(today.day());
        cm.projected = cm.current ? cm.hours / elapsed * days_in(m) : cm.hours;
        community_notices(cm, today, p.notices);
        p.community.push_back(cm);
    }
}

const WorkplaceVisit* last_evaluation(const FieldWork& work) {
    const WorkplaceVisit* last = nullptr;
    for (const WorkplaceVisit& v : work.visits)
        if (v.kind == VisitKind::evaluation && (!last || last->on < v.on)) last = &v;
    return last;
}

void actions_evaluated(const ServiceHistory& h, const FieldWork& work, Date today,
                       std::vector<RuleResult>& out) {
    for (const ServiceFact& f : h.facts) {
        if (f.kind != K::training_line || !f.until || !(*f.until < today)) continue;
        const bool evaluated = std::any_of(work.visits.begin(), work.visits.end(), [&](auto& v) {
            return v.kind == VisitKind::evaluation && v.action_id == f.id;
        });
        if (evaluated) continue;
        const std::string what =
            std::string(to_string(*f.code)) + " (" + format_date_for_people(f.on) + ")";
        out.push_back(warning("twe.action_not_evaluated",
                              "De actie " + what + " is afgelopen zonder evaluatie.",
                              "The action " + what + " ended without an evaluation.", *f.until));
    }
}

// 003: TWE evaluates on the workplace at least every 6 months and once per action; the POP is
// updated after each evaluation. Counted from the start of mediation (or the first presence).
void twe_evaluations(const ServiceHistory& h, const FieldWork& work, Date today, FieldProgress& p) {
    if (h.programme != Programme::twe_wz && h.programme != Programme::twe_art60) return;
    const ServiceFact* start = nullptr;
    for (const ServiceFact& f : h.facts)
        if (f.kind == K::mediation_started && !start) start = &f;
    const WorkplaceVisit* last = last_evaluation(work);
    std::optional<Date> from = last    ? std::optional(last->on)
                               : start ? std::optional(start->on)
                                       : h.first_presence;
    if (!from) return;
    p.last_evaluation = from;
    p.evaluation_due = add_months(*from, kTweEvaluationMonths);
    const Date due = *p.evaluation_due;
    if (days_between(due, today) > 0)
        p.notices.push_back(warning(
            "twe.evaluation_overdue",
            "De evaluatie op de werkplek is te laat (uiterlijk " + format_date_for_people(due) +
                ").",
            "The workplace evaluation is overdue (due " + format_date_for_people(due) + ").", due));
    else if (days_between(today, due) <= 30)
        p.notices.push_back(
            RuleResult::allow(
                "twe.evaluation_due",
                "Evaluatie op de werkplek uiterlijk op " + format_date_for_people(due) + ".",
                "Workplace evaluation due by " + format_date_for_people(due) + ".")
                .with_due(due));
    if (last && !last->development_plan_updated)
        p.notices.push_back(warning("twe.development_plan_not_updated",
                                    "Werk het POP bij na de laatste evaluatie.",
                                    "Update the POP after the last evaluation.", std::nullopt));
    actions_evaluated(h, work, today, p.notices);
}

void assignments_due(const FieldWork& work, Date today, std::vector<RuleResult>& out) {
    for (const WorkPlan& plan : work.plans)
        for (const Assignment& a : plan.assignments)
            if (!a.done && a.deadline && *a.deadline < today)
                out.push_back(warning("assignment.overdue",
                                      "Opdracht over tijd sinds " +
                                          format_date_for_people(*a.deadline) + ": " + a.text,
                                      "Assignment overdue since " +
                                          format_date_for_people(*a.deadline) + ": " + a.text,
                                      *a.deadline));
}

}  // namespace

const ServiceFact* find_line(const ServiceHistory& h, const std::string& id) {
    for (const ServiceFact& f : h.facts)
        if (f.id == id && f.kind == K::training_line && f.code) return &f;
    return nullptr;
}

bool is_gbvs_line(const ServiceFact& line) {
    return line.code == TrainingCode::gbvs_stage;
}

bool is_community_line(const ServiceHistory& h, const ServiceFact& line) {
    return h.programme == Programme::glow && line.code == TrainingCode::work_experience_953081 &&
           line.place && *line.place != PlaceKind::company;
}

std::optional<Date> gbvs_first_day(const ServiceHistory& h) {
    std::optional<Date> first;
    for (const ServiceFact& f : h.facts)
        if (f.kind == K::training_line && is_gbvs_line(f) && (!first || f.on < *first))
            first = f.on;
    return first;
}

std::vector<StageHoursEntry> standing_hours(const FieldWork& work) {
    std::set<std::string> replaced;
    for (const StageHoursEntry& e : work.hours)
        if (!e.replaces.empty()) replaced.insert(e.replaces);
    std::map<std::pair<Date, std::string>, const StageHoursEntry*> latest;
    for (const StageHoursEntry& e : work.hours) {
        if (replaced.contains(e.id)) continue;
        const StageHoursEntry*& kept = latest[{e.on, e.line_id}];
        if (!kept || std::tie(kept->recorded_at, kept->id) < std::tie(e.recorded_at, e.id))
            kept = &e;
    }
    std::vector<StageHoursEntry> out;
    for (const auto& [key, e] : latest) out.push_back(*e);
    return out;
}

std::map<std::pair<std::string, Date>, double> day_hours(const FieldWork& work) {
    std::map<std::pair<std::string, Date>, double> out;
    for (const StageHoursEntry& e : standing_hours(work))
        out.emplace(std::pair{e.line_id, e.on}, e.hours);
    return out;
}

FieldProgress derive_field_progress(const ServiceHistory& h, const FieldWork& work, Date today) {
    FieldProgress p;
    for (const ServiceFact& f : h.facts)
        if (f.kind == K::training_line) p.line_hours.emplace_back(f.id, line_hours(work, f.id));
    gbvs_progress(h, work, today, p);
    community_progress(h, work, today, p);
    const ServiceStage stage = derive_service_state(h, today).stage;
    if (stage == ServiceStage::closed || stage == ServiceStage::stopped) return p;
    twe_evaluations(h, work, today, p);
    assignments_due(work, today, p.notices);
    return p;
}

}  // namespace onthaal::domain
