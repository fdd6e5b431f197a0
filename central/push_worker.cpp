#include "central/push_worker.hpp"

#include <pthread.h>

#include "central/central_admin.hpp"
#include "central/push_apply.hpp"
#include "log/event_log.hpp"

namespace onthaal::central {

http::HttpResponse push_response(CentralStore& store, const DeviceScope& device,
                                 const std::string& body) {
    try {
        return http::json_response(200, store.apply_push(device, body, utc_now_iso()));
    } catch (const PushFormatError& e) {
        return http::json_error(400, "bad_push", e.what());
    } catch (const std::exception& e) {
        log::error("central.push_failed", {{"error", e.what()}});
        return http::json_error(500, "internal_error", "The push could not be applied; retry.");
    }
}

PushWorker::PushWorker(std::unique_ptr<CentralStore> store)
    : store_(std::move(store)), thread_([this] { run(); }) {}

PushWorker::~PushWorker() {
    {
        std::lock_guard lock(mutex_);
        stopping_ = true;
    }
    wake_.notify_one();
    thread_.join();
}

void PushWorker::submit(DeviceScope device, std::string body, Done done) {
    {
        std::lock_guard lock(mutex_);
        jobs_.push_back({std::move(device), std::move(body), std::move(done)});
    }
    wake_.notify_one();
}

void PushWorker::run() {
    pthread_setname_np(pthread_self(), "push-apply");
    while (true) {
        Job job;
        {
            std::unique_lock lock(mutex_);
            wake_.wait(lock, [this] { return stopping_ || !jobs_.empty(); });
            if (jobs_.empty()) return;  // stopping, and every queued push is answered
            job = std::move(jobs_.front());
            jobs_.pop_front();
        }
        http::HttpResponse answer = push_response(*store_, job.device, job.body);
        try {
            job.done(std::move(answer));
        } catch (const std::exception& e) {
            // The batch is committed either way; a lost answer is pushed again ("duplicate").
            log::error("central.push_answer_failed", {{"error", e.what()}});
        }
    }
}

}  // namespace onthaal::central
