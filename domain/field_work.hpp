// What a field coach records about a client's service on the workplace (issue 14): visits (an
// evaluation is a visit of that kind), stage hours per day per stage line, and the work points and
// assignments of an agreement sheet; and what the rules make of them: the progress bars (GBVS
// hours and months, community-service hours per month), the TWE evaluation rhythm, overdue
// assignments. Seeds: 000 (GBVS 800 hours over 8 months), 001 §1.2 and §1.3.2 (community service
// 32 to 64 hours a month), 003 (TWE evaluation at least every 6 months and once per action, the
// POP updated after each evaluation), 002 §2.2 (the agreement sheet's work points and
// assignments).
//
// Both the agent (offline, before keeping a fact) and central (again, on its own state) call the
// same checks. A visit's notes are none of the rules' business: they never reach this layer.
//
// Pure: `today` (a Brussels date) is passed in. Thread: any. Failure: none; rules answer with a
// RuleResult (reason codes in docs/rules.md).
#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "domain/service_state.hpp"

namespace onthaal::domain {

enum class VisitKind { intake, evaluation, follow_up, aftercare };

struct WorkplaceVisit {
    std::string id;
    VisitKind kind = VisitKind::follow_up;
    Date on;
    int duration_min = 0;
    std::string action_id;                  // evaluation: the training or stage line evaluated
    bool development_plan_updated = false;  // evaluation: the POP was updated after it (003)
};

// The hours a client spent on one stage line on one day. Append-only: a correction is a new entry
// that names the entry it replaces, so one day is never counted twice. Entries of one line and
// day that replace nothing of each other (two devices, offline) are ordered by recorded_at, then
// id, the same on every device, and the latest stands.
struct StageHoursEntry {
    std::string id;
    std::string line_id;  // a training_line fact of the service
    Date on;
    double hours = 0;
    std::string recorded_at;  // UTC text
    std::string replaces;     // the entry of the same line and day this corrects, or ""
};

struct Assignment {
    std::string text;
    std::optional<Date> deadline;
    bool done = false;
};

// The work points and assignments of one agreement sheet: a record people edit (versioned).
struct WorkPlan {
    std::string sheet_id;  // the agreement_sheet fact
    std::vector<std::string> work_points;
    std::vector<Assignment> assignments;
};

struct FieldWork {
    std::vector<WorkplaceVisit> visits;  // the current version of each
    std::vector<StageHoursEntry> hours;  // any order
    std::vector<WorkPlan> plans;
};

inline constexpr double kGbvsMaxHours = 800;      // 000
inline constexpr int kGbvsMaxMonths = 8;          // 000
inline constexpr double kCommunityMinHours = 32;  // 001 §1.2
inline constexpr double kCommunityMaxHours = 64;  // 001 §1.2
inline constexpr int kTweEvaluationMonths = 6;    // 003
inline constexpr double kMaxHoursInADay = 12;     // (reading) a stage day, never more
inline constexpr int kMaxVisitMinutes = 12 * 60;  // (reading) one visit, one working day
inline constexpr double kNearLimitShare = 0.9;    // warn at 90 % of a limit (issue 14)

// The GBVS bar: recorded hours against 800, and the 8 months from the stage's first day.
struct GbvsProgress {
    double hours = 0;
    Date first_day;
    Date last_allowed_day;  // the day before 8 months from the first
    int days_used = 0;      // first day to today (or the last recorded day once past)
    int days_allowed = 0;
};

// One month of a community-service line (a GLOW WES at a school, local government or non-profit).
struct CommunityMonth {
    std::chrono::year_month month;
    double hours = 0;
    double projected = 0;  // the current month: hours at this pace by its end; else = hours
    bool current = false;
};

struct FieldProgress {
    std::optional<GbvsProgress> gbvs;
    std::vector<CommunityMonth> community;  // oldest first, up to the current month
    // TWE: the last evaluation (or the start it is counted from) and the next one's due date.
    std::optional<Date> last_evaluation;
    std::optional<Date> evaluation_due;
    // Per stage or training line: its hours recorded so far (line id, hours).
    std::vector<std::pair<std::string, double>> line_hours;
    // Warnings (allowed == false) and deadlines, each with its reason code and due date.
    std::vector<RuleResult> notices;
};

FieldProgress derive_field_progress(const ServiceHistory& history, const FieldWork& work,
                                    Date today);

// Whether a visit (new, or a new version of one) may be kept.
RuleResult check_visit(const ServiceHistory& history, const WorkplaceVisit& visit, Date today);
// Whether stage hours may be kept: the line exists and the day lies in it and not in the future;
// a day holds at most 12 hours; a GBVS stays within 800 hours. Remarks near a limit.
RuleResult check_stage_hours(const ServiceHistory& history, const FieldWork& work,
                             const StageHoursEntry& entry, Date today);
// Whether a sheet's work points and assignments may be kept: the sheet exists, texts are given.
RuleResult check_work_plan(const ServiceHistory& history, const WorkPlan& plan);

// The entries that stand (the latest of each line and day), by day, then line.
std::vector<StageHoursEntry> standing_hours(const FieldWork& work);
// Each line and day's hours as they stand (the latest entry of each), summed per line.
double line_hours(const FieldWork& work, const std::string& line_id);

std::string_view to_string(VisitKind kind);
std::string_view to_string(PlaceKind place);
std::optional<PlaceKind> parse_place_kind(std::string_view text);
std::optional<VisitKind> parse_visit_kind(std::string_view text);

}  // namespace onthaal::domain
