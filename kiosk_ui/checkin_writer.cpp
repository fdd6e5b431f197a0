#include "kiosk_ui/checkin_writer.hpp"

#include <pthread.h>

#include "entities/attendance_entity.hpp"
#include "log/event_log.hpp"

namespace onthaal::http {

CheckinWriter::CheckinWriter(store::Database connection, std::string queue_prefix)
    : db_(std::move(connection)),
      queue_prefix_(std::move(queue_prefix)),
      thread_([this] { run(); }) {}

CheckinWriter::~CheckinWriter() {
    {
        std::lock_guard lock(mutex_);
        stopping_ = true;
    }
    wake_.notify_all();
    thread_.join();
}

void CheckinWriter::submit(std::vector<store::AppointmentView> appointments, std::string now,
                           Done done) {
    {
        std::lock_guard lock(mutex_);
        jobs_.push_back({std::move(appointments), std::move(now), std::move(done)});
    }
    wake_.notify_one();
}

void CheckinWriter::run() {
    pthread_setname_np(pthread_self(), "checkin-commit");
    entities::AttendanceWriter facts(db_, queue_prefix_);
    try {
        facts.warm_up();
    } catch (const std::exception& e) {  // the first commit reports the same problem
        log::warn("kiosk.warm_up_failed", {{"error", e.what()}});
    }
    while (true) {
        Job job;
        {
            std::unique_lock lock(mutex_);
            wake_.wait(lock, [this] { return stopping_ || !jobs_.empty(); });
            if (jobs_.empty()) return;  // stopping, and every queued batch is done
            job = std::move(jobs_.front());
            jobs_.pop_front();
        }
        CommitOutcome outcome;
        try {
            outcome.facts = facts.record_checkins(job.appointments, job.now, "kiosk");
        } catch (const std::exception& e) {
            outcome.error = e.what();
        }
        try {
            job.done(std::move(outcome));
        } catch (const std::exception& e) {
            // The facts are committed either way; a lost answer must not end the writer.
            log::error("kiosk.answer_failed", {{"error", e.what()}});
        }
    }
}

}  // namespace onthaal::http
