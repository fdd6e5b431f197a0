// A pull page from central (GET /api/v1/sync/pull) as the agent's pull thread takes it:
// sync::parse_pull_page (PulledChange::from_json for each change), then SyncAccess's
// apply_pulled_page through the entity registry into a fresh copy of an agent's store (a desk of
// site s1), then the retry of what was set aside. Documented: ProtocolError for a page that is
// unsound as a whole; applying never throws for a sound page ("nothing wedges": a change that
// cannot be applied is set aside). Checked besides: the cursor ends where the page said.
#include <cstdint>
#include <string>
#include <vector>

#include "entities/entity_registry.hpp"
#include "fuzz/fuzz_support.hpp"
#include "local_store/store_open.hpp"
#include "local_store/sync_access.hpp"
#include "log/event_log.hpp"
#include "sync/sync_protocol.hpp"

namespace {

constexpr const char* kTarget = "pull_page";
constexpr const char* kNow = "2026-11-23T08:45:00Z";
using onthaal::fuzz::require;
namespace store = onthaal::store;

void fill_agent_template(const std::string& path) {
    store::Database db = store::open_agent_store(path);
    store::SyncAccess(db).save_identity(
        {"dev-desk", "s1", onthaal::domain::DeviceRole::desk, std::nullopt},
        {"s1", "Site 1", "O", std::vector<unsigned char>(32, 7)});
}

onthaal::fuzz::TemplateStore& agent_store() {
    static onthaal::fuzz::TemplateStore store(fill_agent_template);
    return store;
}

}  // namespace

extern "C" int LLVMFuzzerInitialize(int*, char***) {
    // A set-aside change is logged; a line per input would bury libFuzzer's own output.
    onthaal::log::set_min_level(onthaal::log::Level::error);
    return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string body(reinterpret_cast<const char*>(data), size);
    try {
        store::Database db = agent_store().fresh_copy();
        store::SyncAccess access(db);
        onthaal::sync::PullPage page;
        try {
            page = onthaal::sync::parse_pull_page(body, access.pull_cursor());
        } catch (const onthaal::sync::ProtocolError&) {
            return 0;  // refused whole, pulled again later
        }
        const auto& registry = onthaal::entities::standard_registry();
        access.apply_pulled_page(page.changes, page.cursor, registry, kNow);
        require(access.pull_cursor() == page.cursor, kTarget, "the cursor is not the page's");
        access.retry_set_aside(registry, kNow);
    } catch (...) {
        onthaal::fuzz::unexpected_exception(kTarget);
    }
    return 0;
}
