// Calendar arithmetic on local dates (Europe/Brussels), for deadlines in "calendar days" and
// "months". Dates carry no time of day, so daylight-saving changes cannot shift a deadline; an
// instant is turned into its Brussels date first (time_text.hpp: brussels_date).
// Pure; thread-safe.
#pragma once

#include "domain/rule_result.hpp"

namespace onthaal::domain {

Date add_days(Date date, int days);

// Adds calendar months. When the day does not exist in the target month, the last day of that
// month is taken: 31 January + 1 month = 28 February (29 in a leap year). (reading: the seeds
// speak of "months" without saying how month ends fall; this is the usual reading.)
Date add_months(Date date, int months);
Date add_years(Date date, int years);

// Whole days from `from` to `to` (negative when `to` is earlier).
int days_between(Date from, Date to);

}  // namespace onthaal::domain
