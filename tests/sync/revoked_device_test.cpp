// Issue 14, item 7: central revokes a coach's laptop. The laptop keeps every fact central has not
// received, stops syncing, says why (GET /api/v1/status, onthaal-agent status), and hands the
// facts over with `onthaal-agent export-unsynced`. Real processes on loopback.
#include <sys/stat.h>

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <vector>

#include "local_store/sqlite_database.hpp"
#include "tests/support/child_process.hpp"
#include "tests/support/desk_client.hpp"
#include "tests/support/sync_fixture.hpp"
#include "tests/sync/coach_laptop.hpp"

using namespace onthaal::test_support;
using namespace std::chrono_literals;
using nlohmann::json;

namespace {

// The outbox rows central has not taken, in outbox order: "state mutation_id".
std::vector<std::string> unsynced_rows(const std::string& store_path) {
    onthaal::store::Database db = onthaal::store::Database::open(store_path);
    onthaal::store::Statement q = db.prepare(
        "SELECT state || ' ' || mutation_id FROM outbox WHERE state <> 'applied' ORDER BY seq");
    std::vector<std::string> rows;
    while (q.step()) rows.push_back(q.column_text(0));
    return rows;
}

// A fact central refused earlier (it sits quarantined, with its reason).
void add_quarantined(const std::string& store_path) {
    onthaal::store::Database db = onthaal::store::Database::open(store_path);
    db.exec(
        "INSERT INTO outbox (mutation_id, entity, entity_id, base_version, payload, state, "
        "last_error, created_at, device_time) VALUES ('quarantined-1', 'attendance', 'a2', 1, "
        "'{\"kind\":\"present\",\"occurred_at\":\"2026-11-23T08:00:00Z\",\"recorded_by\":\"st1\"}',"
        " 'quarantined', 'appointment.already_completed: done', '2026-11-23T08:00:00Z',"
        " '2026-11-23T08:00:00Z')");
}

bool stopped_as_revoked(AgentProcess& laptop) {
    return laptop.status().value("stopped_reason", json()) == "device_revoked";
}

}  // namespace

TEST(RevokedDevice, KeepsItsFactsSaysWhyAndExportsExactlyTheUnsyncedOnes) {
    TempDir dir;
    CentralProcess central(dir);
    central.add_site("s1");
    const std::string token = add_coach_device(dir, central, "laptop1");
    central.import_json("s1", coach_caseload(3));
    central.start();
    AgentProcess laptop(dir, {"s1", token, central.url(), "laptop", R"(, "role": "coach")"});
    laptop.start();
    ASSERT_TRUE(eventually([&] { return laptop.status().value("pull_cursor", 0L) >= 10; }, 15s));
    const DeskClient coach = sign_in(laptop.port(), kDeskPassword);
    ASSERT_FALSE(coach.cookie.empty());
    ASSERT_EQ(coach.post("/api/v1/desk/appointments/a0/outcome", R"({"outcome":"present"})").status,
              200);
    ASSERT_TRUE(eventually([&] { return laptop.status()["pending_mutations"] == 0; }, 15s));
    EXPECT_TRUE(laptop.status()["stopped_reason"].is_null());

    central.admin({"device", "revoke", "--db", central.db(), "--site", "s1", "--name", "laptop1"});
    ASSERT_EQ(coach.post("/api/v1/desk/appointments/a1/outcome", R"({"outcome":"present"})").status,
              200)
        << "the coach must keep working";
    ASSERT_TRUE(eventually([&] { return stopped_as_revoked(laptop); }, 15s))
        << laptop.status().dump() << laptop.stderr_text();
    const json status = laptop.status();
    EXPECT_EQ(status["sync_state"], "device_not_authorised");
    EXPECT_NE(status["stopped_message"].get<std::string>().find("aanvaardt dit toestel niet meer"),
              std::string::npos)
        << status.dump();
    EXPECT_EQ(status["pending_mutations"], 1) << "the unsynced fact is gone";

    // Restarted (a laptop is switched off and on): still stopped, still holding the fact.
    laptop.stop();
    add_quarantined(laptop.store_path());
    laptop.start();
    ASSERT_TRUE(eventually([&] { return stopped_as_revoked(laptop); }, 15s));
    EXPECT_EQ(laptop.status()["pending_mutations"], 1);
    EXPECT_EQ(laptop.status()["quarantined_mutations"], 1);
    laptop.stop();

    const std::string config = dir.file("laptop.json");
    const auto text = run_command({ONTHAAL_AGENT_BINARY, "status", "--config", config});
    EXPECT_NE(text.out.find("central no longer accepts this device"), std::string::npos)
        << text.out;
    const auto as_json =
        run_command({ONTHAAL_AGENT_BINARY, "status", "--json", "--config", config});
    EXPECT_EQ(json::parse(as_json.out)["stopped_reason"], "device_revoked") << as_json.out;

    const std::vector<std::string> before = unsynced_rows(laptop.store_path());
    ASSERT_EQ(before.size(), 2u);
    const std::string out = dir.file("handover.json");
    const auto exported =
        run_command({ONTHAAL_AGENT_BINARY, "export-unsynced", "--out", out, "--config", config});
    ASSERT_EQ(exported.exit_code, 0) << exported.err;
    EXPECT_NE(exported.out.find("wrote 1 pending and 1 quarantined mutations to " + out),
              std::string::npos)
        << exported.out;
    struct stat st {};
    ASSERT_EQ(::stat(out.c_str(), &st), 0);
    EXPECT_EQ(st.st_mode & 0777, 0600u);
    const json doc = json::parse(read_file(out));
    EXPECT_EQ(doc["stopped_reason"], "device_revoked");
    std::vector<std::string> in_file;
    for (const json& m : doc["mutations"])
        in_file.push_back(m["state"].get<std::string>() + " " +
                          m["mutation_id"].get<std::string>());
    EXPECT_EQ(in_file, before) << "the export is not exactly the unsynced mutations";
    EXPECT_EQ(doc["mutations"][0]["entity_id"], "a1");
    EXPECT_EQ(doc["mutations"][0]["payload"]["kind"], "present");
    EXPECT_EQ(doc["mutations"][1]["last_error"], "appointment.already_completed: done");

    // Exporting changed nothing, and an export is never overwritten.
    EXPECT_EQ(unsynced_rows(laptop.store_path()), before);
    const std::string first_file = read_file(out);
    const auto again =
        run_command({ONTHAAL_AGENT_BINARY, "export-unsynced", "--out", out, "--config", config});
    EXPECT_EQ(again.exit_code, 2);
    EXPECT_NE(again.err.find("exists already"), std::string::npos) << again.err;
    EXPECT_EQ(read_file(out), first_file);
}
