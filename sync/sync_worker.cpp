#include "sync/sync_worker.hpp"

#include <pthread.h>
#include <sys/resource.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <fstream>
#include <random>
#include <sstream>

#include "local_store/store_open.hpp"
#include "local_store/sync_access.hpp"
#include "log/event_log.hpp"
#include "sync/central_client.hpp"
#include "sync/retry_backoff.hpp"
#include "sync/sync_engine.hpp"

namespace onthaal::sync {
namespace {

domain::Instant now() {
    return std::chrono::floor<std::chrono::seconds>(std::chrono::system_clock::now());
}

SyncEngineSettings engine_settings(const config::AgentConfig& c, store::SyncProgress* progress) {
    return {c.site_id,
            static_cast<std::size_t>(c.sync_batch_size),
            static_cast<std::size_t>(c.sync_pull_page_size),
            nullptr,
            config::key_file_path(c),
            progress};
}

RetryBackoff make_backoff(const config::AgentConfig& c) {
    return RetryBackoff(std::chrono::milliseconds(c.sync_backoff_base_ms),
                        std::chrono::milliseconds(c.sync_backoff_cap_ms), std::random_device{}());
}

// Sync is background work: on a small site PC the kiosk's requests must win the CPU. Linux keeps
// a nice value per thread; helper threads started from here inherit it.
void lower_this_thread_priority(int nice, const char* name) {
    pthread_setname_np(pthread_self(), name);  // shows in top -H and perf
    if (nice == 0) return;
    if (setpriority(PRIO_PROCESS, static_cast<id_t>(gettid()), nice) != 0)
        log::warn("sync.priority_unchanged", {{"error", std::strerror(errno)}});
}

}  // namespace

std::string load_device_token(const config::AgentConfig& config) {
    std::string token = config.device_token;
    if (token.empty() && !config.device_token_file.empty()) {
        std::ifstream in(config.device_token_file);
        if (!in)
            throw std::runtime_error("setting 'device_token_file': cannot read " +
                                     config.device_token_file);
        std::stringstream buffer;
        buffer << in.rdbuf();
        token = buffer.str();
    }
    while (!token.empty() && std::isspace(static_cast<unsigned char>(token.back())))
        token.pop_back();
    if (token.empty()) {
        throw std::runtime_error(
            "setting 'device_token_file' (or 'device_token'): required when central_url is set");
    }
    return token;
}

SyncWorker::SyncWorker(const config::AgentConfig& config, std::string device_token,
                       std::shared_ptr<store::WriterPriority> priority,
                       store::SyncProgress* progress)
    : config_(config),
      token_(std::move(device_token)),
      priority_(std::move(priority)),
      progress_(progress) {
    const auto endpoint = parse_central_url(config_.central_url);
    const std::chrono::milliseconds timeout(config_.sync_request_timeout_ms);
    push_client_ = std::make_unique<CentralClient>(endpoint, token_, config_.ca_file, timeout);
    pull_client_ = std::make_unique<CentralClient>(endpoint, token_, config_.ca_file, timeout);
}

SyncWorker::~SyncWorker() {
    stop();
}

void SyncWorker::start() {
    push_wanted_ = true;  // whatever was left pending before a restart goes out first
    push_thread_ = std::thread([this] { push_loop(); });
    pull_thread_ = std::thread([this] { pull_loop(); });
}

void SyncWorker::wake_push() {
    {
        std::lock_guard lock(mutex_);
        push_wanted_ = true;
    }
    cv_.notify_all();
}

void SyncWorker::stop() {
    {
        std::lock_guard lock(mutex_);
        if (stopping_ && !push_thread_.joinable() && !pull_thread_.joinable()) return;
        stopping_ = true;
    }
    cv_.notify_all();
    push_client_->cancel();
    pull_client_->cancel();
    if (push_thread_.joinable()) push_thread_.join();
    if (pull_thread_.joinable()) pull_thread_.join();
}

// A 401 ends both threads: retrying cannot help until someone enrols the device again.
void SyncWorker::stop_unauthorised(store::SyncAccess& access, const std::string& error,
                                   const std::string& at) {
    access.record_status(protocol::SyncState::device_not_authorised, error, at);
    log::error("sync.unauthorised", {{"error", error}});
    unauthorised_ = true;
    {
        std::lock_guard lock(mutex_);
        stopping_ = true;
    }
    cv_.notify_all();
    push_client_->cancel();
    pull_client_->cancel();
}

bool SyncWorker::is_stopping() {
    std::lock_guard lock(mutex_);
    return stopping_;
}

// On the steady clock by construction (wait_until of a steady time point), so it does not rest on
// how the standard library implements wait_for: a wall-clock deadline would sleep for days after
// the clock is set back (tests/sync/clock_jump_test.cpp).
bool SyncWorker::sleep_for(std::chrono::milliseconds duration, bool wakeable) {
    const auto until = std::chrono::steady_clock::now() + duration;
    std::unique_lock lock(mutex_);
    cv_.wait_until(lock, until, [&] { return stopping_ || (wakeable && push_wanted_); });
    return stopping_;
}

// One step, guarded: an unexpected error (a store busy past its timeout, a full disk) counts as a
// transient failure and is retried after backoff; it must never end the thread, or nothing
// would be pushed again until the agent restarts.
StepResult SyncWorker::guarded(const std::function<StepResult()>& step) {
    try {
        return step();
    } catch (const std::exception& e) {
        return {StepResult::Kind::transient, std::string("local: ") + e.what(), std::nullopt, 0};
    }
}

// Records what a step came to. Returns how long to wait before the next try (zero after a
// success), or nullopt when the thread must end (stopping, or not authorised).
std::optional<std::chrono::milliseconds> SyncWorker::settle(store::SyncAccess& access,
                                                            RetryBackoff& backoff,
                                                            const StepResult& r, const char* what) {
    if (is_stopping()) return std::nullopt;  // a cancelled request says nothing about central
    const std::string at = domain::format_instant(now());
    if (r.kind == StepResult::Kind::unauthorised) {
        stop_unauthorised(access, r.error, at);
        return std::nullopt;
    }
    try {
        if (r.ok()) {
            backoff.reset();
            if (r.count > 0 || std::string_view(what) == "pull")
                access.record_status(protocol::SyncState::online, std::nullopt, at);
            if (r.count > 0)
                log::info(std::string("sync.") + what + "ed", {{"count", std::to_string(r.count)}});
            return std::chrono::milliseconds(0);
        }
        access.record_status(protocol::SyncState::offline, r.error, at);
    } catch (const std::exception& e) {
        log::warn("sync.status_not_recorded", {{"error", e.what()}});
    }
    const auto delay = backoff.next_delay(r.retry_after);
    log::warn(std::string("sync.") + what + "_failed",
              {{"error", r.error}, {"retry_in_ms", std::to_string(delay.count())}});
    return delay;
}

void SyncWorker::push_loop() {
    lower_this_thread_priority(config_.sync_thread_nice, "sync-push");
    try {
        store::Database db = store::open_agent_sync_connection(config_.store_path, priority_);
        store::SyncAccess access(db);
        SyncEngine engine(access, *push_client_, engine_settings(config_, progress_), now);
        RetryBackoff backoff = make_backoff(config_);
        while (true) {
            if (sleep_for(std::chrono::seconds(config_.sync_pull_interval_s), true)) return;
            if (sleep_for(std::chrono::milliseconds(config_.sync_push_delay_ms), false)) return;
            {
                std::lock_guard lock(mutex_);
                push_wanted_ = false;
            }
            const auto wait =
                settle(access, backoff, guarded([&] { return engine.push_all(); }), "push");
            if (!wait) return;
            if (wait->count() == 0) continue;
            if (sleep_for(*wait, false)) return;
            wake_push();  // retry right after the backoff
        }
    } catch (const std::exception& e) {
        log::error("sync.push_thread_failed", {{"error", e.what()}});
    }
}

void SyncWorker::pull_loop() {
    lower_this_thread_priority(config_.sync_thread_nice, "sync-pull");
    try {
        store::Database db = store::open_agent_sync_connection(config_.store_path, priority_);
        store::SyncAccess access(db);
        SyncEngine engine(access, *pull_client_, engine_settings(config_, progress_), now);
        RetryBackoff backoff = make_backoff(config_);
        while (!is_stopping()) {
            const auto wait =
                settle(access, backoff, guarded([&] {
                           return engine.pull_all(std::chrono::seconds(config_.sync_long_poll_s));
                       }),
                       "pull");
            if (!wait) return;
            // Without long-polling, pull on a timer; after a failure, wait out the backoff.
            const auto pause =
                wait->count() > 0 ? *wait
                : config_.sync_long_poll_s == 0
                    ? std::chrono::milliseconds(std::chrono::seconds(config_.sync_pull_interval_s))
                    : std::chrono::milliseconds(0);
            if (pause.count() > 0 && sleep_for(pause, false)) return;
        }
    } catch (const std::exception& e) {
        log::error("sync.pull_thread_failed", {{"error", e.what()}});
    }
}

}  // namespace onthaal::sync
