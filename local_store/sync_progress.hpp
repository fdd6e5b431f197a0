// What the agent's status shows of sync beyond the stored counts: the live progress of the
// current (or last) pull and push round, and why the worker stopped, in plain words.
//
// Progress: a new coach laptop's first pull, or a laptop back after a week offline pushing its
// queue, takes a while; the status and `onthaal-agent sync` show "received of total" (central's
// `remaining` on each pull page) and "sent of pending", with an estimate of the time left from
// the rate so far. Kept in memory only: it describes this process's rounds, and the stored
// status (SyncStatusSnapshot) says the rest.
//
// Ownership: the agent service owns one SyncProgress; the sync engine writes it (through
// SyncEngineSettings), the status route reads it. Thread: every member may be called from any
// thread (one mutex); the listener runs on the writer's thread, outside the lock.
// Failure: nothing throws but std::bad_alloc.
#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>

#include "local_store/sync_access.hpp"

namespace onthaal::store {

enum class SyncDirection { pull, push };

struct TransferProgress {
    bool active = false;    // a round is under way
    std::int64_t done = 0;  // changes received and applied, or mutations answered by central
    std::optional<std::int64_t> total;         // nullopt: not known (a central that does not count)
    std::optional<std::string> started_at;     // UTC text, the wall clock's
    std::optional<std::string> finished_at;    // set when the round ended (done or failed)
    std::optional<std::int64_t> seconds_left;  // from the rate so far; nullopt until measurable
};

class SyncProgress {
  public:
    using SteadyClock = std::function<std::chrono::steady_clock::time_point()>;
    using Listener = std::function<void(SyncDirection, const TransferProgress&)>;

    // `clock` measures the rate (steady: a jump of the wall clock must not skew it); tests pass
    // their own.
    explicit SyncProgress(SteadyClock clock = {});

    // A round begins with `done` already done (0) of `total`.
    void begin(SyncDirection direction, const std::string& started_at,
               std::optional<std::int64_t> total);
    // `done` so far in this round; `total` when known (it grows when central commits meanwhile).
    void advance(SyncDirection direction, std::int64_t done, std::optional<std::int64_t> total);
    void finish(SyncDirection direction, const std::string& finished_at);
    TransferProgress snapshot(SyncDirection direction) const;
    // Called after each change (the sync command prints progress lines from it). Set it before
    // the rounds begin.
    void set_listener(Listener listener);

  private:
    struct Round {
        TransferProgress shown;
        std::chrono::steady_clock::time_point began{};
    };
    Round& round(SyncDirection direction) {
        return direction == SyncDirection::pull ? pull_ : push_;
    }
    void estimate(Round& r) const;
    void notify(SyncDirection direction);

    SteadyClock clock_;
    mutable std::mutex mutex_;
    Round pull_;
    Round push_;
    std::shared_ptr<Listener> listener_;  // shared, not copied: a listener may keep state
};

// Why the worker stopped, kept as the first word of the stored last_error ("device_revoked:
// central answered 401 ..."), so it survives a restart without a schema change.
inline constexpr std::string_view kStopDeviceRevoked = "device_revoked";
inline constexpr std::string_view kStopWrongSite = "wrong_site";

struct SyncStop {
    std::string reason;      // kStopDeviceRevoked or kStopWrongSite
    std::string message_nl;  // for the desk's page
    std::string message_en;  // for `onthaal-agent status`
};

// nullopt unless the worker stopped because central does not accept this device (state
// device_not_authorised). The messages count the pending and quarantined mutations: they stay.
std::optional<SyncStop> sync_stop(const SyncStatusSnapshot& status);

}  // namespace onthaal::store
