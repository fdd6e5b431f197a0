// The agent's internal tunables: numbers that are not settings (nobody at a site should have to
// choose them) but were chosen by measurement. One place, a paragraph each on why that value; each
// is used from one place only. Settings people may change are in config/settings.def.
// Header-only constants; any thread.
#pragma once

#include <chrono>
#include <cstddef>

namespace onthaal::store::tunables {

// Pulled changes applied per write transaction. Each transaction moves the pull cursor past
// exactly the changes it holds, so a crash replays at most one chunk. 100 keeps each write short
// (a kiosk check-in waiting for the write lock waits for at most one chunk, and writer priority
// lets it go first between rows anyway) while one fsync per 100 changes keeps the pull at about
// 72,000 changes/s (docs/performance.md, #3).
inline constexpr std::size_t kPullApplyChunk = 100;

// WAL pages per checkpoint on the sync connections. A checkpoint copies the WAL's pages into the
// database file and fsyncs it; at SQLite's default of 1,000 pages (4 MiB) one such write kept this
// machine's disk busy for tens of ms, and a kiosk commit's own small fsync waited behind it
// (check-ins stalled 20-60 ms in about one benchmark run in ten). At 200: 2 such stalls in 86 runs
// against 6 in 84, and sync as fast (docs/performance.md).
inline constexpr int kCheckpointPages = 200;

// Writer priority (writer_priority.hpp). The slice is how long a background (sync) transaction
// keeps SQLite's write lock before it gives way to a waiting check-in: long enough to make
// progress under steady foreground load, short next to a check-in's 10 ms budget. The patience is
// how long a background transaction waits for announced foreground ones before it begins anyway,
// so a steady stream of check-ins cannot starve sync. A/B-tested in #4: 0 misses in 12 runs with
// these values, 3 without priority.
inline constexpr std::chrono::microseconds kBackgroundSlice{500};
inline constexpr std::chrono::milliseconds kBackgroundPatience{50};

// How long a connection waits for SQLite's write lock before a statement fails with "busy" (then
// a StoreError: sync retries with backoff; a check-in answers "ask at the desk"). 5 s is far past
// any transaction the agent itself makes (the longest, a 100-change chunk, takes a few ms), so only
// another process holding the lock (a backup tool, an admin's sqlite3 shell) reaches it.
inline constexpr int kBusyTimeoutMs = 5000;

// The busy handler's sleep between tries: 0.2 ms, growing by 0.05 ms per try up to 2 ms. SQLite's
// own handler sleeps 1, 2, 5, 10 ... ms, so a check-in that met the sync thread's write lock for a
// moment waited far longer than the lock was held.
inline constexpr std::chrono::microseconds kBusyFirstSleep{200};
inline constexpr std::chrono::microseconds kBusySleepStep{50};
inline constexpr std::chrono::microseconds kBusyMaxSleep{2000};

}  // namespace onthaal::store::tunables
