#include "tests/support/connection_load.hpp"

#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <stdexcept>

#include "tests/support/sync_fixture.hpp"

namespace onthaal::test_support {
namespace {

using namespace std::chrono_literals;

// A non-blocking TCP connection from the loopback address `from` to 127.0.0.1:port (on Linux
// every 127.0.0.x reaches loopback), or -1.
int connect_from(const std::string& from, std::uint16_t port) {
    const int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK, 0);
    if (fd < 0) return -1;
    sockaddr_in local{};
    local.sin_family = AF_INET;
    ::inet_pton(AF_INET, from.c_str(), &local.sin_addr);
    sockaddr_in server{};
    server.sin_family = AF_INET;
    server.sin_port = htons(port);
    ::inet_pton(AF_INET, "127.0.0.1", &server.sin_addr);
    if (::bind(fd, reinterpret_cast<sockaddr*>(&local), sizeof local) != 0 ||
        (::connect(fd, reinterpret_cast<sockaddr*>(&server), sizeof server) != 0 &&
         errno != EINPROGRESS)) {
        ::close(fd);
        return -1;
    }
    return fd;
}

// True when the server has closed (or refused) the connection.
bool closed(const pollfd& p) {
    if (p.revents & (POLLERR | POLLHUP)) return true;
    if (!(p.revents & POLLIN)) return false;
    char c;
    const auto n = ::recv(p.fd, &c, 1, MSG_DONTWAIT);
    return n == 0 || (n < 0 && errno != EAGAIN);
}

}  // namespace

bool allow_open_files(rlim_t want) {
    rlimit limit{};
    if (::getrlimit(RLIMIT_NOFILE, &limit) != 0) return false;
    if (limit.rlim_cur >= want) return true;
    if (limit.rlim_max != RLIM_INFINITY && limit.rlim_max < want) return false;
    limit.rlim_cur = want;
    return ::setrlimit(RLIMIT_NOFILE, &limit) == 0;
}

ConnectionLoad::ConnectionLoad(std::uint16_t port, std::vector<std::string> addresses, int count,
                               bool trickle)
    : port_(port), addresses_(std::move(addresses)), trickle_(trickle), sockets_(count) {
    for (std::size_t i = 0; i < sockets_.size(); ++i) open(i);
    thread_ = std::thread([this] { run(); });
}

ConnectionLoad::~ConnectionLoad() {
    stop_ = true;
    thread_.join();
    for (const auto& s : sockets_)
        if (s.fd >= 0) ::close(s.fd);
}

void ConnectionLoad::open(std::size_t i) {
    sockets_[i].fd = connect_from(addresses_[i % addresses_.size()], port_);
    sockets_[i].reopen_at = Clock::now() + 1s;
}

void ConnectionLoad::run() {
    static const std::string head = "POST /api/v1/kiosk/checkin HTTP/1.1\r\nHost: x\r\nX-Slow: ";
    std::size_t sent = 0;
    auto next_byte = Clock::now();
    while (!stop_) {
        std::vector<pollfd> polled;
        for (const auto& s : sockets_)
            if (s.fd >= 0) polled.push_back({s.fd, POLLIN, 0});
        ::poll(polled.data(), polled.size(), 20);
        const bool send_now = trickle_ && Clock::now() >= next_byte;
        if (send_now) next_byte = Clock::now() + 250ms;
        const char byte = sent < head.size() ? head[sent] : 'a';
        for (std::size_t i = 0, p = 0; i < sockets_.size(); ++i) {
            Socket& s = sockets_[i];
            if (s.fd < 0) {
                if (Clock::now() >= s.reopen_at) open(i), ++reopened_;
                continue;
            }
            if (closed(polled[p++])) {
                ::close(s.fd);
                s.fd = -1;
            } else if (send_now) {
                ::send(s.fd, &byte, 1, MSG_NOSIGNAL | MSG_DONTWAIT);
            }
        }
        if (send_now) ++sent;
    }
}

double CheckinTimes::median() const {
    auto sorted = ms;
    std::sort(sorted.begin(), sorted.end());
    return sorted.empty() ? 0 : sorted[sorted.size() / 2];
}

double CheckinTimes::slowest() const {
    return ms.empty() ? 0 : *std::max_element(ms.begin(), ms.end());
}

namespace {

// `n` check-ins (codes first..first+n-1), 20 ms apart: one client after another.
CheckinTimes time_checkins(AgentProcess& agent, int first, int n) {
    CheckinTimes times;
    for (int i = first; i < first + n; ++i) {
        const auto started = std::chrono::steady_clock::now();
        if (agent.check_in(code_for(i)) != 200) ++times.not_served;
        times.ms.push_back(
            std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - started)
                .count());
        std::this_thread::sleep_for(20ms);
    }
    return times;
}

}  // namespace

CheckinsUnderLoad checkins_under_load(const TempDir& dir, int per_phase) {
    CentralProcess central(dir);
    central.add_site("s1");
    const std::string token = central.add_device("s1", "kiosk1");
    central.import_appointments("s1", 4 * per_phase);
    central.start();
    AgentProcess agent(dir, {"s1", token, central.url(), "agent", ""});
    agent.start();
    if (!eventually(
            [&] { return agent.status().value("pull_cursor", 0L) >= 1 + 2L * 4 * per_phase; }, 15s))
        throw std::runtime_error("the agent did not pull its planning");
    CheckinsUnderLoad result;
    time_checkins(agent, 0, per_phase);  // the first commits grow the files: not the baseline
    result.unloaded = time_checkins(agent, per_phase, per_phase);
    {
        ConnectionLoad load(agent.port(), {"127.0.0.2"}, 300, true);
        std::this_thread::sleep_for(1500ms);  // the refused ones have come back once
        result.slow = time_checkins(agent, 2 * per_phase, per_phase);
        result.slow_reopened = load.reopened();
    }
    std::vector<std::string> addresses;
    for (int i = 10; i < 50; ++i) addresses.push_back("127.0.0." + std::to_string(i));
    ConnectionLoad load(agent.port(), addresses, 2000, false);
    std::this_thread::sleep_for(1500ms);
    result.idle = time_checkins(agent, 3 * per_phase, per_phase);
    result.idle_reopened = load.reopened();
    return result;
}

}  // namespace onthaal::test_support
