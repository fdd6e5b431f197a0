// Issue 12, item 1: no single request stops a server. Real agent and central processes on
// loopback; after each hostile request both still answer.
#include <gtest/gtest.h>

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
