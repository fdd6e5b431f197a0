// The import file (`onthaal-central import`, docs/import-format.md) as central loads it
// (central/site_import.hpp) into a fresh copy of the fixture's store (fuzz/central_fixture.hpp),
// for site s1. Documented: an ImportSummary, or AdminError naming the record and field (the file
// is then rejected whole). Anything else, a StoreError included, is a finding: the store is sound,
// so only the file can have caused it. Checked besides: the summary counts what the file held.
#include <cstdint>
#include <string>

#include "central/central_admin.hpp"
#include "central/site_import.hpp"
#include "fuzz/central_fixture.hpp"
#include "fuzz/fuzz_support.hpp"

namespace {

constexpr const char* kTarget = "site_import";
using onthaal::fuzz::require;

onthaal::fuzz::TemplateStore& central_store() {
    static onthaal::fuzz::TemplateStore store(onthaal::fuzz::fill_central_template);
    return store;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string file(reinterpret_cast<const char*>(data), size);
    try {
        onthaal::store::Database db = central_store().fresh_copy();
        try {
            const auto summary = onthaal::central::import_site_file(db, "s1", file);
            // A client may bring its service, an appointment its outcome (a fact of its own).
            require(summary.changed <= summary.staff + 2 * summary.clients +
                                           2 * summary.appointments + summary.services +
                                           summary.month_categories + summary.service_facts,
                    kTarget, "more records changed than the file held");
        } catch (const onthaal::central::AdminError&) {
        }
    } catch (...) {
        onthaal::fuzz::unexpected_exception(kTarget);
    }
    return 0;
}
