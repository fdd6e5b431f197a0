// Slows down guessing check-in codes and national numbers at the kiosk, without letting one
// person close the kiosk for everyone. Failed tries (unknown code, invalid number, wrong time)
// are counted in sliding windows of `window` (RecentFailures), never reset by a success:
//  * per screen (the id the kiosk page makes at start, with its address): `max_failed_tries`;
//    that screen sees a countdown, the other screens keep working;
//  * per source address: 4 x `max_failed_tries`, so a new screen id per try gains nothing, while
//    the kiosk PC's screens (which share 127.0.0.1) cannot reach it from one screen alone;
//  * all other addresses than loopback together: 6 x `max_failed_tries` (more than one address
//    may fail), so many addresses on the site's network gain nothing either; the kiosk PC's own
//    screens are never held by it.
// A code whose check character is wrong (a typo) reveals nothing and is counted apart, per
// source, up to 10 x `max_failed_tries` per window: only a flood of them pauses that source.
// The highest rate of counted guesses is thus 10 x `max_failed_tries` per `window` (loopback
// plus the network); docs/security.md turns it into correct guesses per year.
//
// Plain value; time is passed in. Memory: 4,096 keys per window. Thread: its owner's (the
// agent's I/O thread). Never fails.
#pragma once

#include <chrono>
#include <optional>
#include <string>

#include "domain/time_text.hpp"
#include "kiosk_ui/recent_failures.hpp"

namespace onthaal::http {

struct KioskClient {
    std::string screen;  // from the kiosk page; "" from a client without one
    std::string source;  // the address the request came from (HttpRequest::source)
};

class GuessLimiter {
  public:
    GuessLimiter(int max_failed_tries, std::chrono::seconds window);

    // How long tries from `client` are still refused at `now` (whole seconds, rounded up);
    // nullopt when it may try.
    std::optional<std::chrono::seconds> paused_for(const KioskClient& client,
                                                   domain::Instant now) const;
    // A looked-up try failed: counts for its screen, its source and, off loopback, the network.
    void failed(const KioskClient& client, domain::Instant now);
    // A code failed its check character before any lookup.
    void mistyped(const KioskClient& client, domain::Instant now);

  private:
    RecentFailures by_screen_;
    RecentFailures by_source_;
    RecentFailures off_loopback_;  // one key: every address but loopback
    RecentFailures typos_by_source_;
};

}  // namespace onthaal::http
