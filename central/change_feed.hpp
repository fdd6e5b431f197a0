// Central's change feed: every change a device may need is appended with a server sequence
// (CouchDB's changes feed idea); a device pulls "changes after my cursor" for its own scope.
//
// Scope (who sees which change): entities/central_feed.hpp, where changes are appended.
// Thread: the caller's. Failure: StoreError.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "entities/central_feed.hpp"
#include "local_store/sqlite_database.hpp"

namespace onthaal::central {

using entities::append_change;
using entities::ChangeAudience;
using entities::DeviceScope;

struct ChangePage {
    std::string changes_json;  // a JSON array, built from the stored payloads without re-parsing
    std::int64_t cursor = 0;  // the last sequence read, also past the device's own facts it skipped
    std::size_t count = 0;
    bool has_more = false;
    // Changes of the scope after `cursor` when the page was read (feed_remaining.hpp); filled in
    // by the store that serves the pull.
    std::int64_t remaining = 0;
};

// `kiosk_since` (UTC text, a day before now): a kiosk receives a dated record that ended before
// it as a delete (entities/central_feed.hpp, kiosk_until).
ChangePage read_changes(store::Database& db, const DeviceScope& scope, std::int64_t after,
                        std::size_t limit, const std::string& kiosk_since);

// Highest sequence in the feed (for status and tests).
std::int64_t last_sequence(store::Database& db);

}  // namespace onthaal::central
