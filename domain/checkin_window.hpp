// Whether a kiosk check-in is allowed now for an appointment (issue "kiosk check-in"):
// only appointments of today (Europe/Brussels) inside a window around their start, by default
// 60 minutes before to 30 after (configurable). Pure: `now` is passed in.
#pragma once

#include <chrono>
#include <string_view>

#include "domain/time_text.hpp"

namespace onthaal::domain {

enum class CheckinTiming { allowed, not_today, too_early, too_late };

struct CheckinWindow {
    std::chrono::minutes before{60};
    std::chrono::minutes after{30};
};

CheckinTiming check_checkin_timing(Instant appointment_start, Instant now, CheckinWindow window);

// Stable reason code, e.g. "checkin.too_early".
std::string_view reason_code(CheckinTiming timing);

}  // namespace onthaal::domain
