#include "agent/command_line.hpp"

#include <gtest/gtest.h>

using namespace onthaal::agent;

TEST(CommandLine, RunWithConfig) {
    const Command c = parse_command_line({"run", "--config", "/etc/onthaal.json"}, std::nullopt);
    EXPECT_EQ(c.verb, Verb::run);
    EXPECT_EQ(c.config_path, "/etc/onthaal.json");
}

TEST(CommandLine, ConfigFromEnvironmentWhenNoFlag) {
    EXPECT_EQ(parse_command_line({"run"}, "/env.json").config_path, "/env.json");
    EXPECT_EQ(parse_command_line({"run", "--config", "/flag.json"}, "/env.json").config_path,
              "/flag.json");
}

TEST(CommandLine, HelpAndPrintConfig) {
    EXPECT_EQ(parse_command_line({"--help"}, std::nullopt).verb, Verb::help);
    EXPECT_EQ(parse_command_line({"--print-config"}, std::nullopt).verb, Verb::print_config);
}

TEST(CommandLine, BadWordsAreUsageErrors) {
    EXPECT_THROW(parse_command_line({}, std::nullopt), UsageError);
    EXPECT_THROW(parse_command_line({"run", "--config"}, std::nullopt), UsageError);
    EXPECT_THROW(parse_command_line({"runn"}, std::nullopt), UsageError);
}

TEST(CommandLine, ExportUnsyncedNeedsANewFileToWriteTo) {
    const Command c =
        parse_command_line({"export-unsynced", "--out", "/tmp/handover.json"}, std::nullopt);
    EXPECT_EQ(c.verb, Verb::export_unsynced);
    EXPECT_EQ(c.out_path, "/tmp/handover.json");
    EXPECT_THROW(parse_command_line({"export-unsynced"}, std::nullopt), UsageError);
    EXPECT_THROW(parse_command_line({"export-unsynced", "--out"}, std::nullopt), UsageError);
    EXPECT_THROW(parse_command_line({"status", "--out", "f"}, std::nullopt), UsageError);
    EXPECT_THROW(parse_command_line({"export-unsynced", "--out", "f", "--json"}, std::nullopt),
                 UsageError);
}
