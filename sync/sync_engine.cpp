#include "sync/sync_engine.hpp"

#include "entities/entity_registry.hpp"
#include "local_store/device_key_file.hpp"
#include "log/event_log.hpp"
#include "protocol/json_input.hpp"
#include "sync/sync_protocol.hpp"

namespace onthaal::sync {
namespace {

StepResult transient(std::string error,
                     std::optional<std::chrono::seconds> retry_after = std::nullopt) {
    return {StepResult::Kind::transient, std::move(error), retry_after, 0};
}

std::string error_message(const CentralResponse& response) {
    try {
        const auto doc = protocol::parse_untrusted_json(response.body).value;
        if (doc.contains("error") && doc["error"].is_object() && doc["error"].contains("code")) {
            return doc["error"]["code"].get<std::string>();
        }
    } catch (...) {
    }
    return "http_" + std::to_string(response.status);
}

// One round's progress: begun once there is something to move, finished when the round ends,
// however it ends (a failure too: the status then shows how far it came).
class ProgressRound {
  public:
    ProgressRound(store::SyncProgress* progress, store::SyncDirection direction,
                  std::function<std::string()> now)
        : progress_(progress), direction_(direction), now_(std::move(now)) {}
    ~ProgressRound() {
        try {
            if (begun_) progress_->finish(direction_, now_());
        } catch (...) {  // a destructor must not throw; the round then simply stays "active"
        }
    }
    ProgressRound(const ProgressRound&) = delete;
    ProgressRound& operator=(const ProgressRound&) = delete;

    bool on() const { return progress_ != nullptr; }
    void begin(std::optional<std::int64_t> total) {
        if (!progress_ || begun_) return;
        progress_->begin(direction_, now_(), total);
        begun_ = true;
    }
    void advance(std::size_t done, std::optional<std::int64_t> total) {
        if (begun_) progress_->advance(direction_, static_cast<std::int64_t>(done), total);
    }

  private:
    store::SyncProgress* progress_;
    store::SyncDirection direction_;
    std::function<std::string()> now_;
    bool begun_ = false;
};

// Received so far plus what central says is left after the page.
std::optional<std::int64_t> pull_total(std::size_t received, const PullPage& page) {
    if (!page.remaining) return std::nullopt;
    return static_cast<std::int64_t>(received) + *page.remaining;
}

}  // namespace

const store::PulledChangeApplier& SyncEngine::applier() const {
    return settings_.applier ? *settings_.applier : entities::standard_registry();
}

SyncEngine::SyncEngine(store::SyncAccess& access, CentralClient& client,
                       SyncEngineSettings settings, Clock now)
    : access_(access), client_(client), settings_(std::move(settings)), now_(std::move(now)) {}

std::optional<StepResult> SyncEngine::classify(const CentralResponse& r, const char* what) {
    if (r.status == 200) return std::nullopt;
    if (r.status == 401 || r.status == 403) {
        // The stop reason leads the text: it is stored as last_error
        // (local_store/sync_progress.hpp).
        return StepResult{StepResult::Kind::unauthorised,
                          std::string(store::kStopDeviceRevoked) + ": central answered " +
                              std::to_string(r.status) + " to " + what +
                              ": it no longer accepts this device's token",
                          std::nullopt, 0};
    }
    if (r.status >= 500 || r.status == 408 || r.status == 429) {
        return transient(std::string(what) + ": central answered " + std::to_string(r.status),
                         r.retry_after);
    }
    return StepResult{StepResult::Kind::transient, std::string(what) + ": " + error_message(r),
                      std::nullopt, 0};
}

StepResult SyncEngine::hello() {
    try {
        const CentralResponse r = client_.request("GET", "/api/v1/sync/hello");
        if (auto failed = classify(r, "hello")) return *failed;
        const HelloAnswer answer = parse_hello(r.body);
        if (answer.site.id != settings_.expected_site_id) {
            // A token of another site must never pull that site's clients into this store.
            return {StepResult::Kind::unauthorised,
                    std::string(store::kStopWrongSite) + ": device token belongs to site '" +
                        answer.site.id + "', not the configured site_id",
                    std::nullopt, 0};
        }
        if (!settings_.key_file.empty())
            store::DeviceKeyFile(settings_.key_file)
                .write_hello_keys(answer.site.hash_key, answer.notes_public_key);
        access_.save_identity(answer.identity, answer.site);
        access_.save_queue_letter(answer.queue_letter);
        device_id_ = answer.identity.device_id;
        return {};
    } catch (const TransportError& e) {
        return transient(std::string("hello: ") + e.what());
    } catch (const ProtocolError& e) {
        return transient(e.what());
    } catch (const store::KeyFileError& e) {
        return transient(e.what());
    }
}

// Pushes batch after batch, keeping central busy: while central applies one batch this thread
// reads and encodes the next, and as soon as central has committed a batch (200) the next one is
// sent before this thread records the answer locally. Central still receives one batch at a time
// and in outbox order, and only after the previous one committed, so a planned appointment
// always arrives before a fact about it. A crash before the answer is recorded only means the
// batch is pushed again and answered "duplicate".
StepResult SyncEngine::push_all() {
    if (!device_id_) {
        if (StepResult r = hello(); !r.ok()) return r;
    }
    StepResult total;
    PreparedBatch current = prepare_batch(settings_.batch_size, 0);
    if (current.entries.empty()) return total;
    ProgressRound round(settings_.progress, store::SyncDirection::push,
                        [this] { return now_text(); });
    if (round.on()) round.begin(access_.pending_count());
    auto reply = send_async(std::move(current.body));
    while (true) {
        PreparedBatch next = prepare_batch(settings_.batch_size, current.entries.back().seq);
        bool narrowed = false;
        StepResult step = settle_batch(
            current, [&reply] { return reply.get(); },
            [&] {
                if (!next.entries.empty()) reply = send_async(std::move(next.body));
            },
            narrowed);
        // Narrowing pushed single mutations itself: read afresh from the head of the queue.
        if (narrowed && step.ok()) next = prepare_batch(settings_.batch_size, 0);
        total.count += step.count;
        // Sent of pending: what central answered, and what is still to go (facts recorded
        // meanwhile go out in this round too).
        if (round.on()) round.advance(total.count, total.count + access_.pending_count());
        if (!step.ok()) {
            step.count = total.count;
            return step;  // a batch still in flight is waited for by its future's destructor
        }
        if (next.entries.empty()) return total;
        current = std::move(next);
        if (!reply.valid()) reply = send_async(std::move(current.body));
    }
}

std::future<CentralResponse> SyncEngine::send_async(std::string body) {
    return std::async(std::launch::async, [this, body = std::move(body)] {
        return client_.request("POST", "/api/v1/sync/push", body);
    });
}

bool SyncEngine::needs_narrowing(int status) {
    return status >= 400 && status < 500 && status != 401 && status != 403 && status != 408 &&
           status != 429;
}

// Reads up to `limit` pending entries after `after_seq` and encodes them. A payload that is not
// JSON (a bug, a damaged disk) would fail every push of its batch for ever: it is quarantined
// here, where it is found, so the queue behind it moves on.
SyncEngine::PreparedBatch SyncEngine::prepare_batch(std::size_t limit, std::int64_t after_seq) {
    PreparedBatch batch;
    while (true) {
        batch.entries = access_.pending_mutations(limit, after_seq);
        if (batch.entries.empty()) return batch;
        const std::int64_t last_seq = batch.entries.back().seq;
        std::erase_if(batch.entries, [&](const store::OutboxEntry& e) {
            if (nlohmann::json::accept(e.payload_json)) return false;
            access_.quarantine(e.mutation_id, "corrupt_local_payload");
            log::error("sync.quarantined",
                       {{"mutation_id", e.mutation_id}, {"reason", "corrupt_local_payload"}});
            return true;
        });
        if (!batch.entries.empty()) break;
        after_seq = last_seq;  // all of these were corrupt: look further
    }
    batch.body = build_push_body(*device_id_, batch.entries);
    return batch;
}

// Waits for central's answer to `batch` and settles it: narrows a rejected batch down (setting
// `narrowed`), classifies a failure, or, once central has committed the batch, calls
// `on_committed` (push_all sends the next batch there) and records the per-mutation results.
StepResult SyncEngine::settle_batch(const PreparedBatch& batch,
                                    const std::function<CentralResponse()>& wait_for_reply,
                                    const std::function<void()>& on_committed, bool& narrowed) {
    try {
        const CentralResponse r = wait_for_reply();
        if (needs_narrowing(r.status)) {
            narrowed = true;
            return narrow_down(batch, r);
        }
        if (auto failed = classify(r, "push")) return *failed;
        on_committed();
        return record_results(batch, r);
    } catch (const TransportError& e) {
        return transient(std::string("push: ") + e.what());
    } catch (const ProtocolError& e) {
        return transient(e.what());
    }
}

// A 4xx other than 401/403 for a whole batch: push its mutations one at a time, so only the
// offending mutation is quarantined.
StepResult SyncEngine::narrow_down(const PreparedBatch& batch, const CentralResponse& r) {
    if (batch.entries.size() > 1) return push_one_by_one(batch.entries.size());
    access_.quarantine(batch.entries[0].mutation_id, error_message(r));
    log::warn("sync.quarantined",
              {{"mutation_id", batch.entries[0].mutation_id}, {"reason", error_message(r)}});
    return {};
}

// Marks central's per-mutation results in the outbox. Throws ProtocolError for a malformed answer.
StepResult SyncEngine::record_results(const PreparedBatch& batch, const CentralResponse& r) {
    const auto outcomes = parse_push_results(r.body, batch.entries);
    access_.record_push_outcomes(outcomes, now_text());
    for (const auto& o : outcomes) {
        if (o.status == store::PushStatus::rejected) {
            log::warn("sync.quarantined", {{"mutation_id", o.mutation_id}, {"reason", o.reason}});
        } else if (o.status == store::PushStatus::conflict) {
            log::warn("sync.conflict", {{"mutation_id", o.mutation_id}, {"reason", o.reason}});
        }
    }
    return {StepResult::Kind::ok, "", std::nullopt, outcomes.size()};
}

// Pushes the next `count` mutations of the queue, one request each.
StepResult SyncEngine::push_one_by_one(std::size_t count) {
    StepResult total;
    for (std::size_t i = 0; i < count; ++i) {
        PreparedBatch single = prepare_batch(1, 0);
        if (single.entries.empty()) break;
        bool narrowed = false;
        StepResult step = settle_batch(
            single, [&] { return client_.request("POST", "/api/v1/sync/push", single.body); },
            [] {}, narrowed);
        total.count += step.count;
        if (!step.ok()) {
            step.count = total.count;
            return step;
        }
    }
    return total;
}

StepResult SyncEngine::pull_all(std::chrono::seconds long_poll) {
    if (!device_id_) {
        if (StepResult r = hello(); !r.ok()) return r;
    }
    // A change set aside because it had to wait (a client leaving while this device's changes
    // about it were pending) applies once those changes were pushed.
    access_.retry_set_aside(applier(), now_text());
    StepResult total;
    ProgressRound round(settings_.progress, store::SyncDirection::pull,
                        [this] { return now_text(); });
    std::chrono::seconds wait = long_poll;
    while (true) {
        try {
            PullPage page;
            if (auto failed = fetch_page(wait, page)) {
                failed->count = total.count;
                return *failed;
            }
            // A round shows once something arrives: a long-poll that ends empty is none.
            if (!page.changes.empty())
                round.begin(pull_total(total.count + page.changes.size(), page));
            apply_page(page);
            total.count += page.changes.size();
            round.advance(total.count, pull_total(total.count, page));
            if (!page.has_more) return total;
        } catch (const TransportError& e) {
            return transient(std::string("pull: ") + e.what());
        } catch (const ProtocolError& e) {
            return transient(e.what());
        } catch (const nlohmann::json::exception& e) {
            return transient(std::string("pull: a change has an unexpected shape: ") + e.what());
        }
        wait = std::chrono::seconds(0);
    }
}

// One page after the stored cursor; a failure answer comes back as its StepResult.
std::optional<StepResult> SyncEngine::fetch_page(std::chrono::seconds wait, PullPage& page) {
    const std::int64_t cursor = access_.pull_cursor();
    const std::string path = "/api/v1/sync/pull?cursor=" + std::to_string(cursor) +
                             "&limit=" + std::to_string(settings_.pull_page_size) +
                             "&wait=" + std::to_string(wait.count());
    const CentralResponse r = client_.request("GET", path, "", wait);
    if (auto failed = classify(r, "pull")) return failed;
    page = parse_pull_page(r.body, cursor);
    return std::nullopt;
}

void SyncEngine::apply_page(const PullPage& page) {
    const std::size_t set_aside =
        access_.apply_pulled_page(page.changes, page.cursor, applier(), now_text());
    if (set_aside > 0) {
        // Counted in status; the records themselves (personal data) stay in the store.
        log::warn("sync.pulled_set_aside",
                  {{"count", std::to_string(set_aside)}, {"cursor", std::to_string(page.cursor)}});
    }
}

}  // namespace onthaal::sync
