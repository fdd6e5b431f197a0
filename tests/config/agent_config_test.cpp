#include "config/agent_config.hpp"

#include <gtest/gtest.h>

#include "tests/support/temp_dir.hpp"

using namespace onthaal::config;

namespace {

const Environment kNoEnv;

std::string error_of(const std::string& json, const Environment& env = kNoEnv) {
    try {
        parse_agent_config(json, "config file test.json", env);
    } catch (const ConfigError& e) {
        return e.what();
    }
    return "";
}

}  // namespace

TEST(AgentConfig, DefaultsApplyWhenTheFileSetsOnlyTheSite) {
    const AgentConfig c = parse_agent_config(R"({"site_id": "ocmw-gent"})", "f", kNoEnv);
    EXPECT_EQ(c.site_id, "ocmw-gent");
    EXPECT_EQ(c.role, "kiosk");
    EXPECT_EQ(c.listen, "127.0.0.1:8080");
    EXPECT_EQ(c.checkin_window_before_min, 60);
    EXPECT_EQ(c.checkin_window_after_min, 30);
}

TEST(AgentConfig, FileValuesOverrideDefaults) {
    const AgentConfig c = parse_agent_config(
        R"({"site_id": "s1", "role": "desk", "sync_backoff_cap_ms": 1000, "listen": "[::1]:0"})",
        "f", kNoEnv);
    EXPECT_EQ(c.role, "desk");
    EXPECT_EQ(c.sync_backoff_cap_ms, 1000);
    EXPECT_EQ(c.listen, "[::1]:0");
}

TEST(AgentConfig, EnvironmentOverridesTheFile) {
    const Environment env = {{"ONTHAAL_ROLE", "coach"}, {"ONTHAAL_SYNC_PULL_INTERVAL_S", "5"}};
    const AgentConfig c = parse_agent_config(R"({"site_id": "s1", "role": "desk"})", "f", env);
    EXPECT_EQ(c.role, "coach");
    EXPECT_EQ(c.sync_pull_interval_s, 5);
}

TEST(AgentConfig, BadJsonNamesLineAndColumn) {
    const std::string e = error_of("{\n  \"site_id\": \"s1\",\n  \"role\": desk\n}");
    EXPECT_NE(e.find("config file test.json"), std::string::npos) << e;
    EXPECT_NE(e.find("line 3"), std::string::npos) << e;
    EXPECT_NE(e.find("column"), std::string::npos) << e;
}

TEST(AgentConfig, UnknownKeyIsAnErrorWithASuggestion) {
    const std::string e = error_of(R"({"site_id": "s1", "sit_id": "x"})");
    EXPECT_NE(e.find("unknown setting 'sit_id'"), std::string::npos) << e;
    EXPECT_NE(e.find("did you mean 'site_id'"), std::string::npos) << e;
}

TEST(AgentConfig, WrongTypeNamesTheField) {
    const std::string e = error_of(R"({"site_id": "s1", "sync_pull_interval_s": "30"})");
    EXPECT_NE(e.find("'sync_pull_interval_s'"), std::string::npos) << e;
    EXPECT_NE(e.find("must be a integer"), std::string::npos) << e;
}

TEST(AgentConfig, OutOfRangeNamesTheFieldAndTheBounds) {
    const std::string e = error_of(R"({"site_id": "s1", "kiosk_pause_s": 0})");
    EXPECT_NE(e.find("'kiosk_pause_s'"), std::string::npos) << e;
    EXPECT_NE(e.find("between 1 and 3600"), std::string::npos) << e;
    EXPECT_NE(error_of(R"({"site_id": "s1", "kiosk_pause_s": 99999999999999999999})")
                  .find("kiosk_pause_s"),
              std::string::npos);
}

TEST(AgentConfig, InvalidValuesNameTheField) {
    EXPECT_NE(error_of(R"({"site_id": "s1", "role": "admin"})").find("'role'"), std::string::npos);
    EXPECT_NE(error_of(R"({"site_id": "s1", "listen": "8080"})").find("'listen'"),
              std::string::npos);
    EXPECT_NE(error_of(R"({"site_id": "s1", "listen": "127.0.0.1:70000"})").find("'listen'"),
              std::string::npos);
    EXPECT_NE(error_of(R"({"site_id": "s1", "log_level": "loud"})").find("'log_level'"),
              std::string::npos);
    EXPECT_NE(error_of(R"({"site_id": "bad id!"})").find("'site_id'"), std::string::npos);
}

// Issue 15, item 3: a slip printed on paper the printer does not hold would be cut off.
TEST(AgentConfig, TheKioskSlipNamesAReceiptPaperOrNone) {
    EXPECT_EQ(parse_agent_config(R"({"site_id": "s1"})", "f", kNoEnv).kiosk_slip, "");
    EXPECT_EQ(
        parse_agent_config(R"({"site_id": "s1", "kiosk_slip": "58mm"})", "f", kNoEnv).kiosk_slip,
        "58mm");
    const std::string why = error_of(R"({"site_id": "s1", "kiosk_slip": "A4"})");
    EXPECT_NE(why.find("'kiosk_slip'"), std::string::npos) << why;
    EXPECT_NE(why.find("58mm or 80mm"), std::string::npos) << why;
}

// Issue 12, item 9: sign-ins and check-ins never cross the site's network in clear by accident.
TEST(AgentConfig, ANetworkAddressNeedsTlsOrAnExplicitChoiceForPlainHttp) {
    const std::string plain = error_of(R"({"site_id": "s1", "listen": "0.0.0.0:8080"})");
    EXPECT_NE(plain.find("'listen'"), std::string::npos) << plain;
    EXPECT_NE(plain.find("tls_cert_file"), std::string::npos) << plain;
    EXPECT_EQ(error_of(R"({"site_id": "s1", "listen": "192.168.1.20:8080",
                           "allow_plain_http": true})"),
              "");
    EXPECT_EQ(error_of(R"({"site_id": "s1", "listen": "0.0.0.0:8443",
                           "tls_cert_file": "c.pem", "tls_key_file": "k.pem"})"),
              "");
    EXPECT_NE(error_of(R"({"site_id": "s1", "tls_cert_file": "c.pem"})").find("'tls_key_file'"),
              std::string::npos);
    EXPECT_EQ(error_of(R"({"site_id": "s1", "listen": "127.0.0.1:8080"})"), "");
}

TEST(AgentConfig, MissingSiteIdIsReported) {
    EXPECT_NE(error_of(R"({"role": "desk"})").find("'site_id'"), std::string::npos);
}

TEST(AgentConfig, PlainHttpToCentralOnlyOnLoopback) {
    EXPECT_EQ(error_of(R"({"site_id": "s1", "central_url": "http://127.0.0.1:9000"})"), "");
    EXPECT_EQ(error_of(R"({"site_id": "s1", "central_url": "https://central.example/api"})"), "");
    const std::string e = error_of(R"({"site_id": "s1", "central_url": "http://central.example"})");
    EXPECT_NE(e.find("'central_url'"), std::string::npos) << e;
    EXPECT_NE(e.find("https://"), std::string::npos) << e;
}

// Found while writing the agent_config fuzz target (docs/fuzzing.md): the config file was the one
// JSON input not held to the 64-level nesting limit, and a setting given deeply nested arrays
// crashed the agent at start-up (a stack overflow quoting the value in the error message).
TEST(AgentConfig, DeepNestingIsRefusedNotACrash) {
    const std::string deep(200'000, '['), closed(200'000, ']');
    const std::string e = error_of("{\"site_id\": " + deep + closed + "}");
    EXPECT_NE(e.find("nested deeper than 64 levels"), std::string::npos) << e.substr(0, 200);
    EXPECT_EQ(error_of(R"({"site_id": "s1", "role": [[["desk"]]]})").find("nested"),
              std::string::npos)
        << "shallow nesting is an ordinary type error";
}

TEST(AgentConfig, TopLevelMustBeAnObject) {
    EXPECT_NE(error_of("[1, 2]").find("must be a JSON object"), std::string::npos);
}

TEST(AgentConfig, CapBelowBaseIsRefused) {
    const std::string e =
        error_of(R"({"site_id": "s1", "sync_backoff_base_ms": 5000, "sync_backoff_cap_ms": 1000})");
    EXPECT_NE(e.find("'sync_backoff_cap_ms'"), std::string::npos) << e;
}

TEST(AgentConfig, EnvironmentErrorsNameTheVariable) {
    const std::string typo = error_of(R"({"site_id": "s1"})", {{"ONTHAAL_SITEID", "x"}});
    EXPECT_NE(typo.find("ONTHAAL_SITEID is not a setting"), std::string::npos) << typo;
    const std::string bad_number =
        error_of(R"({"site_id": "s1"})", {{"ONTHAAL_KIOSK_PAUSE_S", "ten"}});
    EXPECT_NE(bad_number.find("ONTHAAL_KIOSK_PAUSE_S"), std::string::npos) << bad_number;
    EXPECT_NE(bad_number.find("'kiosk_pause_s'"), std::string::npos) << bad_number;
}

TEST(AgentConfig, MissingOrEmptyFileIsAnError) {
    onthaal::test_support::TempDir dir;
    EXPECT_THROW(load_agent_config(dir.file("absent.json"), kNoEnv), ConfigError);
    onthaal::test_support::write_file(dir.file("empty.json"), "  \n");
    try {
        load_agent_config(dir.file("empty.json"), kNoEnv);
        FAIL() << "an empty file was accepted";
    } catch (const ConfigError& e) {
        EXPECT_NE(std::string(e.what()).find("empty.json"), std::string::npos);
    }
}

TEST(AgentConfig, PrintedConfigMasksSecrets) {
    const AgentConfig c =
        parse_agent_config(R"({"site_id": "s1", "device_token": "tok-SECRET-123"})", "f", kNoEnv);
    const std::string printed = render_effective_config(c);
    EXPECT_EQ(printed.find("tok-SECRET-123"), std::string::npos);
    EXPECT_NE(printed.find("\"device_token\": \"********\""), std::string::npos) << printed;
    EXPECT_NE(printed.find("\"site_id\": \"s1\""), std::string::npos);
}

TEST(AgentConfig, HelpListsEverySettingWithItsEnvironmentVariable) {
    const std::string help = render_settings_help();
    for (const char* name :
         {"site_id", "role", "store_path", "listen", "central_url", "device_token_file",
          "sync_backoff_base_ms", "sync_backoff_cap_ms", "kiosk_max_failed_tries"}) {
        EXPECT_NE(help.find(std::string("  ") + name + " ("), std::string::npos) << name;
    }
    EXPECT_NE(help.find("ONTHAAL_SYNC_BACKOFF_CAP_MS"), std::string::npos);
}
