// The HTTP server on a real loopback socket: limits, malformed input, timeouts, handler failures.
#include "net/http_server.hpp"

#include <gtest/gtest.h>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>
#include <boost/asio/io_context.hpp>
#include <boost/asio/post.hpp>

#include <algorithm>
#include <stdexcept>
#include <thread>
#include <vector>

#include "tests/support/loopback_http.hpp"
#include "tests/support/temp_dir.hpp"
#include "tests/support/test_certificates.hpp"

using namespace onthaal;
using namespace std::chrono_literals;

class HttpServerTest : public ::testing::Test {
  protected:
    // `tls_dir`: a folder with server.pem and server.key (test_certificates.hpp), for HTTPS.
    void start(http::ServerLimits limits, const std::string& tls_dir = "") {
        server = std::make_unique<http::HttpServer>(io, limits, [](const http::HttpRequest& r) {
            if (r.path() == "/boom") throw std::runtime_error("handler bug");
            if (r.path() == "/source") return http::json_response(200, r.source);
            if (r.path() == "/echo")
                return http::json_response(200, "{\"len\":" + std::to_string(r.body.size()) + "}");
            return http::json_error(404, "not_found", "nothing here");
        });
        if (!tls_dir.empty()) server->use_tls(tls_dir + "/server.pem", tls_dir + "/server.key");
        port = server->listen({"127.0.0.1", 0});
        thread = std::thread([this] { io.run(); });
    }
    void TearDown() override {
        io.stop();
        if (thread.joinable()) thread.join();
    }
    boost::asio::io_context io;
    std::unique_ptr<http::HttpServer> server;
    std::uint16_t port = 0;
    std::thread thread;
};

TEST_F(HttpServerTest, AnswersWithSecurityHeaders) {
    start({});
    EXPECT_NE(port, 0);
    const auto r = test_support::http_post(port, "/echo", "hello");
    EXPECT_EQ(r.status, 200);
    EXPECT_EQ(r.body, R"({"len":5})");
    EXPECT_EQ(r.headers.at("x-content-type-options"), "nosniff");
    EXPECT_NE(r.headers.at("content-security-policy").find("default-src 'self'"),
              std::string::npos);
    EXPECT_EQ(r.headers.at("cache-control"), "no-store");
}

TEST_F(HttpServerTest, OversizedBodyGets413) {
    http::ServerLimits limits;
    limits.body_limit_bytes = 1024;
    start(limits);
    const auto r = test_support::http_post(port, "/echo", std::string(5000, 'x'));
    EXPECT_EQ(r.status, 413);
    EXPECT_NE(r.body.find("body_too_large"), std::string::npos);
}

TEST_F(HttpServerTest, OversizedHeadersGet431) {
    start({});
    const auto r = test_support::send_raw(
        port, "GET / HTTP/1.1\r\nHost: x\r\nX-Big: " + std::string(20000, 'a') + "\r\n\r\n");
    EXPECT_EQ(r.status, 431);
}

TEST_F(HttpServerTest, GarbageGets400AndTheServerKeepsServing) {
    start({});
    const auto bad = test_support::send_raw(port, "\x01\x02 NOT HTTP\r\n\r\n");
    EXPECT_EQ(bad.status, 400);
    EXPECT_NE(bad.body.find("bad_request"), std::string::npos);
    EXPECT_EQ(test_support::http_post(port, "/echo", "x").status, 200);
}

TEST_F(HttpServerTest, HandlerExceptionGives500WithoutDetail) {
    start({});
    const auto r = test_support::http_get(port, "/boom");
    EXPECT_EQ(r.status, 500);
    EXPECT_EQ(r.body.find("handler bug"), std::string::npos);
    EXPECT_EQ(test_support::http_get(port, "/other").status, 404);
}

TEST_F(HttpServerTest, ASilentClientIsDisconnectedAfterTheTimeout) {
    http::ServerLimits limits;
    limits.io_timeout = 300ms;
    start(limits);
    // Half a request, then silence: the server must close the connection instead of waiting
    // forever.
    const auto started = std::chrono::steady_clock::now();
    const auto r = test_support::send_raw(port, "GET / HTTP/1.1\r\nHost: x\r\n", 5s);
    const auto waited = std::chrono::steady_clock::now() - started;
    EXPECT_EQ(r.status, 0);
    EXPECT_LT(waited, 4s) << "the connection was held open until the client gave up";
}

TEST_F(HttpServerTest, KeepAliveServesSeveralRequestsOnOneConnection) {
    start({});
    const std::string one = "POST /echo HTTP/1.1\r\nHost: x\r\nContent-Length: 2\r\n\r\nab";
    const std::string two =
        "POST /echo HTTP/1.1\r\nHost: x\r\nContent-Length: 3\r\nConnection: close\r\n\r\nabc";
    const auto r = test_support::send_raw(port, one + two);
    EXPECT_EQ(r.status, 200);  // the helper reads the first response
    EXPECT_EQ(r.body, R"({"len":2})");
}

TEST(HttpServerListen, ABusyPortIsAClearError) {
    boost::asio::io_context io;
    http::HttpServer first(io, {}, [](const http::HttpRequest&) { return http::HttpResponse{}; });
    const auto port = first.listen({"127.0.0.1", 0});
    http::HttpServer second(io, {}, [](const http::HttpRequest&) { return http::HttpResponse{}; });
    try {
        second.listen({"127.0.0.1", port});
        FAIL() << "two servers bound the same port";
    } catch (const std::runtime_error& e) {
        EXPECT_NE(std::string(e.what()).find(std::to_string(port)), std::string::npos) << e.what();
    }
}

// An exception out of one completion handler (Beast throws for some malformed input) must not end
// the I/O loop: the handlers after it still run.
TEST(RunUntilStopped, AHandlerThatThrowsDoesNotStopTheLoop) {
    boost::asio::io_context io;
    bool later_ran = false;
    boost::asio::post(io, [] { throw std::length_error("field value too large"); });
    boost::asio::post(io, [&] { later_ran = true; });
    onthaal::http::run_until_stopped(io);
    EXPECT_TRUE(later_ran);
}

namespace {

// An idle TCP connection to 127.0.0.1:port from the loopback address `from`.
int open_idle_connection(const char* from, std::uint16_t port) {
    const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in local{};
    local.sin_family = AF_INET;
    ::inet_pton(AF_INET, from, &local.sin_addr);
    if (::bind(fd, reinterpret_cast<sockaddr*>(&local), sizeof local) != 0) return -1;
    sockaddr_in server{};
    server.sin_family = AF_INET;
    server.sin_port = htons(port);
    ::inet_pton(AF_INET, "127.0.0.1", &server.sin_addr);
    if (::connect(fd, reinterpret_cast<sockaddr*>(&server), sizeof server) != 0) return -1;
    return fd;
}

// True when the server closed the connection (read returns 0) within `wait`.
bool closed_by_server(int fd, std::chrono::milliseconds wait) {
    timeval tv{0, static_cast<suseconds_t>(wait.count() * 1000)};
    ::setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
    char c;
    return ::recv(fd, &c, 1, 0) == 0;
}

}  // namespace

// One source holding its share of connections (here: 8, each sending nothing) cannot keep a
// client at another address out; its next connection is closed at once; a head that does not
// arrive is cut after head_timeout.
TEST_F(HttpServerTest, OneSourceCannotTakeEveryConnectionAndSlowHeadsAreCut) {
    http::ServerLimits limits;
    limits.max_connections_per_source = 8;
    limits.head_timeout = 400ms;
    start(limits);
    std::vector<int> idle;
    for (int i = 0; i < 8; ++i) idle.push_back(open_idle_connection("127.0.0.2", port));
    ASSERT_EQ(std::count(idle.begin(), idle.end(), -1), 0);
    std::this_thread::sleep_for(50ms);  // the server has accepted them
    const int ninth = open_idle_connection("127.0.0.2", port);
    EXPECT_TRUE(closed_by_server(ninth, 200ms)) << "a ninth connection from one source was kept";
    EXPECT_EQ(test_support::http_post(port, "/echo", "hi").status, 200)
        << "a client at another address was kept out";
    EXPECT_TRUE(closed_by_server(idle[0], 1000ms)) << "a head that never came held its place";
    for (int fd : idle) ::close(fd);
    ::close(ninth);
}

// Per-client limits (the desk's sign-in) key on the address the request came from.
TEST_F(HttpServerTest, TheHandlerSeesTheClientsAddress) {
    start({});
    const int fd = open_idle_connection("127.0.0.3", port);
    ASSERT_GE(fd, 0);
    const std::string request = "GET /source HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n";
    ASSERT_EQ(::send(fd, request.data(), request.size(), 0), static_cast<ssize_t>(request.size()));
    std::string answer;
    char buffer[4096];
    for (ssize_t n; (n = ::recv(fd, buffer, sizeof buffer, 0)) > 0;) answer.append(buffer, n);
    ::close(fd);
    EXPECT_TRUE(answer.ends_with("\r\n\r\n127.0.0.3")) << answer;
}

// Idle sockets from many addresses (each within its share) fill the cap: a new client still gets
// in, in the place of the connection idle longest. Before: it was refused until a head deadline.
TEST_F(HttpServerTest, AtTheCapANewClientTakesThePlaceOfTheConnectionIdleLongest) {
    http::ServerLimits limits;
    limits.max_connections = 8;
    limits.max_connections_per_source = 2;
    start(limits);
    std::vector<int> idle;
    for (int i = 0; i < 8; ++i) {
        const std::string from = "127.0.0." + std::to_string(10 + i / 2);
        idle.push_back(open_idle_connection(from.c_str(), port));
        std::this_thread::sleep_for(5ms);  // accepted in this order
    }
    ASSERT_EQ(std::count(idle.begin(), idle.end(), -1), 0);
    std::this_thread::sleep_for(50ms);
    EXPECT_EQ(test_support::http_post(port, "/echo", "hi").status, 200)
        << "a new client was kept out by idle sockets";
    EXPECT_TRUE(closed_by_server(idle[0], 200ms)) << "the connection idle longest was kept";
    EXPECT_FALSE(closed_by_server(idle[7], 100ms)) << "a newer idle connection was closed";
    for (int fd : idle) ::close(fd);
}

// A connection with a request in progress (a long-poll waiting for its answer) is never cut to
// make room: with every place taken by one, a new client is refused.
TEST(HttpServerCap, ARequestInProgressIsNeverCutToMakeRoom) {
    boost::asio::io_context io;
    std::vector<http::Responder> held;
    http::ServerLimits limits;
    limits.max_connections = 2;
    http::HttpServer server(io, limits, [&](const http::HttpRequest&, http::Responder respond) {
        held.push_back(std::move(respond));
    });
    const auto port = server.listen({"127.0.0.1", 0});
    std::thread thread([&] { io.run(); });
    std::vector<std::thread> waiting;
    std::vector<int> statuses(2, -1);
    for (int i = 0; i < 2; ++i)
        waiting.emplace_back(
            [&, i] { statuses[i] = test_support::http_get(port, "/wait").status; });
    std::this_thread::sleep_for(200ms);
    EXPECT_EQ(test_support::http_get(port, "/third").status, 0) << "a waiting request was cut";
    boost::asio::post(io, [&] {
        for (auto& respond : held) respond(http::json_response(200, "{}"));
    });
    for (auto& t : waiting) t.join();
    EXPECT_EQ(statuses, std::vector<int>(2, 200));
    io.stop();
    thread.join();
}

// With TLS, a connection that never starts its handshake holds its place no longer than a silent
// head would, and makes way for a new client at the cap like one.
TEST_F(HttpServerTest, ASilentTlsHandshakeIsCutAtTheHeadDeadlineAndEvictedAtTheCap) {
    test_support::TempDir certificates;
    test_support::make_localhost_certificate(certificates, "test-ca");
    http::ServerLimits limits;
    limits.max_connections = 2;
    limits.head_timeout = 400ms;
    start(limits, certificates.path());
    const int first = open_idle_connection("127.0.0.20", port);
    std::this_thread::sleep_for(20ms);
    const int second = open_idle_connection("127.0.0.21", port);
    std::this_thread::sleep_for(20ms);
    const int third = open_idle_connection("127.0.0.22", port);
    EXPECT_TRUE(closed_by_server(first, 200ms)) << "the silent handshake kept a new client out";
    EXPECT_TRUE(closed_by_server(second, 1000ms)) << "a handshake that never came held its place";
    for (int fd : {first, second, third}) ::close(fd);
}
