// Registering trainings, stages, community service and TWE evaluations.
// Seeds: 000 (GOB codes, financing numbers, GBVS), 001 §1.2–1.3.2 (GLOW, community service),
// 002 §3.4, 003 (TWE evaluation), 004 §2.4 (TWE trainings). Pure.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "domain/programme.hpp"
#include "domain/rule_result.hpp"
#include "domain/types.hpp"

namespace onthaal::domain {

enum class TrainingCode {
    occupational_exploration_953030,  // BVS
    work_experience_953081,           // WES
    remediation_953082,               // context factors + generic competences, max 3 months
    gob_specialised_953070,           // GOB: registered once per client
    recognised_training,              // a training from VDAB's training guide ("opleiding")
    gbvs_stage,  // GOB: specialised exploration stage, registered from the 953070 line (type 9)
};
// Stages (BVS, WES) are workplace learning: the training-length limits do not apply to them.
bool is_stage(TrainingCode code);
std::string_view to_string(TrainingCode code);
std::optional<TrainingCode> parse_training_code(std::string_view code);

// 000: financing number "regulier DGOB" by the province of the awarded package, e.g. O00S200.
std::string financing_number(Province province);

struct RegistrationFacts {
    TrainingCode code = TrainingCode::occupational_exploration_953030;
    Programme programme = Programme::tibb4;
    Date starts_on;
    Date ends_on;
    int earlier_953070_registrations = 0;  // of this client
};
RuleResult check_registration(const RegistrationFacts& facts);

// 000: a specialised occupational exploration stage (GBVS, stage type 9) is at most 800 stage hours
// spread over at most 8 months, over one or more stage places.
struct StageLine {
    Date starts_on;
    Date ends_on;
    double hours = 0;
};
RuleResult check_exploration_stage(const std::vector<StageLine>& lines);
// The stage's hours over all its lines and the days it spans (lines must not be empty).
struct StageSpan {
    double hours = 0;
    Date first;
    Date last;
};
StageSpan stage_span(const std::vector<StageLine>& lines);

// 001 §1.2, §1.3.2: a WES counts as community service only at a school, local government or
// non-profit, for a client benefit-entitled for more than 2 years, 32 to 64 hours a month.
enum class PlaceKind { school, local_government, non_profit, company };
RuleResult check_community_service(double hours_in_month, PlaceKind place,
                                   int months_benefit_entitled);

// 003: TWE evaluation on the workplace at least every 6 months; the development plan (POP) is
// updated after each evaluation.
RuleResult check_twe_evaluation(Date last_evaluation, Date today,
                                bool development_plan_updated_since);

}  // namespace onthaal::domain
