#include "kiosk_ui/checkin_batcher.hpp"

#include "entities/attendance_entity.hpp"

namespace onthaal::http {

void CheckinBatcher::add(PendingCheckin checkin) {
    pending_.push_back(std::move(checkin));
    if (!post_) return flush();
    if (!flush_posted_) {
        flush_posted_ = true;
        post_([this] { flush(); });
    }
}

void CheckinBatcher::flush() {
    flush_posted_ = false;
    if (commit_in_flight_ || pending_.empty()) return;  // the commit's end flushes again
    std::vector<PendingCheckin> batch = std::move(pending_);
    pending_.clear();
    std::vector<store::AppointmentView> appointments;
    for (const auto& p : batch) appointments.push_back(p.appointment);
    std::string at = domain::format_instant(now_());
    if (!commit_) {
        CommitOutcome outcome;
        try {
            outcome.facts =
                entities::AttendanceWriter(db_).record_checkins(appointments, at, "kiosk");
        } catch (const std::exception& e) {
            outcome.error = e.what();
        }
        return answer_(batch, outcome);
    }
    commit_in_flight_ = true;
    commit_(std::move(appointments), std::move(at),
            [this, batch = std::move(batch)](const CommitOutcome& outcome) mutable {
                commit_in_flight_ = false;
                // What arrived during this commit goes to the writer first, so its fsync overlaps
                // with writing this batch's answers (about 50 µs of socket work each).
                flush();
                answer_(batch, outcome);
            });
}

}  // namespace onthaal::http
