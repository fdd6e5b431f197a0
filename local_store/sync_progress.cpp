#include "local_store/sync_progress.hpp"

#include <algorithm>
#include <cmath>

namespace onthaal::store {

SyncProgress::SyncProgress(SteadyClock clock) : clock_(std::move(clock)) {
    if (!clock_) clock_ = [] { return std::chrono::steady_clock::now(); };
}

void SyncProgress::begin(SyncDirection direction, const std::string& started_at,
                         std::optional<std::int64_t> total) {
    {
        std::lock_guard lock(mutex_);
        Round& r = round(direction);
        r.shown = TransferProgress{true, 0, total, started_at, std::nullopt, std::nullopt};
        r.began = clock_();
    }
    notify(direction);
}

void SyncProgress::advance(SyncDirection direction, std::int64_t done,
                           std::optional<std::int64_t> total) {
    {
        std::lock_guard lock(mutex_);
        Round& r = round(direction);
        r.shown.done = done;
        // A total never reads below what is done (a count taken a moment before some arrived).
        if (total) r.shown.total = std::max(*total, done);
        estimate(r);
    }
    notify(direction);
}

void SyncProgress::finish(SyncDirection direction, const std::string& finished_at) {
    {
        std::lock_guard lock(mutex_);
        Round& r = round(direction);
        r.shown.active = false;
        r.shown.finished_at = finished_at;
        if (r.shown.total && r.shown.done >= *r.shown.total) r.shown.seconds_left = 0;
    }
    notify(direction);
}

TransferProgress SyncProgress::snapshot(SyncDirection direction) const {
    std::lock_guard lock(mutex_);
    return direction == SyncDirection::pull ? pull_.shown : push_.shown;
}

void SyncProgress::set_listener(Listener listener) {
    std::lock_guard lock(mutex_);
    listener_ = listener ? std::make_shared<Listener>(std::move(listener)) : nullptr;
}

// The rate so far, over the whole round: pages differ in size and cost, so one page's rate
// would jump about.
void SyncProgress::estimate(Round& r) const {
    const double seconds = std::chrono::duration<double>(clock_() - r.began).count();
    if (!r.shown.total || r.shown.done <= 0 || seconds <= 0) {
        r.shown.seconds_left = std::nullopt;
        return;
    }
    const double left = static_cast<double>(*r.shown.total - r.shown.done);
    r.shown.seconds_left =
        static_cast<std::int64_t>(std::ceil(left * seconds / static_cast<double>(r.shown.done)));
}

void SyncProgress::notify(SyncDirection direction) {
    std::shared_ptr<Listener> listener;
    TransferProgress shown;
    {
        std::lock_guard lock(mutex_);
        if (!listener_) return;
        listener = listener_;
        shown = round(direction).shown;
    }
    (*listener)(direction, shown);
}

std::optional<SyncStop> sync_stop(const SyncStatusSnapshot& status) {
    if (status.state != protocol::SyncState::device_not_authorised) return std::nullopt;
    const std::string kept = std::to_string(status.pending + status.quarantined);
    if (status.last_error && status.last_error->starts_with(kStopWrongSite)) {
        return SyncStop{
            std::string(kStopWrongSite),
            "De sleutel van dit toestel hoort bij een andere site dan ingesteld: er wordt niet "
            "gesynchroniseerd. De " +
                kept + " gegevens die nog niet bij centraal zijn, blijven op dit toestel bewaard.",
            "the device token belongs to another site than the configured site_id: sync has "
            "stopped. The " +
                kept + " facts central has not received are kept on this device."};
    }
    return SyncStop{
        std::string(kStopDeviceRevoked),
        "Centraal aanvaardt dit toestel niet meer (het werd ingetrokken): er wordt niet meer "
        "gesynchroniseerd. De " +
            kept +
            " gegevens die nog niet bij centraal zijn, blijven op dit toestel bewaard; exporteer "
            "ze "
            "voor de overdracht met 'onthaal-agent export-unsynced'.",
        "central no longer accepts this device (its token was revoked, or is unknown): sync has "
        "stopped. The " +
            kept +
            " facts central has not received are kept on this device; export them for handover "
            "with 'onthaal-agent export-unsynced --out FILE'."};
}

}  // namespace onthaal::store
