// Pulled changes that cannot be applied are set aside, the rest of the page applies, and a later
// good change of the same record supersedes the one set aside.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "entities/entity_registry.hpp"
#include "local_store/store_open.hpp"
#include "local_store/sync_access.hpp"
#include "tests/support/temp_dir.hpp"

using namespace onthaal;
using nlohmann::json;

namespace {

json appointment(const std::string& starts_at) {
    return {{"client_id", "c1"},    {"staff_id", "st1"},        {"kind", "regular"},
            {"registered", false},  {"starts_at", starts_at},   {"duration_min", 30},
            {"location", "Room 1"}, {"checkin_code", "ABCD23"}, {"outcome", nullptr},
            {"version", 1}};
}

std::vector<protocol::PulledChange> page(std::int64_t first_seq, const std::vector<json>& changes) {
    std::vector<protocol::PulledChange> out;
    for (const json& c : changes) {
        json with_seq = c;
        with_seq["seq"] = first_seq++;
        out.push_back(protocol::PulledChange::from_json(with_seq, with_seq["seq"].get<int>() - 1));
    }
    return out;
}

// A kiosk's store that knows its identity (site s1), as after central's hello.
class SetAside : public ::testing::Test {
  protected:
    void SetUp() override {
        access.save_identity({"dev-1", "s1", onthaal::domain::DeviceRole::kiosk, std::nullopt},
                             {"s1", "Site", "O", std::vector<unsigned char>(32, 1)});
    }
    test_support::TempDir dir;
    store::Database db = store::open_agent_store(dir.file("a.db"));
    store::SyncAccess access{db};
};

}  // namespace

TEST_F(SetAside, ABadRecordIsKeptAsideTheRestAppliesAndALaterGoodOneReplacesIt) {
    const auto& registry = entities::standard_registry();
    const json client = {{"first_name", "Amina"}, {"last_name", "B"},    {"language", "ar"},
                         {"programme", "TIBB4"},  {"coach_id", nullptr}, {"version", 1}};
    access.apply_pulled_page(
        page(1, {{{"entity", "client"}, {"id", "c1"}, {"op", "upsert"}, {"data", client}},
                 {{"entity", "appointment"},
                  {"id", "ap-1"},
                  {"op", "upsert"},
                  {"data", appointment("yesterday")}},
                 {{"entity", "visit"}, {"id", "v1"}, {"op", "upsert"}, {"data", json::object()}},
                 {{"entity", "staff"},
                  {"id", "st1"},
                  {"op", "upsert"},
                  {"data", {{"name", "Els"}, {"version", 1}}}}}),
        4, registry, "2026-11-23T08:00:00Z");
    EXPECT_EQ(access.pull_cursor(), 4);
    EXPECT_EQ(db.query_int64("SELECT count(*) FROM staff_account"), 1) << "the page stopped";
    const auto aside = access.set_aside_changes(10);
    ASSERT_EQ(aside.size(), 2u);
    EXPECT_EQ(aside[0].entity_id, "ap-1");
    EXPECT_NE(aside[0].reason.find("field 'starts_at'"), std::string::npos) << aside[0].reason;
    EXPECT_NE(aside[1].reason.find("not known"), std::string::npos) << aside[1].reason;
    EXPECT_EQ(access.status().set_aside, 2);

    // Central corrects the appointment: the record set aside is superseded, not retried later.
    access.apply_pulled_page(page(5, {{{"entity", "appointment"},
                                       {"id", "ap-1"},
                                       {"op", "upsert"},
                                       {"data", appointment("2026-11-23T09:00:00Z")}}}),
                             5, registry, "2026-11-23T08:01:00Z");
    EXPECT_EQ(db.query_int64("SELECT count(*) FROM appointment WHERE id = 'ap-1'"), 1);
    EXPECT_EQ(access.status().set_aside, 1);
    EXPECT_EQ(access.retry_set_aside(registry, "2026-11-23T08:02:00Z"), 0u)
        << "an unknown entity is still unknown";
}

// A change the store itself refuses (here: an appointment of a client this device does not
// have) is set aside like a malformed one, leaving nothing half-written; and a bad change
// followed by a good one of the same record in one page leaves nothing aside.
TEST_F(SetAside, AStoreConstraintSetsTheChangeAsideAndALaterGoodOneInTheSamePageSupersedesIt) {
    json orphan = appointment("2026-11-23T09:00:00Z");
    orphan["client_id"] = "nobody";
    access.apply_pulled_page(
        page(1, {{{"entity", "appointment"}, {"id", "ap-9"}, {"op", "upsert"}, {"data", orphan}},
                 {{"entity", "staff"},
                  {"id", "st1"},
                  {"op", "upsert"},
                  {"data", {{"name", "Els"}, {"version", 1}}}},
                 {{"entity", "staff"},
                  {"id", "st2"},
                  {"op", "upsert"},
                  {"data", {{"name", 7}, {"version", 1}}}},
                 {{"entity", "staff"},
                  {"id", "st2"},
                  {"op", "upsert"},
                  {"data", {{"name", "Jan"}, {"version", 2}}}}}),
        4, entities::standard_registry(), "2026-11-23T08:00:00Z");
    EXPECT_EQ(access.pull_cursor(), 4) << "a constraint failure stopped the pull";
    const auto aside = access.set_aside_changes(10);
    ASSERT_EQ(aside.size(), 1u);
    EXPECT_EQ(aside[0].entity_id, "ap-9");
    EXPECT_NE(aside[0].reason.find("store refused"), std::string::npos) << aside[0].reason;
    EXPECT_EQ(db.query_int64("SELECT count(*) FROM appointment"), 0);
    EXPECT_EQ(db.query_text("SELECT name FROM staff_account WHERE id = 'st2'"), "Jan");
}

// A pulled "site" change renames this device's own site; one about another site is set aside.
TEST_F(SetAside, OnlyTheDevicesOwnSiteCanBeUpdatedByAPulledChange) {
    const auto site = [](const std::string& id) {
        return json{{"id", id},
                    {"name", "OCMW Gent"},
                    {"province", "O"},
                    {"hash_key", std::string(64, 'c')}};
    };
    access.apply_pulled_page(
        page(1, {{{"entity", "site"}, {"id", "s1"}, {"op", "upsert"}, {"data", site("s1")}},
                 {{"entity", "site"}, {"id", "s2"}, {"op", "upsert"}, {"data", site("s2")}}}),
        2, entities::standard_registry(), "2026-11-23T08:00:00Z");
    EXPECT_EQ(db.query_text("SELECT name FROM site WHERE id = 's1'"), "OCMW Gent");
    EXPECT_EQ(db.query_int64("SELECT count(*) FROM site"), 1);
    EXPECT_EQ(access.status().set_aside, 1);
}
