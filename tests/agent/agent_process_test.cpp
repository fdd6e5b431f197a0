// The real onthaal-agent binary: start-up line, serving, clean stop on signals, and start-up
// errors.
#include <signal.h>

#include <gtest/gtest.h>

#include <filesystem>

#include "tests/support/child_process.hpp"
#include "tests/support/loopback_http.hpp"
#include "tests/support/temp_dir.hpp"

using namespace onthaal::test_support;
using namespace std::chrono_literals;

namespace {

std::string write_config(const TempDir& dir, const std::string& extra = "") {
    const std::string path = dir.file("agent.json");
    write_file(path, R"({"site_id": "ocmw-gent", "store_path": ")" + dir.file("agent.db") +
                         R"(", "listen": "127.0.0.1:0")" + extra + "}");
    return path;
}

}  // namespace

TEST(AgentProcess, ServesOnTheAnnouncedPortAndStopsCleanlyOnSigterm) {
    for (int signal_number : {SIGTERM, SIGINT}) {
        TempDir dir;
        ChildProcess agent({ONTHAAL_AGENT_BINARY, "run", "--config", write_config(dir)});
        const auto line = agent.read_stdout_line(20s);
        ASSERT_TRUE(line) << agent.drain_stderr();
        const auto port = port_from_listening_line(*line);
        ASSERT_NE(port, 0) << *line;
        const auto health = http_get(port, "/healthz");
        EXPECT_EQ(health.status, 200);
        agent.signal(signal_number);
        EXPECT_EQ(agent.wait(10s), 0) << agent.drain_stderr();
        const std::string err = agent.drain_stderr();
        EXPECT_NE(err.find("INFO agent.stopped"), std::string::npos) << err;
    }
}

TEST(AgentProcess, ConfigErrorsExitWith2AndNameTheField) {
    TempDir dir;
    const auto result = run_command(
        {ONTHAAL_AGENT_BINARY, "run", "--config", write_config(dir, R"(, "role": "boss")")});
    EXPECT_EQ(result.exit_code, 2);
    EXPECT_NE(result.err.find("'role'"), std::string::npos) << result.err;
}

TEST(AgentProcess, EnvironmentOverridesReachTheAgent) {
    TempDir dir;
    const auto result = run_command({ONTHAAL_AGENT_BINARY, "--print-config"},
                                    {{"ONTHAAL_CONFIG", write_config(dir)},
                                     {"ONTHAAL_ROLE", "coach"},
                                     {"ONTHAAL_DEVICE_TOKEN", "very-secret-token"}});
    EXPECT_EQ(result.exit_code, 0) << result.err;
    EXPECT_NE(result.out.find("\"role\": \"coach\""), std::string::npos) << result.out;
    EXPECT_NE(result.out.find("\"site_id\": \"ocmw-gent\""), std::string::npos) << result.out;
    EXPECT_EQ(result.out.find("very-secret-token"), std::string::npos) << "a secret was printed";
}

TEST(AgentProcess, ACorruptStoreStopsStartUpNamingTheFile) {
    TempDir dir;
    write_file(dir.file("agent.db"), std::string(4096, '\x5a'));
    const auto result = run_command({ONTHAAL_AGENT_BINARY, "run", "--config", write_config(dir)});
    EXPECT_EQ(result.exit_code, 1);
    EXPECT_NE(result.err.find(dir.file("agent.db")), std::string::npos) << result.err;
    EXPECT_EQ(read_file(dir.file("agent.db")), std::string(4096, '\x5a'));
}

// Item 6 of issue 12: a secret others can read stops the start, naming the file and its mode; the
// store the agent creates is its own alone.
TEST(AgentProcess, AReadableTokenOrKeyFileStopsStartUpAndTheStoreIsPrivate) {
    TempDir dir;
    const std::string token = dir.file("device.token");
    write_file(token, "token");
    std::filesystem::permissions(token, std::filesystem::perms::others_read,
                                 std::filesystem::perm_options::add);
    const auto refused = run_command(
        {ONTHAAL_AGENT_BINARY, "run", "--config",
         write_config(dir, R"(, "central_url": "http://127.0.0.1:9", "device_token_file": ")" +
                               token + "\"")});
    EXPECT_EQ(refused.exit_code, 2);
    EXPECT_NE(refused.err.find(token + " has mode 0604"), std::string::npos) << refused.err;

    write_file(dir.file("agent.db.key"), "{}");
    std::filesystem::permissions(dir.file("agent.db.key"), std::filesystem::perms::group_read,
                                 std::filesystem::perm_options::add);
    const auto key = run_command({ONTHAAL_AGENT_BINARY, "status", "--config", write_config(dir)});
    EXPECT_EQ(key.exit_code, 2);
    EXPECT_NE(key.err.find("'key_file'"), std::string::npos) << key.err;
    EXPECT_NE(key.err.find("0640"), std::string::npos) << key.err;

    std::filesystem::remove(dir.file("agent.db.key"));
    const auto status =
        run_command({ONTHAAL_AGENT_BINARY, "status", "--config", write_config(dir)});
    EXPECT_EQ(status.exit_code, 0) << status.err;
    EXPECT_EQ(std::filesystem::status(dir.file("agent.db")).permissions() &
                  (std::filesystem::perms::group_all | std::filesystem::perms::others_all),
              std::filesystem::perms::none);
}

// Issue 14: a coach's laptop seals confidential notes with its notes key. It is made private at
// the first start, and a loose or foreign one stops the start (exit 2) naming the file; kiosks
// and desks keep no notes and never make or read one.
TEST(AgentProcess, ACoachMakesItsNotesKeyPrivateAndALooseOrForeignOneStopsTheStart) {
    TempDir dir;
    const std::string key = dir.file("agent.db.notes.key");
    const std::string coach = write_config(dir, R"(, "role": "coach")");
    {
        ChildProcess agent({ONTHAAL_AGENT_BINARY, "run", "--config", coach});
        ASSERT_TRUE(agent.read_stdout_line(20s)) << agent.drain_stderr();
        agent.signal(SIGTERM);
        EXPECT_EQ(agent.wait(10s), 0);
    }
    ASSERT_TRUE(std::filesystem::exists(key));
    EXPECT_EQ(std::filesystem::status(key).permissions(),
              std::filesystem::perms::owner_read | std::filesystem::perms::owner_write);
    const std::string made = read_file(key);

    std::filesystem::permissions(key, std::filesystem::perms::others_read,
                                 std::filesystem::perm_options::add);
    const auto loose = run_command({ONTHAAL_AGENT_BINARY, "run", "--config", coach});
    EXPECT_EQ(loose.exit_code, 2);
    EXPECT_NE(loose.err.find("'notes_key_file'"), std::string::npos) << loose.err;
    EXPECT_NE(loose.err.find(key + " has mode 0604"), std::string::npos) << loose.err;
    EXPECT_EQ(read_file(key), made) << "the key was replaced";

    const std::string named = dir.file("elsewhere.key");
    write_file(named, "onthaal-central-notes-key-v1 " + std::string(64, 'e') + "\n");
    std::filesystem::permissions(named, std::filesystem::perms::owner_read,
                                 std::filesystem::perm_options::replace);
    const auto foreign = run_command(
        {ONTHAAL_AGENT_BINARY, "run", "--config",
         write_config(dir, R"(, "role": "coach", "notes_key_file": ")" + named + "\"")});
    EXPECT_EQ(foreign.exit_code, 2);
    EXPECT_NE(foreign.err.find(named), std::string::npos) << foreign.err;
    EXPECT_EQ(foreign.err.find(std::string(16, 'e')), std::string::npos) << "quoted the key";

    TempDir kiosk_dir;
    ChildProcess kiosk({ONTHAAL_AGENT_BINARY, "run", "--config", write_config(kiosk_dir)});
    ASSERT_TRUE(kiosk.read_stdout_line(20s)) << kiosk.drain_stderr();
    kiosk.signal(SIGTERM);
    EXPECT_EQ(kiosk.wait(10s), 0);
    EXPECT_FALSE(std::filesystem::exists(kiosk_dir.file("agent.db.notes.key")));
}

TEST(AgentProcess, HelpListsTheSettings) {
    const auto result = run_command({ONTHAAL_AGENT_BINARY, "--help"});
    EXPECT_EQ(result.exit_code, 0);
    EXPECT_NE(result.out.find("site_id"), std::string::npos);
    EXPECT_NE(result.out.find("ONTHAAL_LISTEN"), std::string::npos);
}
