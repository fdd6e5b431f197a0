// Long-poll support: pull requests that found nothing wait here until a change for their site
// is committed, the feed grows (a change written by another process, e.g. an import), or their
// time is up. Every waiter is resumed exactly once.
//
// Thread: the io_context's thread only. Ownership: holds the resume callbacks until they run.
#pragma once

#include <chrono>
#include <functional>
#include <memory>
#include <string>

#include "central/central_store.hpp"

namespace boost::asio {
class io_context;
}

namespace onthaal::central {

class PullWaiters {
  public:
    // `store` is polled (its last change sequence) about twice a second while anyone waits.
    PullWaiters(boost::asio::io_context& io, CentralStore& store);
    ~PullWaiters();
    PullWaiters(const PullWaiters&) = delete;
    PullWaiters& operator=(const PullWaiters&) = delete;

    void wait(const std::string& site_id, std::chrono::milliseconds at_most,
              std::function<void()> resume);
    void notify(const std::string& site_id);
    // Resumes everyone now (shutdown).
    void resume_all();

  private:
    struct Impl;
    std::shared_ptr<Impl> impl_;
};

}  // namespace onthaal::central
