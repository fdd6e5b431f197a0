// Central's applier for the desks' calls (entities/queue_call_entity.cpp, issue 15 item 3): a call
// from a desk of the site, of a client checked in at central and not yet seen, is kept and passed
// to the site's other desks (so every waiting-room display shows it) with central's own number
// and room; kiosks, coaches and other sites' desks may not push one and never receive one.
// Library calls (central::apply_push) on a real store.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "central/central_admin.hpp"
#include "central/central_schema.hpp"
#include "central/change_feed.hpp"
#include "central/push_apply.hpp"
#include "central/site_import.hpp"
#include "local_store/store_open.hpp"
#include "tests/support/temp_dir.hpp"

using namespace onthaal;
using nlohmann::json;

namespace {

constexpr const char* kNow = "2026-11-23T08:40:00Z";

json appointment(const std::string& id, const std::string& room, const char* outcome = nullptr) {
    json a = {{"id", id},           {"client_id", "c1"},   {"staff_id", "st1"},
              {"kind", "regular"},  {"registered", false}, {"starts_at", "2026-11-23T08:30:00Z"},
              {"duration_min", 30}, {"location", room}};
    if (outcome) a["outcome"] = outcome;
    return a;
}

json site_one() {
    return {{"staff", {{{"id", "st1"}, {"name", "Els"}}}},
            {"clients",
             {{{"id", "c1"},
               {"first_name", "Amina"},
               {"last_name", "B"},
               {"language", "ar"},
               {"programme", "TIBB4"}}}},
            {"appointments",
             {appointment("a1", "Wachtzaal 2"), appointment("a2", "Bureau 3"),
              appointment("a3", "Bureau 4", "present")}}};
}

json checkin(const std::string& id, const std::string& appointment_id, const std::string& number) {
    return {{"mutation_id", id},
            {"entity", "attendance"},
            {"entity_id", appointment_id},
            {"base_version", 1},
            {"device_time", "2026-11-23T08:21:00Z"},
            {"payload",
             {{"kind", "checked_in"},
              {"occurred_at", "2026-11-23T08:21:00Z"},
              {"recorded_by", "kiosk"},
              {"queue_number", number}}}};
}

json call(const std::string& id, const std::string& appointment_id, const std::string& by = "st1") {
    return {{"mutation_id", id},
            {"entity", "queue_call"},
            {"entity_id", appointment_id},
            {"base_version", nullptr},
            {"device_time", "2026-11-23T08:35:00Z"},
            {"payload",
             {{"appointment_id", appointment_id},
              {"queue_number", "A9"},  // what a desk claims; central passes on its own
              {"location", "Elsewhere"},
              {"called_at", "2026-11-23T08:35:00Z"},
              {"called_by", by}}}};
}

class QueueCallPushTest : public ::testing::Test {
  protected:
    void SetUp() override {
        central::add_site(db, "s1", "Site 1", "O");
        central::add_site(db, "s2", "Site 2", "A");
        central::import_site_file(db, "s1", site_one().dump());
        central::import_site_file(db, "s2", R"({"staff": [{"id": "st9", "name": "Other"}]})");
        EXPECT_EQ(push_one(kiosk, checkin("k1", "a1", "4"))["status"], "applied");
    }
    json push_one(const central::DeviceScope& device, const json& mutation,
                  const char* now = kNow) {
        json body = {{"mutations", json::array({mutation})}};
        return json::parse(central::apply_push(db, device, body.dump(), now))["results"][0];
    }
    std::vector<json> received(const central::DeviceScope& device) {
        std::vector<json> calls;
        for (const auto& c :
             json::parse(central::read_changes(db, device, 0, 1000, kNow).changes_json))
            if (c["entity"] == "queue_call") calls.push_back(c["data"]);
        return calls;
    }

    test_support::TempDir dir;
    store::Database db = store::open_and_migrate(dir.file("c.db"), central::central_schema_steps());
    const central::DeviceScope kiosk{"dev-k", "s1", domain::DeviceRole::kiosk, std::nullopt};
    const central::DeviceScope desk{"dev-desk", "s1", domain::DeviceRole::desk, std::nullopt};
    const central::DeviceScope desk2{"dev-desk-2", "s1", domain::DeviceRole::desk, std::nullopt};
    const central::DeviceScope coach{"dev-coach", "s1", domain::DeviceRole::coach, "st1"};
    const central::DeviceScope other{"dev-other", "s2", domain::DeviceRole::desk, std::nullopt};
};

void expect_rejected(json result, const std::string& reason) {
    EXPECT_EQ(result["status"], "rejected") << result.dump();
    EXPECT_EQ(result["reason"], reason) << result.dump();
}

}  // namespace

TEST_F(QueueCallPushTest, ACallReachesTheSitesOtherDesksWithCentralsNumberAndRoom) {
    EXPECT_EQ(push_one(desk, call("q1", "a1"))["status"], "applied");
    const auto calls = received(desk2);
    ASSERT_EQ(calls.size(), 1u);
    EXPECT_EQ(calls[0]["id"], "q1");
    EXPECT_EQ(calls[0]["queue_number"], "4");
    EXPECT_EQ(calls[0]["location"], "Wachtzaal 2");
    EXPECT_EQ(calls[0]["called_at"], "2026-11-23T08:35:00Z");
    EXPECT_TRUE(received(desk).empty()) << "the calling desk has it already";
    EXPECT_TRUE(received(kiosk).empty());
    EXPECT_TRUE(received(coach).empty());
    EXPECT_TRUE(received(other).empty());
    // The same press sent again is one call; the client called once more is a second.
    EXPECT_EQ(push_one(desk, call("q1", "a1"))["status"], "duplicate");
    EXPECT_EQ(push_one(desk2, call("q2", "a1"))["status"], "applied");
    EXPECT_EQ(db.query_int64("SELECT count(*) FROM queue_call WHERE appointment_id = 'a1'"), 2);
}

TEST_F(QueueCallPushTest, CentralRefusesACallItsOwnStateDoesNotBearOut) {
    expect_rejected(push_one(kiosk, call("q1", "a1")), "forbidden_for_role");
    expect_rejected(push_one(coach, call("q2", "a1")), "forbidden_for_role");
    expect_rejected(push_one(other, call("q3", "a1", "st9")), "unknown_appointment");
    expect_rejected(push_one(desk, call("q4", "a2")), "queue_call.not_checked_in");
    expect_rejected(push_one(desk, call("q5", "a3")), "queue_call.completed");
    expect_rejected(push_one(desk, call("q6", "a1", "st9")), "queue_call.unknown_staff");
    json wrong_entity = call("q7", "a1");
    wrong_entity["entity_id"] = "a2";
    expect_rejected(push_one(desk, wrong_entity), "invalid_payload");
    json bad_number = call("q8", "a1");
    bad_number["payload"]["queue_number"] = "<b>1</b>";
    expect_rejected(push_one(desk, bad_number), "invalid_payload");
    EXPECT_EQ(db.query_int64("SELECT count(*) FROM queue_call"), 0);
    EXPECT_TRUE(received(desk2).empty());
}

// A desk whose clock runs a day ahead must not put a call on another day of the displays; and
// central keeps calls, and their changes in the feed, two days only.
TEST_F(QueueCallPushTest, ACallFromTheFutureIsDatedNowAndOldCallsLeaveTheFeed) {
    json ahead = call("q1", "a1");
    ahead["payload"]["called_at"] = "2026-11-24T08:35:00Z";
    EXPECT_EQ(push_one(desk, ahead)["status"], "applied");
    ASSERT_EQ(received(desk2).size(), 1u);
    EXPECT_EQ(received(desk2)[0]["called_at"], kNow);

    // Three days on, another call: the first one is gone from central and from its feed.
    json later = call("q2", "a1");
    later["payload"]["called_at"] = "2026-11-26T09:00:00Z";
    EXPECT_EQ(push_one(desk, later, "2026-11-26T09:00:05Z")["status"], "applied");
    EXPECT_EQ(db.query_int64("SELECT count(*) FROM queue_call WHERE id = 'q1'"), 0);
    const auto calls = received(desk2);
    ASSERT_EQ(calls.size(), 1u);
    EXPECT_EQ(calls[0]["id"], "q2");
}
