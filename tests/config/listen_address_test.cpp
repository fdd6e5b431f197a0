#include "config/listen_address.hpp"

#include <gtest/gtest.h>

using namespace onthaal::config;

TEST(ListenAddress, ParsesIpv4Ipv6AndLocalhost) {
    std::string why;
    auto a = parse_listen_address("127.0.0.1:8080", why);
    ASSERT_TRUE(a);
    EXPECT_EQ(a->host, "127.0.0.1");
    EXPECT_EQ(a->port, 8080);
    a = parse_listen_address("[::1]:0", why);
    ASSERT_TRUE(a);
    EXPECT_EQ(a->host, "::1");
    EXPECT_EQ(a->port, 0);
    EXPECT_TRUE(parse_listen_address("localhost:9000", why));
}

TEST(ListenAddress, RejectsMalformedAddresses) {
    std::string why;
    for (const char* bad : {"", "8080", ":8080", "127.0.0.1:", "127.0.0.1:x", "127.0.0.1:65536",
                            "central.example:80", "[::1:80", "127.0.0.1:-1"}) {
        why.clear();
        EXPECT_FALSE(parse_listen_address(bad, why)) << bad;
        EXPECT_FALSE(why.empty()) << bad;
    }
}

TEST(ListenAddress, KnowsLoopback) {
    EXPECT_TRUE(is_loopback_host("127.0.0.1"));
    EXPECT_TRUE(is_loopback_host("127.8.9.10"));
    EXPECT_TRUE(is_loopback_host("::1"));
    EXPECT_TRUE(is_loopback_host("localhost"));
    EXPECT_FALSE(is_loopback_host("10.0.0.1"));
    EXPECT_FALSE(is_loopback_host("central.example"));
}
