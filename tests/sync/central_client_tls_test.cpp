// The sync client's TLS: it talks to a server whose certificate chains to the configured CA and
// names the host; it refuses an unknown CA and a certificate for another name.
#include "sync/central_client.hpp"

#include <gtest/gtest.h>

#include "tests/support/child_process.hpp"
#include "tests/support/loopback_http.hpp"
#include "tests/support/temp_dir.hpp"
#include "tests/support/test_certificates.hpp"

using namespace onthaal;
using namespace onthaal::test_support;
using namespace std::chrono_literals;

namespace {

class TlsTest : public ::testing::Test {
  protected:
    void SetUp() override {
        make_localhost_certificate(dir, "onthaal-test-ca");
        make_test_ca(dir, "other-ca");
        server = std::make_unique<ChildProcess>(std::vector<std::string>{
            "/usr/bin/python3", ONTHAAL_SOURCE_DIR "/tests/sync/tls_server.py",
            dir.file("server.pem"), dir.file("server.key")});
        const auto line = server->read_stdout_line(10s);
        ASSERT_TRUE(line) << server->drain_stderr();
        port = line->substr(line->rfind(':') + 1);
    }
    sync::CentralResponse get(const std::string& host, const std::string& ca) {
        sync::CentralClient client({true, host, port, ""}, "token", ca, 5s);
        return client.request("GET", "/api/v1/sync/hello");
    }
    TempDir dir;
    std::unique_ptr<ChildProcess> server;
    std::string port;
};

}  // namespace

TEST_F(TlsTest, TrustedCertificateForTheHostIsAccepted) {
    const auto r = get("localhost", dir.file("onthaal-test-ca.pem"));
    EXPECT_EQ(r.status, 200);
    EXPECT_EQ(r.body, R"({"ok": true})");
}

TEST_F(TlsTest, AnUnknownCaIsRefused) {
    try {
        get("localhost", dir.file("other-ca.pem"));
        FAIL() << "a certificate from an untrusted CA was accepted";
    } catch (const sync::TransportError& e) {
        EXPECT_NE(std::string(e.what()).find("TLS handshake"), std::string::npos) << e.what();
    }
}

TEST_F(TlsTest, ACertificateForAnotherNameIsRefused) {
    // The certificate names "localhost"; reaching the same server as 127.0.0.1 must fail.
    EXPECT_THROW(get("127.0.0.1", dir.file("onthaal-test-ca.pem")), sync::TransportError);
}

TEST(CentralUrl, ParsesSchemeHostPortAndBasePath) {
    const auto e = sync::parse_central_url("https://central.example:8443/mlp/");
    EXPECT_TRUE(e.tls);
    EXPECT_EQ(e.host, "central.example");
    EXPECT_EQ(e.port, "8443");
    EXPECT_EQ(e.base_path, "/mlp");
    const auto plain = sync::parse_central_url("http://[::1]:9000");
    EXPECT_FALSE(plain.tls);
    EXPECT_EQ(plain.host, "::1");
    EXPECT_EQ(plain.port, "9000");
    EXPECT_THROW(sync::parse_central_url("ftp://x"), std::invalid_argument);
}
