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

TEST(AgentProcess, HelpListsTheSettings) {
    const auto result = run_command({ONTHAAL_AGENT_BINARY, "--help"});
    EXPECT_EQ(result.exit_code, 0);
    EXPECT_NE(result.out.find("site_id"), std::string::npos);
    EXPECT_NE(result.out.find("ONTHAAL_LISTEN"), std::string::npos);
}
