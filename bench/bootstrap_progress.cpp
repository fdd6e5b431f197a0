// A coach laptop's first pull (issue 14, item 6), with real processes on loopback: central holds a
// caseload of RECORDS changes for coach st1; a fresh agent pulls them all.
//   run:  `onthaal-agent run`; GET /api/v1/status is read every 50 ms, so the bootstrap is timed
//         from the agent's start until pull_progress says received == total, and the estimate
//         of the time left is compared with the time it really took. Peak RSS: VmHWM over the
//         agent's life, and VmHWM from when it listens (reset through /proc/PID/clear_refs): a
//         coach or desk agent's life peak is the desk sign-in's argon2id warm-up (64 MiB).
//   sync: `onthaal-agent sync` on another fresh store; wall time, peak RSS (its VmHWM, read every
//         10 ms until it exits: the child's ru_maxrss would include this benchmark's own memory
//         from before exec) and how many progress lines it printed.
// Usage: bootstrap_progress [RECORDS=100000] [run|sync|both=both]   (see docs/performance.md)
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <fstream>
#include <iterator>
#include <sstream>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

#include "tests/support/sync_fixture.hpp"
#include "tests/sync/coach_laptop.hpp"

using namespace onthaal::test_support;
using Clock = std::chrono::steady_clock;
using nlohmann::json;

namespace {

double seconds_since(Clock::time_point start) {
    return std::chrono::duration<double>(Clock::now() - start).count();
}

// Starts the process's peak RSS (VmHWM) afresh from its current RSS.
void reset_peak_rss(pid_t pid) {
    std::ofstream("/proc/" + std::to_string(pid) + "/clear_refs") << "5";
}

long peak_rss_kib(pid_t pid) {
    std::ifstream status("/proc/" + std::to_string(pid) + "/status");
    for (std::string line; std::getline(status, line);)
        if (line.rfind("VmHWM:", 0) == 0) return std::stol(line.substr(6));
    return -1;
}

// CPU seconds (user + system) a process has used: on a shared machine a steadier measure than
// the wall clock.
double cpu_seconds(pid_t pid) {
    std::ifstream in("/proc/" + std::to_string(pid) + "/stat");
    std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    std::istringstream fields(text.substr(text.rfind(')') + 2));
    std::string skip;
    for (int i = 0; i < 11; ++i) fields >> skip;  // state .. cmajflt
    long user = 0, system = 0;
    fields >> user >> system;
    return static_cast<double>(user + system) / static_cast<double>(sysconf(_SC_CLK_TCK));
}

struct Estimate {
    double at_s = 0;  // when it was read, since the start
    long received = 0;
    long seconds_left = 0;
};

// Done when the status says so; an agent of before issue 14 has no pull_progress, and is done
// when its cursor reaches the end of the feed (`feed_end`), so both can be timed alike.
bool pulled_all(const json& status, long expected, long feed_end) {
    if (!status.contains("pull_progress")) return status.value("pull_cursor", 0L) >= feed_end;
    const json& p = status["pull_progress"];
    return !p.value("active", true) && p.value("received", 0L) >= expected;
}

void bootstrap_with_run(const TempDir& dir, CentralProcess& central, const std::string& token,
                        long expected) {
    const long feed_end = [&] {
        onthaal::store::Database db = onthaal::store::Database::open(central.db());
        return db.query_int64("SELECT max(seq) FROM change_log");
    }();
    AgentProcess agent(dir, {"s1", token, central.url(), "laptop-run",
                             R"(, "role": "coach", "sync_long_poll_s": 25,)"
                             R"( "sync_request_timeout_ms": 30000)"});
    const double central_cpu = cpu_seconds(central.pid());
    const auto start = Clock::now();
    agent.start();
    const long life_peak_at_start = peak_rss_kib(agent.pid());
    reset_peak_rss(agent.pid());
    std::vector<Estimate> estimates;
    while (true) {
        if (seconds_since(start) > 600) throw std::runtime_error("bootstrap timed out");
        const json s = agent.status();
        const json p = s.value("pull_progress", json::object());
        if (p.value("active", false) && p["seconds_left"].is_number())
            estimates.push_back({seconds_since(start), p["received"], p["seconds_left"]});
        if (pulled_all(s, expected, feed_end)) break;
        std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
    const double took = seconds_since(start);
    std::printf(
        "run:  %ld changes in %.2f s = %.0f changes/s; agent peak RSS (VmHWM) during the pull"
        " %ld KiB (%ld KiB at start-up); CPU: agent %.2f s, central %.2f s\n",
        expected, took, expected / took, peak_rss_kib(agent.pid()), life_peak_at_start,
        cpu_seconds(agent.pid()), cpu_seconds(central.pid()) - central_cpu);
    for (const double share : {0.25, 0.5, 0.75}) {
        for (const Estimate& e : estimates) {
            if (e.received < share * expected) continue;
            std::printf("      at %2.0f%% (%.2f s): estimated %ld s left, really %.2f s\n",
                        100 * share, e.at_s, e.seconds_left, took - e.at_s);
            break;
        }
    }
    agent.stop();
}

void bootstrap_with_sync_command(const TempDir& dir, CentralProcess& central,
                                 const std::string& token) {
    AgentProcess laptop(dir, {"s1", token, central.url(), "laptop-sync",
                              R"(, "role": "coach", "sync_request_timeout_ms": 30000)"});
    const std::string config = dir.file("laptop-sync.json");
    const std::string err_file = dir.file("laptop-sync.err");
    const auto start = Clock::now();
    std::fflush(stdout);  // or the child's freopen writes our buffered lines a second time
    const pid_t pid = fork();
    if (pid == 0) {
        std::freopen(err_file.c_str(), "w", stderr);
        std::freopen("/dev/null", "w", stdout);
        execl(ONTHAAL_AGENT_BINARY, "onthaal-agent", "sync", "--config", config.c_str(), nullptr);
        _exit(127);
    }
    int status = 0;
    long peak = 0;
    while (waitpid(pid, &status, WNOHANG) == 0) {
        // Only once it is the agent: before exec it is a copy of this benchmark.
        std::string comm;
        std::getline(std::ifstream("/proc/" + std::to_string(pid) + "/comm"), comm);
        if (comm == "onthaal-agent") peak = std::max(peak, peak_rss_kib(pid));
        std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
    const double took = seconds_since(start);
    int lines = 0;
    std::string last;
    std::ifstream err(err_file);
    for (std::string line; std::getline(err, line);)
        if (line.rfind("pull: ", 0) == 0) ++lines, last = line;
    std::printf("sync: exit %d in %.2f s; peak RSS (VmHWM) %ld KiB; %d progress lines, last: %s\n",
                WIFEXITED(status) ? WEXITSTATUS(status) : -1, took, peak, lines, last.c_str());
}

}  // namespace

int main(int argc, char** argv) {
    const long records = argc > 1 ? std::stol(argv[1]) : 100000;
    const std::string mode = argc > 2 ? argv[2] : "both";
    const int clients = static_cast<int>((records - 1) / 3);  // + the coach's staff record
    TempDir dir;
    CentralProcess central(dir);
    central.add_site("s1");
    const std::string token = add_coach_device(dir, central, "laptop1");
    auto t = Clock::now();
    central.import_json("s1", coach_caseload(clients));
    const long expected = changes_for_coach(central);
    std::printf("setup: a caseload of %d clients (%ld changes for the coach) imported in %.1f s\n",
                clients, expected, seconds_since(t));
    central.start();
    if (mode != "sync") bootstrap_with_run(dir, central, token, expected);
    if (mode != "run") bootstrap_with_sync_command(dir, central, token);
    return 0;
}
