// The desk's conflicts as people read them: the mediator by name, the device's own "present" no
// change made at central, internal fields left out.
#include "kiosk_ui/desk_conflicts.hpp"

#include <gtest/gtest.h>

#include "local_store/store_open.hpp"
#include "tests/support/temp_dir.hpp"

using namespace onthaal;
using nlohmann::json;

TEST(DeskConflicts, SayWhatCentralChangedWithTheMediatorByName) {
    test_support::TempDir dir;
    store::Database db = store::open_agent_store(dir.file("a.db"));
    db.exec(
        "INSERT INTO site (id, name, province) VALUES ('s1', 'Site', 'O');"
        "INSERT INTO staff_account (id, site_id, name) VALUES ('st-els', 's1', 'Els Peeters'),"
        " ('st-jan', 's1', 'Jan De Smet');");
    store::ConflictView c;
    c.id = "m2";
    c.entity = "attendance";
    c.entity_id = "ap-006";
    c.client_id = "c1";
    c.client_name = "Amira Benali";
    c.facts = {"checked_in", "present"};
    c.base_record =
        R"({"id":"ap-006","staff_id":"st-els","starts_at":"2026-12-03T09:00:00Z","location":"Bureau 2",)"
        R"("outcome":null,"checkin_code_hash":"ab","version":1})";
    c.server_record =
        R"({"id":"ap-006","staff_id":"st-jan","starts_at":"2026-12-03T10:00:00Z","location":"Bureau 2",)"
        R"("outcome":"present","checkin_code_hash":"cd","version":3})";
    const json out = http::desk_conflicts_json(db, {c});
    ASSERT_EQ(out.size(), 1u);
    EXPECT_EQ(out[0]["client_name"], "Amira Benali");
    EXPECT_EQ(out[0]["starts_at"], "2026-12-03T09:00:00Z") << "the time the device knew";
    EXPECT_EQ(out[0]["changes"],
              json::parse(R"([{"field":"staff","was":"Els Peeters","now":"Jan De Smet"},)"
                          R"({"field":"starts_at","was":"2026-12-03T09:00:00Z",)"
                          R"("now":"2026-12-03T10:00:00Z"}])"));
    EXPECT_EQ(out[0].dump().find("st-jan"), std::string::npos) << "an internal id is shown";
}
