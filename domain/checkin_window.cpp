#include "domain/checkin_window.hpp"

namespace onthaal::domain {

CheckinTiming check_checkin_timing(Instant start, Instant now, CheckinWindow window) {
    if (brussels_date(start) != brussels_date(now)) return CheckinTiming::not_today;
    if (now < start - window.before) return CheckinTiming::too_early;
    if (now > start + window.after) return CheckinTiming::too_late;
    return CheckinTiming::allowed;
}

std::string_view reason_code(CheckinTiming timing) {
    switch (timing) {
        case CheckinTiming::allowed:
            return "ok";
        case CheckinTiming::not_today:
            return "checkin.not_today";
        case CheckinTiming::too_early:
            return "checkin.too_early";
        case CheckinTiming::too_late:
            return "checkin.too_late";
    }
    return "checkin.invalid";
}

}  // namespace onthaal::domain
