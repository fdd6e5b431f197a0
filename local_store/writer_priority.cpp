#include "local_store/writer_priority.hpp"

namespace onthaal::store {

void WriterPriority::foreground_begins() {
    std::lock_guard lock(mutex_);
    announced_.fetch_add(1, std::memory_order_acq_rel);
}

void WriterPriority::foreground_ends() {
    {
        std::lock_guard lock(mutex_);
        announced_.fetch_sub(1, std::memory_order_acq_rel);
    }
    none_announced_.notify_all();
}

void WriterPriority::wait_for_foreground() {
    if (!foreground_waiting()) return;
    std::unique_lock lock(mutex_);
    none_announced_.wait_for(lock, background_patience_, [this] { return !foreground_waiting(); });
}

}  // namespace onthaal::store
