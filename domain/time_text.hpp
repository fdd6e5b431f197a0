// Instants and dates as text, the way they cross the wire and sit in the stores.
//   instants: UTC "2026-11-23T08:30:00Z" (stored); input may carry any offset ("+01:00").
//   local dates: "2026-11-23", a calendar day in Europe/Brussels.
// Pure (time is passed in; the tz database is read-only data). Thread-safe.
// Failure: parse functions return std::nullopt; nothing throws on bad text.
#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <string_view>

namespace onthaal::domain {

using Instant = std::chrono::sys_seconds;

// "2026-11-23T09:30:00+01:00", "...Z", or with fractional seconds (dropped). An offset is required.
std::optional<Instant> parse_instant(std::string_view text);
// "2026-11-23T08:30:00Z".
std::string format_instant(Instant instant);

std::optional<std::chrono::year_month_day> parse_date(std::string_view text);
std::string format_date(std::chrono::year_month_day date);
// "dd/mm/yyyy", as people in Flanders read a date (messages, pages, printouts).
std::string format_date_for_people(std::chrono::year_month_day date);

// The calendar day and wall-clock time of an instant in Europe/Brussels.
std::chrono::year_month_day brussels_date(Instant instant);
// The first instant of a Brussels calendar day (its local midnight, in UTC).
Instant brussels_day_start(std::chrono::year_month_day date);

// "HH:MM" in Europe/Brussels.
std::string brussels_time_of_day(Instant instant);

}  // namespace onthaal::domain
