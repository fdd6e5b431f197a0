#include "domain/calendar.hpp"

namespace onthaal::domain {

Date add_days(Date date, int days) {
    return Date(std::chrono::sys_days(date) + std::chrono::days(days));
}

Date add_months(Date date, int months) {
    const std::chrono::year_month ym =
        std::chrono::year_month(date.year(), date.month()) + std::chrono::months(months);
    const std::chrono::day last =
        std::chrono::year_month_day_last(ym.year(), std::chrono::month_day_last(ym.month())).day();
    return Date(ym.year(), ym.month(), date.day() > last ? last : date.day());
}

Date add_years(Date date, int years) {
    return add_months(date, 12 * years);
}

int days_between(Date from, Date to) {
    return static_cast<int>((std::chrono::sys_days(to) - std::chrono::sys_days(from)).count());
}

}  // namespace onthaal::domain
