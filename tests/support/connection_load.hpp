// A load generator for connection-limit tests and benchmarks: a thread holding many TCP
// connections to a loopback server from chosen 127.0.0.x addresses, as an attacker would.
// Owns its sockets and thread; construct and destroy it on one thread; it never throws after
// construction (a socket that cannot be opened is retried a second later).
#pragma once

#include <sys/resource.h>

#include <atomic>
#include <chrono>
#include <cstdint>
#include <string>
#include <thread>
#include <vector>

#include "tests/support/temp_dir.hpp"

namespace onthaal::test_support {

// Raises the soft limit on open files to `want`; false when the hard limit is below it.
bool allow_open_files(rlim_t want);

// Holds `count` connections to the port from `addresses` (round robin) on a thread of its own:
// a connection the server closes is opened again after a second. With `trickle`, each sends a
// request head one byte every 250 ms and never finishes it (slowloris); otherwise they send
// nothing.
class ConnectionLoad {
  public:
    ConnectionLoad(std::uint16_t port, std::vector<std::string> addresses, int count, bool trickle);
    ~ConnectionLoad();
    ConnectionLoad(const ConnectionLoad&) = delete;
    ConnectionLoad& operator=(const ConnectionLoad&) = delete;
    // How many connections were opened again after the server closed or refused them.
    int reopened() const { return reopened_; }

  private:
    using Clock = std::chrono::steady_clock;
    struct Socket {
        int fd = -1;
        Clock::time_point reopen_at;
    };
    void open(std::size_t i);
    void run();

    std::uint16_t port_;
    std::vector<std::string> addresses_;
    bool trickle_;
    std::vector<Socket> sockets_;
    std::atomic<bool> stop_{false};
    std::atomic<int> reopened_{0};
    std::thread thread_;
};

// Check-ins one after another from 127.0.0.1, as at a kiosk: how long each took and how many
// were not answered 200.
struct CheckinTimes {
    std::vector<double> ms;
    int not_served = 0;
    double median() const;
    double slowest() const;
};

// One run of the scenario: a real central and kiosk agent in `dir`, check-ins unloaded, then
// under 300 slow connections from 127.0.0.2, then under 2,000 idle sockets from 40 addresses;
// `per_phase` check-ins each. Throws std::runtime_error when the agent never pulls its planning.
struct CheckinsUnderLoad {
    CheckinTimes unloaded, slow, idle;
    int slow_reopened = 0;  // connections the agent closed or refused, and that came back
    int idle_reopened = 0;
};
CheckinsUnderLoad checkins_under_load(const TempDir& dir, int per_phase);

}  // namespace onthaal::test_support
