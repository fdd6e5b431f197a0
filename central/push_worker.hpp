// Applies devices' push batches on a thread of its own, with its own connection to central's
// store, so central's I/O thread keeps serving long-polls, hellos and other devices' pulls while
// a batch of up to 10,000 mutations is applied and fsynced. Batches are applied one at a time, in
// the order they were submitted (SQLite has one writer anyway).
//
// Ownership: owns its connection and thread. Thread: submit() from any thread; `done` runs on the
// worker thread, so callers post it back to their own. The destructor applies what is queued
// (`done` still runs) and joins.
// Failure: a malformed request is answered 400 (bad_push); a store failure 500 with nothing of the
// batch committed (the device retries; mutation ids keep the retry exactly once).
#pragma once

#include <condition_variable>
#include <deque>
#include <functional>
#include <mutex>
#include <string>
#include <thread>

#include <memory>

#include "central/central_store.hpp"
#include "net/http_message.hpp"

namespace onthaal::central {

class PushWorker {
  public:
    using Done = std::function<void(http::HttpResponse)>;

    explicit PushWorker(std::unique_ptr<CentralStore> store);
    ~PushWorker();
    PushWorker(const PushWorker&) = delete;
    PushWorker& operator=(const PushWorker&) = delete;

    // Applies `body` as `device`'s push (apply_push), then calls `done` with the answer.
    void submit(DeviceScope device, std::string body, Done done);

  private:
    struct Job {
        DeviceScope device;
        std::string body;
        Done done;
    };
    void run();

    std::unique_ptr<CentralStore> store_;
    std::mutex mutex_;
    std::condition_variable wake_;
    std::deque<Job> jobs_;
    bool stopping_ = false;
    std::thread thread_;  // last: started once everything above exists
};

// The answer to one push (shared by the worker and central's inline path).
http::HttpResponse push_response(CentralStore& store, const DeviceScope& device,
                                 const std::string& body);

}  // namespace onthaal::central
