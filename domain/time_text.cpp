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

// Two digits at `at`, or -1.
int two_digits(std::string_view s, std::size_t at) {
    const char a = s[at], b = s[at + 1];
    if (a < '0' || a > '9' || b < '0' || b > '9') return -1;
    return (a - '0') * 10 + (b - '0');
}

// The stored form "YYYY-MM-DDTHH:MM:SSZ" without iostreams: sync parses one per mutation and
// date::parse's stream set-up was a visible share of central's push time. Anything else
// (offsets, fractions, odd values) returns nullopt here and takes the general path below, which
// stays the one definition of what is accepted.
std::optional<Instant> parse_plain_utc(std::string_view s) {
    if (s.size() != 20 || s[4] != '-' || s[7] != '-' || s[10] != 'T' || s[13] != ':' ||
        s[16] != ':' || s[19] != 'Z')
        return std::nullopt;
    const int y1 = two_digits(s, 0), y2 = two_digits(s, 2), mo = two_digits(s, 5),
              d = two_digits(s, 8), h = two_digits(s, 11), mi = two_digits(s, 14),
              se = two_digits(s, 17);
    if (y1 < 0 || y2 < 0 || mo < 1 || d < 1 || h < 0 || h > 23 || mi < 0 || mi > 59 || se < 0 ||
        se > 59)
        return std::nullopt;
    const std::chrono::year_month_day ymd{std::chrono::year(y1 * 100 + y2),
                                          std::chrono::month(static_cast<unsigned>(mo)),
                                          std::chrono::day(static_cast<unsigned>(d))};
    if (!ymd.ok()) return std::nullopt;
    return std::chrono::sys_days(ymd) + std::chrono::hours(h) + std::chrono::minutes(mi) +
           std::chrono::seconds(se);
}

// date 3.0.1 (Debian 12) has undefined behaviour on some text that it then refuses: %S (and %T)
// convert an uninitialised long double when the seconds cannot be read (after their ':' neither
// a digit nor '.'; %T also when the hours or minutes fail), and %z negates minutes::min() when
// its '-' is followed by no digit. This finds such text after the 'T', so that parse_instant
// refuses it without date::parse; what is accepted does not change. Found by fuzzing
// (docs/fuzzing.md).
bool trips_date_parse(std::string_view s) {
    const auto t = s.find('T');
    if (t == std::string_view::npos) return false;  // date::parse stops at the missing 'T'
    for (std::size_t i = t + 1; i < s.size(); ++i) {
        const char next = i + 1 < s.size() ? s[i + 1] : '\0';
        const bool digit = next >= '0' && next <= '9';
        if ((s[i] == ':' && !digit && next != '.') || ((s[i] == '-' || s[i] == '+') && !digit))
            return true;
    }
    return false;
}

}  // namespace

std::optional<Instant> parse_instant(std::string_view text) {
    if (const auto fast = parse_plain_utc(text)) return fast;
    if (text.size() < 20 || text.size() > 40) return std::nullopt;
    // date::parse takes a signed or short year ("+026"); an appointment never has one.
    if (two_digits(text, 0) < 0 || two_digits(text, 2) < 0 || text[4] != '-') return std::nullopt;
    std::string s(text);
    // date::parse's %z wants "+0100" or, with %Ez, "+01:00"; map a trailing Z to +00:00.
    if (s.back() == 'Z' || s.back() == 'z') s = s.substr(0, s.size() - 1) + "+00:00";
    // Drop fractional seconds: instants are kept to the second.
    if (const auto dot = s.find('.'); dot != std::string::npos && dot == 19) {
        size_t end = dot + 1;
        while (end < s.size() && std::isdigit(static_cast<unsigned char>(s[end]))) ++end;
        s.erase(dot, end - dot);
    }
    if (trips_date_parse(s)) return std::nullopt;
    std::istringstream in(s);
    date::sys_seconds tp;
    // %H:%M:%S reads exactly what %T reads, without %T's fault (trips_date_parse).
    in >> date::parse("%FT%H:%M:%S%Ez", tp);
    if (in.fail() || in.peek() != std::char_traits<char>::eof()) return std::nullopt;
    return Instant(tp.time_since_epoch());
}

std::string format_instant(Instant instant) {
    const auto day = std::chrono::floor<std::chrono::days>(instant);
    const std::chrono::year_month_day ymd{day};
    const int year = static_cast<int>(ymd.year());
    if (year < 0 || year > 9999)
        return date::format("%FT%TZ", date::sys_seconds(instant.time_since_epoch()));
    const std::chrono::hh_mm_ss time{instant - day};
    char text[21];
    const auto put = [&text](std::size_t at, unsigned value, int width) {
        for (int i = width - 1; i >= 0; --i, value /= 10)
            text[at + static_cast<std::size_t>(i)] = static_cast<char>('0' + value % 10);
    };
    put(0, static_cast<unsigned>(year), 4);
    put(5, static_cast<unsigned>(ymd.month()), 2);
    put(8, static_cast<unsigned>(ymd.day()), 2);
    put(11, static_cast<unsigned>(time.hours().count()), 2);
    put(14, static_cast<unsigned>(time.minutes().count()), 2);
    put(17, static_cast<unsigned>(time.seconds().count()), 2);
    text[4] = text[7] = '-';
    text[10] = 'T';
    text[13] = text[16] = ':';
    text[19] = 'Z';
    return std::string(text, 20);
}

std::optional<std::chrono::year_month_day> parse_date(std::string_view text) {
    if (text.size() != 10) return std::nullopt;
    std::istringstream in{std::string(text)};
    date::year_month_day ymd;
    in >> date::parse("%F", ymd);
    if (in.fail() || !ymd.ok()) return std::nullopt;
    const std::chrono::year_month_day date(std::chrono::year(static_cast<int>(ymd.year())),
                                           std::chrono::month(static_cast<unsigned>(ymd.month())),
                                           std::chrono::day(static_cast<unsigned>(ymd.day())));
    // %F stops at what it can read: "2026-01-1x" and "2026-1-012" parse as 1 January. Only the
    // text the date writes back is that date.
    if (format_date(date) != text) return std::nullopt;
    return date;
}

std::string format_date_for_people(std::chrono::year_month_day d) {
    char buffer[16];
    std::snprintf(buffer, sizeof buffer, "%02u/%02u/%04d", static_cast<unsigned>(d.day()),
                  static_cast<unsigned>(d.month()), static_cast<int>(d.year()));
    return buffer;
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
