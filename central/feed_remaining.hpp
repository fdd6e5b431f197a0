// How many changes of a device's scope follow a pull page (the pull answer's `remaining`), so a
// new laptop's first pull, or any long catch-up, can show "received of total" and the time left.
//
// Counting the rest of the feed on every page would make a catch-up of N pages read the feed
// N times (a 100,000-change bootstrap: 20 ms a page). So the count is kept per device: the
// first page of a catch-up counts the rest once; each next page (the device asks from the cursor
// it was given) subtracts what the page held and adds only what was appended since. Exact, since
// the feed is append-only and SQLite's single writer makes sequences visible in order.
//
// Ownership: held by the store that serves pulls (SqliteCentralStore); remembers at most one
// entry per device. Thread: that store's thread (central's I/O thread). Failure: StoreError.
#pragma once

#include <cstdint>
#include <string>
#include <unordered_map>

#include "central/change_feed.hpp"

namespace onthaal::central {

class RemainingCounter {
  public:
    // The changes of `scope` after `page` (which was read after `after`), the device's own facts
    // excepted, as the page skips them.
    std::int64_t remaining_after(store::Database& db, const DeviceScope& scope, std::int64_t after,
                                 const ChangePage& page);

  private:
    struct Known {
        std::int64_t cursor = 0;      // the page's cursor this count follows
        std::int64_t remaining = 0;   // changes of the scope in (cursor, counted_to]
        std::int64_t counted_to = 0;  // the site's last sequence when counted
    };
    Known count_after(store::Database& db, const DeviceScope& scope, std::int64_t cursor);

    std::unordered_map<std::string, Known> by_device_;
};

}  // namespace onthaal::central
