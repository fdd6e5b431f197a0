// The wire format of docs/sync-protocol.md, on the agent's side: building a push body from
// outbox entries, and reading central's push results, pull pages and hello answer.
//
// Central's JSON is input like any other: every parse function checks the shape it relies on
// and throws ProtocolError (treated as transient: retried with backoff) instead of crashing or
// half-applying. Pure; thread-safe.
#pragma once

#include <nlohmann/json.hpp>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include "local_store/note_seal.hpp"
#include "local_store/sync_access.hpp"
#include "protocol/changes.hpp"

namespace onthaal::sync {

class ProtocolError : public std::runtime_error {
  public:
    using std::runtime_error::runtime_error;
};

std::string build_push_body(const std::string& device_id,
                            const std::vector<store::OutboxEntry>& entries);

// Every pushed id must come back exactly once; anything else is a ProtocolError.
std::vector<store::PushOutcome> parse_push_results(const std::string& body,
                                                   const std::vector<store::OutboxEntry>& pushed);

// The page must be sound as a whole (increasing sequences, a cursor past them); a change whose
// own envelope is malformed comes back with its `problem` set, to be set aside by the store.
struct PullPage {
    std::vector<protocol::PulledChange> changes;
    std::int64_t cursor = 0;
    bool has_more = false;
    // Changes of this device's scope after the page (central's count; docs/sync-protocol.md).
    // nullopt from a central that does not say, or says something that is not a count: progress
    // then shows what was received without a total.
    std::optional<std::int64_t> remaining;
};
PullPage parse_pull_page(const std::string& body, std::int64_t requested_cursor);

struct HelloAnswer {
    store::DeviceIdentity identity;
    store::SiteRecord site;
    // Central's key for sealing confidential notes to it (issue 14); nullopt from a central that
    // sends none. Present but not 64 hex characters: ProtocolError.
    std::optional<store::PublicKey> notes_public_key;
    // The letter before this kiosk device's queue numbers (issue 15); "" when central gives none.
    // Present but not 1 or 2 capital letters: ProtocolError.
    std::string queue_letter;
};
HelloAnswer parse_hello(const std::string& body);

}  // namespace onthaal::sync
