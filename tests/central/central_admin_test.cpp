#include <gtest/gtest.h>

#include <fstream>

#include "local_store/sqlite_database.hpp"

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

// VDAB's month category of a client, set by hand: kept, sent to the site's desks once, and bad
// input answered with what is wrong (exit 2), never a crash.
TEST(CentralAdmin, CategorySetKeepsTheMonthCategoryAndNamesWhatIsWrong) {
    TempDir dir;
    const std::string db = dir.file("central.db");
    const std::string file = dir.file("import.json");
    ASSERT_EQ(run_command({ONTHAAL_CENTRAL_BINARY, "site", "add", "--db", db, "--id", "s1",
                           "--name", "S", "--province", "O"})
                  .exit_code,
              0);
    {
        std::ofstream out(file);
        out << R"({"staff": [{"id": "st1", "name": "Els"}], "clients": [{"id": "c1",
            "first_name": "A", "last_name": "B", "language": "nl", "programme": "TIBB4"}]})";
    }
    ASSERT_EQ(
        run_command({ONTHAAL_CENTRAL_BINARY, "import", "--db", db, "--site", "s1", file}).exit_code,
        0);
    const auto set = [&](const std::string& client, const std::string& month,
                         const std::string& category, const std::string& site = "s1") {
        return run_command({ONTHAAL_CENTRAL_BINARY, "category", "set", "--db", db, "--site", site,
                            "--client", client, "--month", month, "--category", category});
    };
    auto ok = set("c1", "2026-10", "passive");
    EXPECT_EQ(ok.exit_code, 0) << ok.err;
    auto again = set("c1", "2026-10", "passive");
    EXPECT_EQ(again.exit_code, 0) << again.err;
    EXPECT_NE(again.err.find("so already"), std::string::npos) << again.err;
    EXPECT_EQ(set("c1", "2026-10", "active").exit_code, 0);

    const auto exported =
        run_command({ONTHAAL_CENTRAL_BINARY, "export", "--db", db, "--site", "s1"});
    ASSERT_EQ(exported.exit_code, 0) << exported.err;
    onthaal::store::Database store = onthaal::store::Database::open(db);
    EXPECT_EQ(store.query_text("SELECT category FROM month_category WHERE id = 'c1:2026-10'"),
              "active");
    EXPECT_EQ(store.query_int64("SELECT count(*) FROM change_log WHERE entity = 'month_category'"),
              2)
        << "the repeat sent nothing";

    const struct {
        std::vector<std::string> args;
        const char* expected;
    } bad[] = {
        {{"c1", "2026-13", "passive"}, "--month must be a month YYYY-MM"},
        {{"c1", "oct", "passive"}, "--month must be a month YYYY-MM"},
        {{"c1", "2026-10", "idle"}, "--category must be active or passive"},
        {{"nobody", "2026-10", "active"}, "--client: no client 'nobody' at site 's1'"},
        {{"c1", "2026-10", "active", "s9"}, "--site: no site 's9'"},
    };
    for (const auto& b : bad) {
        const auto r = b.args.size() == 4 ? set(b.args[0], b.args[1], b.args[2], b.args[3])
                                          : set(b.args[0], b.args[1], b.args[2]);
        EXPECT_EQ(r.exit_code, 2) << b.expected;
        EXPECT_NE(r.err.find(b.expected), std::string::npos) << r.err;
    }
    auto missing = run_command({ONTHAAL_CENTRAL_BINARY, "category", "set", "--db", db, "--site",
                                "s1", "--client", "c1", "--month", "2026-10"});
    EXPECT_EQ(missing.exit_code, 2);
    EXPECT_NE(missing.err.find("--category is required"), std::string::npos) << missing.err;
}
