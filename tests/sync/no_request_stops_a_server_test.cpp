// Issue 12, item 1: no single request stops a server. Real agent and central processes on
// loopback; after each hostile request both still answer.
#include <gtest/gtest.h>

#include "tests/support/desk_client.hpp"
#include "tests/support/loopback_http.hpp"
#include "tests/support/sync_fixture.hpp"

using namespace onthaal::test_support;
using namespace std::chrono_literals;

namespace {

// A chunked POST whose trailer holds one field of `size` bytes (Beast refused it by throwing
// out of the event loop, which ended the process).
std::string chunked_with_trailer(const std::string& path, std::size_t size) {
    return "POST " + path +
           " HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\nTrailer: X-Big\r\n"
           "Content-Type: application/json\r\n\r\n"
           "2\r\n{}\r\n0\r\nX-Big: " +
           std::string(size, 'a') + "\r\n\r\n";
}

}  // namespace

TEST(NoRequestStopsAServer, AHugeChunkedTrailerLeavesAgentAndCentralServing) {
    TempDir dir;
    CentralProcess central(dir);
    central.add_site("s1");
    const std::string token = central.add_device("s1", "kiosk1");
    central.start();
    AgentProcess agent(dir, {"s1", token, central.url(), "agent", ""});
    agent.start();
    for (const std::uint16_t port : {agent.port(), central.port()}) {
        for (const char* path : {"/api/v1/kiosk/checkin", "/api/v1/sync/push"}) {
            const auto r = send_raw(port, chunked_with_trailer(path, 70 * 1024), 5s);
            EXPECT_TRUE(r.status == 0 || r.status >= 400) << r.status;
        }
        EXPECT_EQ(http_get(port, "/healthz").status, 200) << "the server stopped";
    }
    EXPECT_EQ(agent.check_in("NOPE23"), 404) << agent.stderr_text();
}

// Issue 12, item 2: out-of-range numbers get 400 at every JSON entry and are never echoed; JSON
// nested deeper than 64 levels is refused before a tree is built.
TEST(NoRequestStopsAServer, HugeNumbersAndDeepNestingGet400NeverEchoed) {
    TempDir dir;
    CentralProcess central(dir);
    central.add_site("s1");
    const std::string token = central.add_device("s1", "kiosk1");
    central.start();
    AgentProcess agent(dir, {"s1", token, central.url(), "agent", R"(, "role": "desk")"});
    agent.start();
    const std::string digits(5000, '7');
    for (const std::string& body :
         {std::string(R"({"code": 1e999999})"), R"({"code": )" + digits + "}"}) {
        const auto r = http_post(agent.port(), "/api/v1/kiosk/checkin", body);
        EXPECT_EQ(r.status, 400) << r.body;
        EXPECT_EQ(r.body.find("999999"), std::string::npos);
        const DeskClient desk{agent.port(), "", ""};
        EXPECT_EQ(desk.post("/api/v1/desk/login", body, false).status, 400);
    }
    const std::string bearer = read_file(token);
    const auto push = [&](const std::string& body) {
        return send_raw(central.port(),
                        "POST /api/v1/sync/push HTTP/1.1\r\nHost: x\r\nConnection: close\r\n"
                        "Authorization: Bearer " +
                            bearer.substr(0, bearer.find_first_of("\r\n")) +
                            "\r\nContent-Length: " + std::to_string(body.size()) + "\r\n\r\n" +
                            body);
    };
    const auto number = push(R"({"mutations": [], "x": )" + digits + "}");
    EXPECT_EQ(number.status, 400) << number.body;
    EXPECT_EQ(number.body.find("7777"), std::string::npos);
    const std::size_t levels = 3'000'000;
    const auto deep =
        push(R"({"mutations": )" + std::string(levels, '[') + std::string(levels, ']') + "}");
    EXPECT_EQ(deep.status, 400) << deep.body;
    EXPECT_NE(deep.body.find("nested deeper"), std::string::npos) << deep.body;
    EXPECT_EQ(http_get(central.port(), "/healthz").status, 200);
    agent.stop();
    central.stop();
    for (const std::string& log :
         {read_file(dir.file("agent.log")), read_file(dir.file("central.log"))})
        EXPECT_EQ(log.find("7777777777"), std::string::npos) << "a number reached a log";
}
