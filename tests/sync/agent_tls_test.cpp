// Issue 12, item 9: the agent's own server over TLS, for a desk on another PC. A real agent with
// a certificate answers HTTPS (checked against the CA, as a desk browser would), and nothing in
// plain HTTP; a key others can read stops it at start.
#include <gtest/gtest.h>

#include <filesystem>

#include "sync/central_client.hpp"
#include "tests/support/child_process.hpp"
#include "tests/support/loopback_http.hpp"
#include "tests/support/temp_dir.hpp"
#include "tests/support/test_certificates.hpp"

using namespace onthaal;
using namespace onthaal::test_support;
using namespace std::chrono_literals;

namespace {

std::string tls_config(const TempDir& dir) {
    const std::string path = dir.file("agent.json");
    write_file(path, R"({"site_id": "s1", "role": "desk", "store_path": ")" + dir.file("a.db") +
                         R"(", "listen": "127.0.0.1:0", "tls_cert_file": ")" +
                         dir.file("server.pem") + R"(", "tls_key_file": ")" +
                         dir.file("server.key") + R"("})");
    return path;
}

}  // namespace

TEST(AgentTls, TheAgentServesHttpsOnlyWithItsCertificate) {
    TempDir dir;
    make_localhost_certificate(dir, "site-ca");
    ChildProcess agent({ONTHAAL_AGENT_BINARY, "run", "--config", tls_config(dir)});
    const auto line = agent.read_stdout_line(20s);
    ASSERT_TRUE(line) << agent.drain_stderr();
    EXPECT_EQ(line->rfind("listening on https://", 0), 0u) << *line;
    const std::uint16_t port = port_from_listening_line(*line);
    ASSERT_NE(port, 0);

    sync::CentralClient desk_pc({true, "localhost", std::to_string(port), ""}, "",
                                dir.file("site-ca.pem"), 5s);
    const auto health = desk_pc.request("GET", "/healthz");
    EXPECT_EQ(health.status, 200) << health.body;
    EXPECT_NE(http_get(port, "/healthz").status, 200) << "plain HTTP was answered";
    EXPECT_EQ(desk_pc.request("GET", "/healthz").status, 200) << "the server stopped serving";
}

TEST(AgentTls, AKeyOthersCanReadStopsTheStart) {
    TempDir dir;
    make_localhost_certificate(dir, "site-ca");
    std::filesystem::permissions(dir.file("server.key"), std::filesystem::perms::others_read,
                                 std::filesystem::perm_options::add);
    const auto r = run_command({ONTHAAL_AGENT_BINARY, "run", "--config", tls_config(dir)});
    EXPECT_EQ(r.exit_code, 2);
    EXPECT_NE(r.err.find("'tls_key_file'"), std::string::npos) << r.err;
}
