// The kiosk's check-in body (POST /api/v1/kiosk/checkin) as KioskCheckin reads it
// (kiosk_ui/request_bodies.hpp, through protocol::parse_untrusted_json), then what the handler
// and its use case do with it before the store: the code normalised and its check character
// checked, the national number checked (mod 97) and hashed. Documented: a request or a refusal
// with a message, nothing thrown. Checked besides: exactly one of code and number is set, within
// its length, and the screen id within 64 bytes.
#include <cstdint>
#include <string_view>
#include <vector>

#include "domain/checkin_code.hpp"
#include "domain/national_number.hpp"
#include "domain/national_number_hash.hpp"
#include "fuzz/fuzz_support.hpp"
#include "kiosk_ui/checkin_lookup.hpp"
#include "kiosk_ui/request_bodies.hpp"

namespace {

constexpr const char* kTarget = "kiosk_checkin_body";
using onthaal::fuzz::require;

void check_number(const std::string& number) {
    const auto check = onthaal::domain::check_national_number(number);
    if (!check.ok()) return;
    require(check.digits.size() == 11, kTarget, "a valid number that is not 11 digits");
    static const std::vector<unsigned char> key(32, 7);
    require(onthaal::domain::national_number_hash(check.digits, key).size() == 32, kTarget,
            "a hash that is not 32 bytes");
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view body(reinterpret_cast<const char*>(data), size);
    try {
        const auto read = onthaal::http::read_checkin_body(body);
        if (!read.request) {
            require(!read.refusal.empty(), kTarget, "a refusal without a message");
            return 0;
        }
        const auto& r = *read.request;
        require(r.screen.size() <= 64, kTarget, "a screen id over 64 bytes");
        require(r.code.has_value() != r.national_number.has_value(), kTarget,
                "not exactly one credential");
        if (r.code) {
            require(r.code->size() <= 64, kTarget, "a code over 64 bytes");
            (void)onthaal::domain::check_checkin_code(onthaal::http::normalise_code(*r.code));
        } else {
            require(r.national_number->size() <= 32, kTarget, "a number over 32 bytes");
            check_number(*r.national_number);
        }
    } catch (...) {
        onthaal::fuzz::unexpected_exception(kTarget);
    }
    return 0;
}
