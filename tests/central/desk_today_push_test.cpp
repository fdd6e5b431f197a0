// Central's appliers for what the desk's today page records (issue 15): the residence and
// work-permit check (entities/residence_check_entity.cpp), pushed by a desk only, for a client of
// its own site, checked by a staff member of it; and a plan past the 7-day target after an
// absence, refused without its reason and kept with it (entities/appointment_entity.cpp), as the
// agent does. Library calls (central::apply_push) on a real store.
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

constexpr const char* kNow = "2026-01-20T14:00:00Z";

json client(const std::string& id, const std::string& coach) {
    return {{"id", id},         {"first_name", "Amina"}, {"last_name", "B"},
            {"language", "nl"}, {"programme", "TIBB4"},  {"coach_id", coach}};
}

// Amina (c1) was absent with a valid reason at her first appointment on Monday 12 January 2026:
// the next one is due by 19 January.
json site_one() {
    json absent = {
        {"id", "a1"},         {"client_id", "c1"},    {"staff_id", "st1"},
        {"kind", "first"},    {"registered", false},  {"starts_at", "2026-01-12T09:00:00+01:00"},
        {"duration_min", 30}, {"location", "Room 1"}, {"outcome", "absent_valid"}};
    return {{"staff", {{{"id", "st1"}, {"name", "Els"}}, {{"id", "st2"}, {"name", "Jan"}}}},
            {"clients", {client("c1", "st1"), client("c2", "st2")}},
            {"appointments", {absent}}};
}

json site_two() {
    return {{"staff", {{{"id", "st9"}, {"name", "Other"}}}}, {"clients", {client("c9", "st9")}}};
}

json check(const std::string& id, const std::string& client_id, const std::string& by = "st1") {
    return {{"mutation_id", id},
            {"entity", "residence_check"},
            {"entity_id", client_id},
            {"base_version", nullptr},
            {"device_time", "2026-01-20T13:00:00Z"},
            {"payload",
             {{"client_id", client_id},
              {"checked_on", "2026-01-20"},
              {"checked_by", by},
              {"recorded_at", "2026-01-20T13:00:00Z"}}}};
}

json plan(const std::string& id, const std::string& starts_at, const json& reason,
          const std::string& mutation_id, const std::string& planned_at = "2026-01-20T13:00:00Z") {
    json payload = {{"id", id},           {"client_id", "c1"},    {"staff_id", "st2"},
                    {"kind", "first"},    {"registered", false},  {"starts_at", starts_at},
                    {"duration_min", 30}, {"location", "Room 2"}, {"checkin_code", id + "22"}};
    if (!reason.is_null()) payload["late_reason"] = reason;
    return {{"mutation_id", mutation_id}, {"entity", "appointment"},   {"entity_id", id},
            {"base_version", nullptr},    {"device_time", planned_at}, {"payload", payload}};
}

class DeskTodayPushTest : public ::testing::Test {
  protected:
    void SetUp() override {
        central::add_site(db, "s1", "Site 1", "O");
        central::add_site(db, "s2", "Site 2", "A");
        central::import_site_file(db, "s1", site_one().dump());
        central::import_site_file(db, "s2", site_two().dump());
    }
    json push_one(const central::DeviceScope& device, const json& mutation) {
        json body = {{"mutations", json::array({mutation})}};
        return json::parse(central::apply_push(db, device, body.dump(), kNow))["results"][0];
    }
    std::vector<std::string> received(const central::DeviceScope& device, const char* entity) {
        std::vector<std::string> ids;
        for (const auto& c :
             json::parse(central::read_changes(db, device, 0, 1000, kNow).changes_json))
            if (c["entity"] == entity) ids.push_back(c["id"]);
        return ids;
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

TEST_F(DeskTodayPushTest, AResidenceCheckFromADeskIsKeptAndReachesTheSitesOtherDesks) {
    EXPECT_EQ(push_one(desk, check("m1", "c1"))["status"], "applied");
    EXPECT_EQ(db.query_int64("SELECT count(*) FROM residence_check WHERE id = 'm1' AND client_id = "
                             "'c1' AND checked_on = '2026-01-20' AND checked_by = 'st1' AND "
                             "site_id = 's1'"),
              1);
    EXPECT_EQ(received(desk2, "residence_check"), std::vector<std::string>{"m1"});
    EXPECT_TRUE(received(kiosk, "residence_check").empty());
    EXPECT_TRUE(received(other, "residence_check").empty());
    EXPECT_EQ(push_one(desk, check("m1", "c1"))["status"], "duplicate");
}

TEST_F(DeskTodayPushTest, CentralRefusesAResidenceCheckOutsideTheDesksRoleOrSite) {
    expect_rejected(push_one(kiosk, check("m1", "c1")), "forbidden_for_role");
    expect_rejected(push_one(coach, check("m2", "c1")), "forbidden_for_role");
    expect_rejected(push_one(other, check("m3", "c1", "st9")), "unknown_client");
    expect_rejected(push_one(desk, check("m4", "c1", "st9")), "residence_check.unknown_staff");
    json bad = check("m5", "c1");
    bad["payload"]["checked_on"] = "20/01/2026";
    expect_rejected(push_one(desk, bad), "invalid_payload");
    EXPECT_EQ(db.query_int64("SELECT count(*) FROM residence_check"), 0);
}

// 002 §2.1.1: the next appointment is to be planned (vastgelegd) within 7 calendar days; the
// appointment itself may fall after that week.
TEST_F(DeskTodayPushTest, PlannedWithinTheWeekTheAppointmentMayFallLaterWithoutAReason) {
    EXPECT_EQ(push_one(desk, plan("ap-soon", "2026-02-05T09:00:00Z", nullptr, "m1",
                                  "2026-01-16T10:00:00Z"))["status"],
              "applied");
}

TEST_F(DeskTodayPushTest, APlanPastTheSevenDayTargetIsRefusedWithoutAReasonAndKeptWithIt) {
    // Planned on the 20th, a day past the target, for an appointment the next morning.
    expect_rejected(push_one(desk, plan("ap-late", "2026-01-21T09:00:00Z", nullptr, "m1")),
                    "plan.late_reason_required");
    expect_rejected(push_one(desk, plan("ap-late", "2026-01-27T09:00:00Z", "", "m2")),
                    "malformed_mutation");
    EXPECT_EQ(push_one(desk, plan("ap-late", "2026-01-27T09:00:00Z", "Klant in het ziekenhuis",
                                  "m3"))["status"],
              "applied");
    EXPECT_EQ(db.query_text("SELECT late_reason FROM appointment WHERE id = 'ap-late'"),
              "Klant in het ziekenhuis");
    EXPECT_EQ(db.query_text("SELECT staff_id FROM appointment WHERE id = 'ap-late'"), "st2");
    // Desks receive the reason; a kiosk's view of the appointment never carries it.
    const auto changes = json::parse(central::read_changes(db, kiosk, 0, 1000, kNow).changes_json);
    for (const auto& c : changes) EXPECT_FALSE(c["data"].contains("late_reason")) << c.dump();
}
