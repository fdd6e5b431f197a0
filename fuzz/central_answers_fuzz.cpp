// Central's other answers as the agent reads them (sync/sync_protocol.hpp): the hello (device
// identity, role, site and its hash key, central's notes public key) and the results of a push of
// three mutations. Every input is read as both. Documented: a value or ProtocolError (transient:
// retried with backoff). Checked besides: a hello's hash key is 32 bytes; a push answer has one
// result per mutation sent.
#include <cstdint>
#include <string>
#include <vector>

#include "fuzz/fuzz_support.hpp"
#include "sync/sync_protocol.hpp"

namespace {

constexpr const char* kTarget = "central_answers";
using onthaal::fuzz::require;

// The batch the answer is read against: the ids seeds in fuzz/corpus/central_answers/ use.
std::vector<onthaal::store::OutboxEntry> pushed() {
    std::vector<onthaal::store::OutboxEntry> entries;
    for (const char* id : {"m-1", "m-2", "m-3"}) {
        onthaal::store::OutboxEntry e;
        e.mutation_id = id;
        e.entity = "attendance";
        e.entity_id = "a1";
        entries.push_back(e);
    }
    return entries;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string body(reinterpret_cast<const char*>(data), size);
    try {
        try {
            const auto hello = onthaal::sync::parse_hello(body);
            require(hello.site.hash_key.size() == 32, kTarget, "a hash key that is not 32 bytes");
        } catch (const onthaal::sync::ProtocolError&) {
        }
        static const auto batch = pushed();
        try {
            const auto outcomes = onthaal::sync::parse_push_results(body, batch);
            require(outcomes.size() == batch.size(), kTarget, "not one outcome per mutation");
        } catch (const onthaal::sync::ProtocolError&) {
        }
    } catch (...) {
        onthaal::fuzz::unexpected_exception(kTarget);
    }
    return 0;
}
