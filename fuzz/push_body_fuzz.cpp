// A device's push body (POST /api/v1/sync/push) as central applies it (central/push_apply.hpp:
// parse_untrusted_json, MutationEnvelope::from_json, each entity's payload reader and its checks
// on central's state), once from each kind of device (kiosk, desk, coach), each time on a fresh
// copy of the fixture's store. Documented: a response body, or PushFormatError for a body that is
// malformed as a whole. A StoreError here is a finding: the store is sound, so only the input can
// cause it, and a push answered 500 is retried by its device forever. Checked besides: one result
// per mutation sent (the device refuses any other answer).
#include <cstdint>
#include <nlohmann/json.hpp>
#include <string>

#include "central/push_apply.hpp"
#include "fuzz/central_fixture.hpp"
#include "fuzz/fuzz_support.hpp"
#include "protocol/json_input.hpp"

namespace {

constexpr const char* kTarget = "push_body";
using onthaal::fuzz::require;

onthaal::fuzz::TemplateStore& central_store() {
    static onthaal::fuzz::TemplateStore store(onthaal::fuzz::fill_central_template);
    return store;
}

void push_from(const onthaal::central::DeviceScope& device, const std::string& body,
               std::size_t mutations) {
    onthaal::store::Database db = central_store().fresh_copy();
    std::string answer;
    try {
        answer = onthaal::central::apply_push(db, device, body, onthaal::fuzz::kCentralNow);
    } catch (const onthaal::central::PushFormatError&) {
        return;  // the documented 400
    }
    const auto results = nlohmann::json::parse(answer).at("results");
    require(results.size() == mutations, kTarget, "not one result per mutation");
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string body(reinterpret_cast<const char*>(data), size);
    try {
        // How many mutations central should answer for, when the body is a push at all.
        const auto in = onthaal::protocol::parse_untrusted_json(body);
        const bool push = in.ok() && in.value.is_object() && in.value.contains("mutations") &&
                          in.value["mutations"].is_array();
        const std::size_t mutations = push ? in.value["mutations"].size() : 0;
        for (const auto* device : {&onthaal::fuzz::kKioskDevice, &onthaal::fuzz::kDeskDevice,
                                   &onthaal::fuzz::kCoachDevice})
            push_from(*device, body, mutations);
    } catch (...) {
        onthaal::fuzz::unexpected_exception(kTarget);
    }
    return 0;
}
