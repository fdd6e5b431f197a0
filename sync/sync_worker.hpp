// The agent's background sync: a push thread and a pull thread, each with its own store
// connection and its own HTTP client, so a long-poll pull never delays a push.
//
// The push thread sleeps until woken by a local commit (then waits sync_push_delay_ms to batch a
// burst) or until the pull interval passes (to retry anything pending). The pull thread
// long-polls central (or polls every sync_pull_interval_s). After a transient failure a thread
// waits per RetryBackoff (full jitter, Retry-After honoured). A 401 stops both threads with the
// status "device not authorised": no retry storm; the outbox is left as it is.
//
// Every wait (push delay, pull interval, backoff, and the HTTP deadlines) is measured on the
// steady clock, never the wall clock: a laptop whose clock is set back or forward by days, or
// jumps after a suspend, neither sleeps for days nor spins. The outbox goes out in its own order
// (seq), whatever the clock said when each fact was recorded.
//
// Ownership: owns its threads; stop() (or the destructor) ends and joins them promptly, also in
// the middle of a long-poll. Thread: wake_push() and state() may be called from any thread.
// Its connections are background writers of `priority` when one is given (writer_priority.hpp):
// the kiosk's and desk's commits go first.
#pragma once

#include <atomic>
#include <condition_variable>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>

#include "config/agent_config.hpp"
#include "local_store/writer_priority.hpp"
#include "sync/retry_backoff.hpp"
#include "sync/sync_engine.hpp"

namespace onthaal::store {
class SyncAccess;
class SyncProgress;
}  // namespace onthaal::store

namespace onthaal::sync {

class CentralClient;

class SyncWorker {
  public:
    // `progress` (may be null) receives each round's progress; it must outlive the worker.
    SyncWorker(const config::AgentConfig& config, std::string device_token,
               std::shared_ptr<store::WriterPriority> priority = nullptr,
               store::SyncProgress* progress = nullptr);
    ~SyncWorker();
    SyncWorker(const SyncWorker&) = delete;
    SyncWorker& operator=(const SyncWorker&) = delete;

    void start();
    void wake_push();
    void stop();
    bool unauthorised() const { return unauthorised_.load(); }

  private:
    void push_loop();
    void pull_loop();
    // Sleeps up to `duration`; returns early (true) when stopping, or when woken if `wakeable`.
    bool sleep_for(std::chrono::milliseconds duration, bool wakeable);
    bool is_stopping();
    void stop_unauthorised(store::SyncAccess& access, const std::string& error,
                           const std::string& at);
    StepResult guarded(const std::function<StepResult()>& step);
    std::optional<std::chrono::milliseconds> settle(store::SyncAccess& access,
                                                    RetryBackoff& backoff, const StepResult& r,
                                                    const char* what);

    config::AgentConfig config_;
    std::string token_;
    std::shared_ptr<store::WriterPriority> priority_;
    store::SyncProgress* progress_;
    std::mutex mutex_;
    std::condition_variable cv_;
    bool stopping_ = false;
    bool push_wanted_ = false;
    std::atomic<bool> unauthorised_{false};
    std::unique_ptr<CentralClient> push_client_;
    std::unique_ptr<CentralClient> pull_client_;
    std::thread push_thread_;
    std::thread pull_thread_;
};

// Reads the token from config.device_token or config.device_token_file. Throws
// std::runtime_error naming the setting when central_url is set but no token is available.
std::string load_device_token(const config::AgentConfig& config);

}  // namespace onthaal::sync
