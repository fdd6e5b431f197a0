#include <gtest/gtest.h>

#include "tests/support/child_process.hpp"
#include "tests/support/loopback_http.hpp"
#include "tests/support/temp_dir.hpp"

using namespace onthaal::test_support;
using namespace std::chrono_literals;

TEST(CentralAdmin, SiteAndDeviceAddPrintOnlyTheToken) {
    TempDir dir;
    const std::string db = dir.file("central.db");
    auto site = run_command({ONTHAAL_CENTRAL_BINARY, "site", "add", "--db", db, "--id", "ocmw-gent",
                             "--name", "OCMW Gent", "--province", "O"});
    ASSERT_EQ(site.exit_code, 0) << site.err;
    auto device = run_command({ONTHAAL_CENTRAL_BINARY, "device", "add", "--db", db, "--site",
                               "ocmw-gent", "--name", "Kiosk 1", "--role", "kiosk"});
    ASSERT_EQ(device.exit_code, 0) << device.err;
    ASSERT_FALSE(device.out.empty());
    EXPECT_EQ(device.out.find('\n'), device.out.size() - 1) << "more than the token was printed";
    EXPECT_GE(device.out.size(), 40u);
    auto second = run_command({ONTHAAL_CENTRAL_BINARY, "device", "add", "--db", db, "--site",
                               "ocmw-gent", "--name", "Kiosk 2", "--role", "kiosk"});
    EXPECT_NE(second.out, device.out) << "two devices got the same token";
}

TEST(CentralAdmin, BadInputExitsNonZeroWithAReason) {
    TempDir dir;
    const std::string db = dir.file("central.db");
    auto bad_province = run_command({ONTHAAL_CENTRAL_BINARY, "site", "add", "--db", db, "--id",
                                     "s1", "--name", "S", "--province", "X"});
    EXPECT_EQ(bad_province.exit_code, 2);
    EXPECT_NE(bad_province.err.find("--province"), std::string::npos) << bad_province.err;
    auto no_site = run_command({ONTHAAL_CENTRAL_BINARY, "device", "add", "--db", db, "--site",
                                "nope", "--name", "K", "--role", "kiosk"});
    EXPECT_EQ(no_site.exit_code, 2);
    EXPECT_NE(no_site.err.find("no site 'nope'"), std::string::npos) << no_site.err;
    auto bad_role = run_command({ONTHAAL_CENTRAL_BINARY, "device", "add", "--db", db, "--site",
                                 "s1", "--name", "K", "--role", "admin"});
    EXPECT_EQ(bad_role.exit_code, 2);
    auto missing_flag =
        run_command({ONTHAAL_CENTRAL_BINARY, "site", "add", "--db", db, "--id", "s1"});
    EXPECT_EQ(missing_flag.exit_code, 2);
    EXPECT_NE(missing_flag.err.find("--name is required"), std::string::npos) << missing_flag.err;
    auto duplicate = run_command({ONTHAAL_CENTRAL_BINARY, "site", "add", "--db", db, "--id", "s2",
                                  "--name", "S", "--province", "A"});
    EXPECT_EQ(duplicate.exit_code, 0);
    duplicate = run_command({ONTHAAL_CENTRAL_BINARY, "site", "add", "--db", db, "--id", "s2",
                             "--name", "S", "--province", "A"});
    EXPECT_EQ(duplicate.exit_code, 2);
}

TEST(CentralServe, AnnouncesItsPortAndAnswersHealthz) {
    TempDir dir;
    ChildProcess central(
        {ONTHAAL_CENTRAL_BINARY, "serve", "--db", dir.file("c.db"), "--listen", "127.0.0.1:0"});
    const auto line = central.read_stdout_line(20s);
    ASSERT_TRUE(line) << central.drain_stderr();
    const auto port = port_from_listening_line(*line);
    ASSERT_NE(port, 0);
    EXPECT_EQ(http_get(port, "/healthz").status, 200);
    central.signal(SIGTERM);
    EXPECT_EQ(central.wait(10s), 0);
}
