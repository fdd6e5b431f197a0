// Kiosk check-in latency over loopback: CLIENTS concurrent clients each check in their own
// appointments by code (one HTTP request each, new connection each time, as a kiosk browser does
// after idle), against a real agent whose sync worker pushes every check-in to a real central
// meanwhile (and starts with BACKLOG queued mutations so pushing runs throughout).
// Usage: checkin_latency [CLIENTS=50] [PER_CLIENT=40] [BACKLOG=5000] [PACE_MS=0]
//   env BENCH_NO_SYNC=1: no sync worker (baseline); BENCH_CENTRAL_NICE=N: central at nice N.
//   PACE_MS: each client waits this long between its check-ins (0: back to back, a stress test;
//   a kiosk really sees one check-in every few seconds). See docs/performance.md.
#include <sys/resource.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <thread>
#include <vector>

#include "local_store/kiosk_store.hpp"
#include "local_store/sqlite_database.hpp"
#include "local_store/transaction.hpp"
#include "tests/support/loopback_http.hpp"
#include "tests/support/sync_fixture.hpp"

using namespace onthaal;
using namespace onthaal::test_support;
using Clock = std::chrono::steady_clock;

namespace {

double percentile(std::vector<double>& sorted, double p) {
    const size_t index =
        std::min(sorted.size() - 1, static_cast<size_t>(p * static_cast<double>(sorted.size())));
    return sorted[index];
}

}  // namespace

int main(int argc, char** argv) {
    const int clients = argc > 1 ? std::stoi(argv[1]) : 50;
    const int per_client = argc > 2 ? std::stoi(argv[2]) : 40;
    const int backlog = argc > 3 ? std::stoi(argv[3]) : 5000;
    const int pace_ms = argc > 4 ? std::stoi(argv[4]) : 0;
    const int total = clients * per_client;
    TempDir dir;
    CentralProcess central(dir);
    central.add_site("s1");
    const std::string token = central.add_device("s1", "bench-kiosk");
    central.import_appointments("s1", total + backlog);
    central.start();
    // BENCH_CENTRAL_NICE=N runs central (single-threaded) at nice N: at a site central is another
    // machine, here it competes with the agent for the same 2 cores. Both ways are reported.
    if (const char* nice = std::getenv("BENCH_CENTRAL_NICE"))
        setpriority(PRIO_PROCESS, static_cast<id_t>(central.pid()), std::atoi(nice));
    {
        AgentProcess loader(dir, {"s1", token, central.url(), "agent", ""});
        loader.start();
        eventually(
            [&] { return loader.status().value("pull_cursor", 0L) >= 2L * (total + backlog) + 1; },
            std::chrono::minutes(2));
        loader.stop();
    }
    // BENCH_NO_SYNC=1 measures the same agent without its sync worker, as a baseline.
    const bool no_sync = std::getenv("BENCH_NO_SYNC") != nullptr;
    AgentProcess agent(dir, {"s1", token, central.url(), "agent",
                             no_sync ? R"(, "sync_push_delay_ms": 50, "central_url": "")"
                                     : R"(, "sync_push_delay_ms": 50)"});
    queue_checkins(agent.store_path(), backlog, total);
    agent.start();

    std::vector<std::vector<double>> latencies(static_cast<size_t>(clients));
    std::vector<std::vector<std::pair<double, double>>> slow(static_cast<size_t>(clients));
    std::vector<int> failures(static_cast<size_t>(clients), 0);
    const auto started = Clock::now();
    std::vector<std::thread> threads;
    for (int c = 0; c < clients; ++c) {
        threads.emplace_back([&, c] {
            for (int i = 0; i < per_client; ++i) {
                const auto t0 = Clock::now();
                const auto r = http_post(agent.port(), "/api/v1/kiosk/checkin",
                                         R"({"code": ")" + code_for(c * per_client + i) + R"("})");
                const double ms =
                    std::chrono::duration<double, std::milli>(Clock::now() - t0).count();
                latencies[static_cast<size_t>(c)].push_back(ms);
                if (ms > 10) {  // when in the run the slow ones happened: a burst, or all along?
                    slow[static_cast<size_t>(c)].push_back(
                        {std::chrono::duration<double>(t0 - started).count(), ms});
                }
                if (r.status != 200) ++failures[static_cast<size_t>(c)];
                if (pace_ms > 0) std::this_thread::sleep_for(std::chrono::milliseconds(pace_ms));
            }
        });
    }
    for (auto& t : threads) t.join();
    const double seconds = std::chrono::duration<double>(Clock::now() - started).count();
    const long pending_after = agent.status().value("pending_mutations", -1L);
    std::vector<double> all;
    int failed = 0;
    for (int c = 0; c < clients; ++c) {
        all.insert(all.end(), latencies[static_cast<size_t>(c)].begin(),
                   latencies[static_cast<size_t>(c)].end());
        failed += failures[static_cast<size_t>(c)];
    }
    std::sort(all.begin(), all.end());
    std::vector<std::pair<double, double>> slow_all;
    for (const auto& s : slow) slow_all.insert(slow_all.end(), s.begin(), s.end());
    std::sort(slow_all.begin(), slow_all.end());
    std::printf("over 10 ms: %zu requests", slow_all.size());
    for (std::size_t i = 0; i < slow_all.size(); i += std::max<std::size_t>(1, slow_all.size() / 8))
        std::printf("%s %.2f s (%.1f ms)", i == 0 ? ", at" : ",", slow_all[i].first,
                    slow_all[i].second);
    std::printf("\n");
    std::printf(
        "check-ins: %d by %d concurrent clients (pace %d ms) in %.2f s (%.0f/s), %d failed\n",
        total, clients, pace_ms, seconds, total / seconds, failed);
    std::printf("latency ms: p50 %.2f  p90 %.2f  p99 %.2f  max %.2f\n", percentile(all, 0.50),
                percentile(all, 0.90), percentile(all, 0.99), all.back());
    std::printf("sync during the run: %d queued before + %d new; %ld still pending at the end\n",
                backlog, total, pending_after);
    if (failed > 0) {
        const std::string log = agent.stderr_text();
        std::fprintf(stderr, "agent log (last 3000 bytes):\n%s\n",
                     log.substr(log.size() > 3000 ? log.size() - 3000 : 0).c_str());
    }
    agent.stop();
    return failed == 0 ? 0 : 1;
}
