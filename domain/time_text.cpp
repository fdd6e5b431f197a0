#include "domain/time_text.hpp"

#include <date/date.h>
#include <date/tz.h>

#include <sstream>

namespace onthaal::domain {
namespace {

const date::time_zone* brussels() {
    static const date::time_zone* zone = date::locate_zone("Europe/Brussels");
    return zone;
}

}  // namespace

std::optional<Instant> parse_instant(std::string_view text) {
    if (text.size() < 20 || text.size() > 40) return std::nullopt;
    std::string s(text);
    // date::parse's %z wants "+0100" or, with %Ez, "+01:00"; map a trailing Z to +00:00.
    if (s.back() == 'Z' || s.back() == 'z') s = s.substr(0, s.size() - 1) + "+00:00";
    // Drop fractional seconds: instants are kept to the second.
    if (const auto dot = s.find('.'); dot != std::string::npos && dot == 19) {
        size_t end = dot + 1;
        while (end < s.size() && std::isdigit(static_cast<unsigned char>(s[end]))) ++end;
        s.erase(dot, end - dot);
    }
    std::istringstream in(s);
    date::sys_seconds tp;
    in >> date::parse("%FT%T%Ez", tp);
    if (in.fail() || in.peek() != std::char_traits<char>::eof()) return std::nullopt;
    return Instant(tp.time_since_epoch());
}

std::string format_instant(Instant instant) {
    return date::format("%FT%TZ", date::sys_seconds(instant.time_since_epoch()));
}

std::optional<std::chrono::year_month_day> parse_date(std::string_view text) {
    if (text.size() != 10) return std::nullopt;
    std::istringstream in{std::string(text)};
    date::year_month_day ymd;
    in >> date::parse("%F", ymd);
    if (in.fail() || !ymd.ok()) return std::nullopt;
    return std::chrono::year_month_day(std::chrono::year(static_cast<int>(ymd.year())),
                                       std::chrono::month(static_cast<unsigned>(ymd.month())),
                                       std::chrono::day(static_cast<unsigned>(ymd.day())));
}

std::string format_date(std::chrono::year_month_day d) {
    char buffer[16];
    std::snprintf(buffer, sizeof buffer, "%04d-%02u-%02u", static_cast<int>(d.year()),
                  static_cast<unsigned>(d.month()), static_cast<unsigned>(d.day()));
    return buffer;
}

std::chrono::year_month_day brussels_date(Instant instant) {
    const auto local = date::make_zoned(brussels(), date::sys_seconds(instant.time_since_epoch()))
                           .get_local_time();
    // Calendar arithmetic only: the local day count since 1970-01-01 names the same civil date.
    const auto day_count = date::floor<date::days>(local).time_since_epoch().count();
    return std::chrono::year_month_day(std::chrono::sys_days(std::chrono::days(day_count)));
}

Instant brussels_day_start(std::chrono::year_month_day day) {
    const date::local_days local{date::days(std::chrono::sys_days(day).time_since_epoch().count())};
    // Midnight always exists in Brussels (the clock changes at 02:00/03:00), so no ambiguity
    // arises.
    const auto zoned = date::make_zoned(brussels(), local, date::choose::earliest);
    return Instant(
        std::chrono::floor<std::chrono::seconds>(zoned.get_sys_time()).time_since_epoch());
}

std::string brussels_time_of_day(Instant instant) {
    const auto zoned = date::make_zoned(brussels(), date::sys_seconds(instant.time_since_epoch()));
    return date::format("%H:%M", zoned);
}

}  // namespace onthaal::domain
