// Slows down guessing check-in codes and national numbers at the kiosk: after `max_failed_tries`
// failures in a row, tries are refused for `pause`; a check-in that succeeds resets the count.
//
// Plain value; time is passed in. Thread: its owner's (the agent's I/O thread). Never fails.
#pragma once

#include <chrono>
#include <optional>

#include "domain/time_text.hpp"

namespace onthaal::http {

class GuessLimiter {
  public:
    GuessLimiter(int max_failed_tries, std::chrono::seconds pause)
        : max_failed_tries_(max_failed_tries), pause_(pause) {}

    // How long tries are still refused at `now`; nullopt when they are allowed.
    std::optional<std::chrono::seconds> paused_for(domain::Instant now) const;
    // A try failed (unknown code, invalid number, wrong time): may start a pause.
    void failed(domain::Instant now);
    void succeeded() { failed_tries_ = 0; }

  private:
    int max_failed_tries_;
    std::chrono::seconds pause_;
    int failed_tries_ = 0;
    std::optional<domain::Instant> paused_until_;
};

}  // namespace onthaal::http
