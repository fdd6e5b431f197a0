// Date literals for the rules tests: d("2026-01-31").
#pragma once

#include <stdexcept>

#include "domain/time_text.hpp"

inline std::chrono::year_month_day d(const char* text) {
    const auto date = onthaal::domain::parse_date(text);
    if (!date) throw std::invalid_argument(text);
    return *date;
}
