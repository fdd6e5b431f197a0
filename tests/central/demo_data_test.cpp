// `make demo`'s data (scripts/demo-data.py) as the README promises it: imported by the real
// binary, again without a change, and each programme's client in the state it is there to show.
#include <gtest/gtest.h>

#include <map>
#include <nlohmann/json.hpp>

#include "tests/support/child_process.hpp"
#include "tests/support/temp_dir.hpp"

using namespace onthaal::test_support;
using nlohmann::json;

namespace {

CommandResult central(const std::vector<std::string>& args) {
    std::vector<std::string> argv = {ONTHAAL_CENTRAL_BINARY};
    argv.insert(argv.end(), args.begin(), args.end());
    return run_command(argv);
}

}  // namespace

TEST(DemoData, EveryProgrammeShowsItsStateAndARerunChangesNoFact) {
    TempDir dir;
    const std::string db = dir.file("central.db");
    const std::string file = dir.file("import.json");
    ASSERT_EQ(central({"site", "add", "--db", db, "--id", "demo", "--name", "D", "--province", "O"})
                  .exit_code,
              0);
    const auto data = run_command(
        {"/usr/bin/python3", std::string(ONTHAAL_SOURCE_DIR) + "/scripts/demo-data.py"});
    ASSERT_EQ(data.exit_code, 0) << data.err;
    write_file(file, data.out);
    const auto first = central({"import", "--db", db, "--site", "demo", file});
    ASSERT_EQ(first.exit_code, 0) << first.err;
    const auto again = central({"import", "--db", db, "--site", "demo", file});
    ASSERT_EQ(again.exit_code, 0) << again.err;
    EXPECT_NE(again.err.find("(0 new or changed)"), std::string::npos) << again.err;

    const auto exported = central({"export", "--db", db, "--site", "demo"});
    ASSERT_EQ(exported.exit_code, 0) << exported.err;
    std::map<std::string, json> state;  // by programme
    std::map<std::string, std::vector<std::string>> notices;
    const json doc = json::parse(exported.out);
    for (const auto& c : doc["clients"]) {
        ASSERT_EQ(c["services"].size(), 1u) << c["client_id"];
        const json& s = c["services"][0];
        state[s["programme"]] = s["state"];
        for (const auto& n : s["state"]["notices"]) notices[s["programme"]].push_back(n["code"]);
    }
    EXPECT_EQ(state.size(), 10u) << "every programme";
    EXPECT_EQ(state["TIBB4"]["stage"], "to_close");
    EXPECT_EQ(state["TIBB4"]["closing_reason"], "max_duration");
    EXPECT_EQ(state["SCRABA"]["stage"], "present");
    EXPECT_NE(
        std::find(notices["SCRABA"].begin(), notices["SCRABA"].end(), "agreement_sheet.overdue"),
        notices["SCRABA"].end());
    EXPECT_EQ(state["TWE-wz"]["stage"], "mediation_started");
    EXPECT_TRUE(state["TWE-wz"]["weo_end"].is_string());
    EXPECT_EQ(state["GLOW"]["stage"], "first_appointment");
    EXPECT_EQ(state["G-WPL"]["stage_hours"], 780.0);
    EXPECT_NE(std::find(notices["G-WPL"].begin(), notices["G-WPL"].end(),
                        "registration.gbvs_near_800_hours"),
              notices["G-WPL"].end());
    for (const char* started : {"WIJ3", "TWE-art60", "G-JC"})
        EXPECT_EQ(state[started]["stage"], "mediation_started") << started;
    for (const char* referred : {"TIBB4 anderstaligen", "SAB3"})
        EXPECT_EQ(state[referred]["stage"], "first_appointment") << referred;
}
