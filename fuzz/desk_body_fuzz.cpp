// The desk's request bodies as DeskApi reads them (kiosk_ui/request_bodies.hpp, through
// protocol::parse_untrusted_json): every input is read as a sign-in, an appointment's outcome and
// a planned appointment. Documented: a request or a refusal with a message, nothing thrown.
// Checked besides: the limits each reader promises (password, duration, location).
#include <cstdint>
#include <string_view>

#include "fuzz/fuzz_support.hpp"
#include "kiosk_ui/request_bodies.hpp"

namespace {

constexpr const char* kTarget = "desk_body";
using onthaal::fuzz::require;

template <class Request>
bool accepted(const onthaal::http::BodyRead<Request>& read) {
    require(read.request.has_value() == read.refusal.empty(), kTarget,
            "a body both accepted and refused, or neither");
    return read.request.has_value();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view body(reinterpret_cast<const char*>(data), size);
    try {
        const auto login = onthaal::http::read_login_body(body);
        if (accepted(login))
            require(login.request->password.size() <= 512, kTarget, "a password over 512 bytes");
        const auto outcome = onthaal::http::read_outcome_body(body);
        (void)accepted(outcome);
        const auto plan = onthaal::http::read_plan_body(body);
        if (accepted(plan)) {
            require(plan.request->duration_min >= 1 && plan.request->duration_min <= 1440, kTarget,
                    "a duration outside 1..1440");
            require(plan.request->location.size() <= 200, kTarget, "a location over 200 bytes");
        }
    } catch (...) {
        onthaal::fuzz::unexpected_exception(kTarget);
    }
    return 0;
}
