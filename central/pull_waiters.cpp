#include "central/pull_waiters.hpp"

#include <boost/asio/io_context.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/steady_timer.hpp>
#include <map>

#include "central/change_feed.hpp"

namespace onthaal::central {

struct PullWaiters::Impl : std::enable_shared_from_this<PullWaiters::Impl> {
    struct Waiter {
        std::string site_id;
        std::shared_ptr<boost::asio::steady_timer> timer;
        std::function<void()> resume;
    };

    Impl(boost::asio::io_context& io, CentralStore& store) : io(io), store(store), poll_timer(io) {}

    // Waiters are looked up by number, never by iterator: a timer's handler may already be queued
    // when a notify resumes and removes its waiter.
    void resume(std::map<std::uint64_t, Waiter>::iterator it) {
        auto resume_fn = std::move(it->second.resume);
        it->second.timer->cancel();
        waiters.erase(it);
        boost::asio::post(io, std::move(resume_fn));
    }

    void schedule_poll() {
        if (polling || waiters.empty()) return;
        polling = true;
        poll_timer.expires_after(std::chrono::milliseconds(500));
        poll_timer.async_wait([self = shared_from_this()](const boost::system::error_code& ec) {
            self->polling = false;
            if (ec) return;
            const std::int64_t seq = self->store.last_sequence();
            if (seq != self->seen_sequence) {
                self->seen_sequence = seq;
                while (!self->waiters.empty()) self->resume(self->waiters.begin());
            }
            self->schedule_poll();
        });
    }

    boost::asio::io_context& io;
    CentralStore& store;
    boost::asio::steady_timer poll_timer;
    std::map<std::uint64_t, Waiter> waiters;
    std::uint64_t next_number = 0;
    std::int64_t seen_sequence = -1;
    bool polling = false;
};

PullWaiters::PullWaiters(boost::asio::io_context& io, CentralStore& store)
    : impl_(std::make_shared<Impl>(io, store)) {}

PullWaiters::~PullWaiters() {
    impl_->poll_timer.cancel();
    for (auto& [number, w] : impl_->waiters) w.timer->cancel();
}

void PullWaiters::wait(const std::string& site_id, std::chrono::milliseconds at_most,
                       std::function<void()> resume) {
    if (impl_->seen_sequence < 0) impl_->seen_sequence = impl_->store.last_sequence();
    auto timer = std::make_shared<boost::asio::steady_timer>(impl_->io);
    const std::uint64_t number = impl_->next_number++;
    impl_->waiters.emplace(number, Impl::Waiter{site_id, timer, std::move(resume)});
    timer->expires_after(at_most);
    timer->async_wait(
        [weak = std::weak_ptr<Impl>(impl_), number](const boost::system::error_code& ec) {
            auto self = weak.lock();
            if (ec || !self) return;
            const auto it = self->waiters.find(number);
            if (it != self->waiters.end()) self->resume(it);
        });
    impl_->schedule_poll();
}

void PullWaiters::notify(const std::string& site_id) {
    for (auto it = impl_->waiters.begin(); it != impl_->waiters.end();) {
        auto next = std::next(it);
        if (it->second.site_id == site_id) impl_->resume(it);
        it = next;
    }
}

void PullWaiters::resume_all() {
    while (!impl_->waiters.empty()) impl_->resume(impl_->waiters.begin());
}

}  // namespace onthaal::central
