// Lets the kiosk's and the desk's writes go ahead of the sync worker's inside one agent process.
//
// Why: SQLite has one write lock per database file and no queue. A connection that finds it
// taken sleeps in its busy handler and retries, so (1) a sync thread that commits and begins its
// next transaction at once usually takes the lock again before a waiting check-in wakes up, and
// (2) a long sync transaction (marking 500 pushed mutations) makes a check-in wait for all of it,
// longer still when the sync thread, running at a lower CPU priority, is preempted meanwhile.
// Measured: check-in commits waited up to 4.4 ms for the lock during a push backlog.
//
// How: every connection of the store in this process shares one WriterPriority and has a role.
//  - A foreground transaction is announced from before its BEGIN until it ends.
//  - A background transaction does not begin while one is announced (it waits, bounded).
//  - A background transaction may call Transaction::should_yield()/yield() between independent
//    units of work: when a foreground one is waiting, it gives way (rolling back or committing
//    what it has, see transaction.hpp), waits, and begins anew.
// Other processes (the `onthaal-agent sync` command, a backup) still meet SQLite's plain lock.
//
// Ownership: shared (std::shared_ptr) by the connections that use it; it holds no connection.
// Thread: every member may be called from any thread. Failure: nothing throws.
#pragma once

#include "local_store/tunables.hpp"

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <mutex>

namespace onthaal::store {

enum class WriterRole { foreground, background };

class WriterPriority {
  public:
    // `background_slice`: how long a background transaction keeps the lock before it gives way to
    // a waiting foreground one. `background_patience`: how long a background transaction waits
    // for announced foreground ones before it begins anyway. Why these defaults: tunables.hpp.
    explicit WriterPriority(
        std::chrono::microseconds background_slice = tunables::kBackgroundSlice,
        std::chrono::milliseconds background_patience = tunables::kBackgroundPatience)
        : background_slice_(background_slice), background_patience_(background_patience) {}

    std::chrono::microseconds background_slice() const { return background_slice_; }
    std::chrono::milliseconds background_patience() const { return background_patience_; }

    void foreground_begins();
    void foreground_ends();
    bool foreground_waiting() const { return announced_.load(std::memory_order_acquire) > 0; }
    // Returns once no foreground transaction is announced, or after background_patience() (so a
    // steady stream of check-ins cannot starve sync: it then competes for SQLite's lock as before).
    void wait_for_foreground();

  private:
    const std::chrono::microseconds background_slice_;
    const std::chrono::milliseconds background_patience_;
    std::atomic<int> announced_{0};
    std::mutex mutex_;
    std::condition_variable none_announced_;
};

}  // namespace onthaal::store
