// Internal to domain/field_*.cpp: the small questions the checks and the progress of field work
// ask of a service's history and of the hours recorded. Pure; thread-safe.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <utility>

#include "domain/field_work.hpp"

namespace onthaal::domain {

// The training or stage line `id` of the service, or nullptr (a pointer into `h.facts`).
const ServiceFact* find_line(const ServiceHistory& h, const std::string& id);
// A GBVS line (000: registered from the 953070 line, stage type 9).
bool is_gbvs_line(const ServiceFact& line);
// A GLOW WES at a school, local government or non-profit: community service (001 §1.2).
bool is_community_line(const ServiceHistory& h, const ServiceFact& line);
// The GBVS's first day (its earliest line's start), or nullopt without a GBVS line.
std::optional<Date> gbvs_first_day(const ServiceHistory& h);
// Each (line, day)'s hours as they stand: the latest entry by (recorded_at, id).
std::map<std::pair<std::string, Date>, double> day_hours(const FieldWork& work);

}  // namespace onthaal::domain
