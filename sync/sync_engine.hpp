// One side of a sync round, as plain blocking steps: hello (learn this device's identity and
// site), push every pending mutation, pull every change after the cursor. The workers
// (sync_worker.hpp) and `onthaal-agent sync` both drive it.
//
// Error handling: transport failures, 5xx, 408, 429 and malformed answers are transient (the
// caller backs off and retries; nothing is lost because the outbox row stays pending); 401/403
// means the device is not authorised (the caller stops: no retry storm); any other 4xx for a
// single mutation quarantines it with the reason, so it never blocks the queue behind it.
// Ownership: borrows the access and the client. Thread: the thread that owns both; push_all
// hands the client to a short-lived helper thread for each batch request (so the next batch is
// read, and the last answer recorded, meanwhile) and waits for it before returning.
#pragma once

#include <chrono>
#include <functional>
#include <future>
#include <optional>
#include <string>

#include "domain/time_text.hpp"
#include "local_store/sync_access.hpp"
#include "sync/central_client.hpp"

namespace onthaal::sync {

struct StepResult {
    enum class Kind { ok, transient, unauthorised } kind = Kind::ok;
    std::string error;
    std::optional<std::chrono::seconds> retry_after;
    std::size_t count = 0;  // mutations acknowledged or changes applied
    bool ok() const { return kind == Kind::ok; }
};

struct SyncEngineSettings {
    std::string expected_site_id;
    std::size_t batch_size = 500;
    std::size_t pull_page_size = 1000;
    // Where pulled changes go; null: the product's entities (entities::standard_registry()).
    const store::PulledChangeApplier* applier = nullptr;
    // The device's key file (local_store/device_key_file.hpp): hello writes the site's
    // national-number hash key there, never into the store, and central's notes public key.
    // Empty: neither is kept.
    std::string key_file;
};

class SyncEngine {
  public:
    using Clock = std::function<domain::Instant()>;
    SyncEngine(store::SyncAccess& access, CentralClient& client, SyncEngineSettings settings,
               Clock now);

    StepResult hello();
    StepResult push_all();
    // The first request may wait up to `long_poll` on central for changes to appear.
    StepResult pull_all(std::chrono::seconds long_poll);

  private:
    struct PreparedBatch {
        std::vector<store::OutboxEntry> entries;
        std::string body;
    };
    std::optional<StepResult> classify(const CentralResponse& response, const char* what);
    PreparedBatch prepare_batch(std::size_t limit, std::int64_t after_seq);
    std::future<CentralResponse> send_async(std::string body);
    static bool needs_narrowing(int status);
    StepResult settle_batch(const PreparedBatch& batch,
                            const std::function<CentralResponse()>& wait_for_reply,
                            const std::function<void()>& on_committed, bool& narrowed);
    StepResult narrow_down(const PreparedBatch& batch, const CentralResponse& r);
    StepResult record_results(const PreparedBatch& batch, const CentralResponse& r);
    StepResult push_one_by_one(std::size_t count);
    std::string now_text() const { return domain::format_instant(now_()); }
    const store::PulledChangeApplier& applier() const;

    store::SyncAccess& access_;
    CentralClient& client_;
    SyncEngineSettings settings_;
    Clock now_;
    std::optional<std::string> device_id_;
};

}  // namespace onthaal::sync
