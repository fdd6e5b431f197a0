#include "kiosk_ui/checkin_lookup.hpp"

#include <cctype>

#include "domain/national_number.hpp"
#include "domain/national_number_hash.hpp"

namespace onthaal::http {
namespace {

CheckinLookup refused(CheckinRefusal why, std::string_view code) {
    CheckinLookup r;
    r.refusal = why;
    r.reason_code = code;
    return r;
}

}  // namespace

std::string normalise_code(std::string_view raw) {
    std::string code;
    for (char c : raw) {
        if (c == ' ' || c == '-') continue;
        code += static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    }
    return code;
}

void FindCheckin::warm_up(domain::Instant now) {
    store_.warm_up_lookups();
    try {
        keys_.national_number_key();
    } catch (const store::KeyFileError&) {
        // Reported to the first client who checks in by number, and by the start-up check.
    }
    domain::check_checkin_timing(now, now, window_);
    domain::brussels_time_of_day(now);
}

CheckinLookup FindCheckin::run(const CheckinQuery& query) {
    if (query.code) {
        auto appointment = store_.appointment_by_code(normalise_code(*query.code));
        if (!appointment) return refused(CheckinRefusal::unknown_code, "unknown_code");
        return timed(std::move(*appointment), query.now);
    }
    return by_number(query.national_number.value_or(""), query.now);
}

CheckinLookup FindCheckin::by_number(const std::string& number, domain::Instant now) {
    const auto check = domain::check_national_number(number);
    if (!check.ok())
        return refused(CheckinRefusal::invalid_number, domain::reason_code(check.problem));
    const auto key = keys_.national_number_key();
    if (!key) return refused(CheckinRefusal::not_ready, "not_ready");
    // Only appointments whose window contains now can be checked in: look no further than that.
    const auto from = domain::format_instant(now - window_.after);
    const auto to = domain::format_instant(now + window_.before + std::chrono::seconds(1));
    auto found = store_.appointments_by_national_hash(
        domain::national_number_hash(check.digits, *key), from, to);
    if (found.empty()) return refused(CheckinRefusal::no_appointment_now, "no_appointment_now");
    return timed(std::move(found.front()), now);
}

CheckinLookup FindCheckin::timed(store::AppointmentView appointment, domain::Instant now) const {
    const auto start = domain::parse_instant(appointment.starts_at);
    const auto timing = start ? domain::check_checkin_timing(*start, now, window_)
                              : domain::CheckinTiming::not_today;
    if (timing != domain::CheckinTiming::allowed) {
        CheckinLookup r = refused(CheckinRefusal::wrong_time, domain::reason_code(timing));
        if (timing == domain::CheckinTiming::too_early)
            r.come_back_at = domain::brussels_time_of_day(*start - window_.before);
        return r;
    }
    CheckinLookup ok;
    ok.appointment = std::move(appointment);
    return ok;
}

}  // namespace onthaal::http
