// Sync throughput over loopback with real processes: an onthaal-central and an onthaal-agent.
//   pull: the agent starts empty and pulls N changes (clients + appointments) from central;
//   push: the agent is stopped, M check-ins are queued in its outbox, and it is started again.
// Reports changes/s applied, mutations/s acknowledged and the agent's peak RSS (VmHWM).
// Usage: sync_throughput [APPOINTMENTS=50000] [MUTATIONS=10000]   (see docs/performance.md)
#include <chrono>
#include <cstdio>
#include <fstream>
#include <functional>
#include <iostream>
#include <stdexcept>
#include <string>
#include <thread>

#include "local_store/kiosk_store.hpp"
#include "local_store/sqlite_database.hpp"
#include "local_store/transaction.hpp"
#include "tests/support/loopback_http.hpp"
#include "tests/support/sync_fixture.hpp"

using namespace onthaal;
using namespace onthaal::test_support;
using Clock = std::chrono::steady_clock;

namespace {

long peak_rss_kib(pid_t pid) {
    std::ifstream status("/proc/" + std::to_string(pid) + "/status");
    std::string line;
    while (std::getline(status, line)) {
        if (line.rfind("VmHWM:", 0) == 0) return std::stol(line.substr(6));
    }
    return -1;
}

// Polls every 5 ms (the test helper's 50 ms would round a half-second push up by 10 %).
void wait_until(const std::function<bool()>& done) {
    const auto deadline = Clock::now() + std::chrono::minutes(5);
    while (!done()) {
        if (Clock::now() > deadline) throw std::runtime_error("benchmark timed out");
        std::this_thread::sleep_for(std::chrono::milliseconds(5));
    }
}

double seconds_since(Clock::time_point start) {
    return std::chrono::duration<double>(Clock::now() - start).count();
}

}  // namespace

int main(int argc, char** argv) {
    const int appointments = argc > 1 ? std::stoi(argv[1]) : 50000;
    const int mutations = argc > 2 ? std::stoi(argv[2]) : 10000;
    TempDir dir;
    CentralProcess central(dir);
    central.add_site("s1");
    const std::string token = central.add_device("s1", "bench-kiosk");
    auto t = Clock::now();
    central.import_appointments("s1", appointments);
    std::printf("setup: imported %d clients + %d appointments in %.1f s\n", appointments,
                appointments, seconds_since(t));
    central.start();

    AgentProcess agent(
        dir,
        {"s1", token, central.url(), "agent",
         R"(, "sync_batch_size": 1000, "sync_long_poll_s": 25, "sync_request_timeout_ms": 30000)"});
    const long expected_changes = 2L * appointments + 1;  // + the staff record
    t = Clock::now();
    agent.start();
    wait_until([&] { return agent.status().value("pull_cursor", 0L) >= expected_changes; });
    const double pull_s = seconds_since(t);
    std::printf("pull: %ld changes applied in %.2f s = %.0f changes/s\n", expected_changes, pull_s,
                expected_changes / pull_s);
    agent.stop();

    queue_checkins(agent.store_path(), mutations);
    t = Clock::now();
    agent.start();
    const double startup_s = seconds_since(t);
    wait_until([&] { return agent.status().value("pending_mutations", -1L) == 0; });
    const double push_s = seconds_since(t);
    std::printf(
        "push: %d mutations acknowledged in %.2f s = %.0f mutations/s (%.2f s of it agent start-up,"
        " which opens and checks the store; without it: %.0f mutations/s)\n",
        mutations, push_s, mutations / push_s, startup_s, mutations / (push_s - startup_s));
    // Peak RSS is read before stopping: the agent's own high-water mark over both runs of this
    // process.
    std::this_thread::sleep_for(std::chrono::milliseconds(300));
    std::printf("agent peak RSS (VmHWM, second run): %ld KiB\n", peak_rss_kib(agent.pid()));
    agent.stop();
    return 0;
}
