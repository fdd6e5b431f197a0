// Central's appliers for a coach's field work (issue 14, entities/field_central.cpp): visits and
// work plans people edit (versioned; an edit on an older version is kept as a conflict for
// review, published to every device of the record, never applied), stage hours judged again on
// central's own hours, each only for the pushing coach's caseload. Library calls
// (central::apply_push) on a real store.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "central/central_admin.hpp"
#include "central/central_schema.hpp"
#include "central/change_feed.hpp"
#include "central/push_apply.hpp"
#include "central/site_import.hpp"
#include "domain/time_text.hpp"
#include "local_store/store_open.hpp"
#include "tests/support/temp_dir.hpp"

using namespace onthaal;
using nlohmann::json;

namespace {

constexpr const char* kNow = "2026-05-04T14:00:00Z";

json client(const std::string& id, const std::string& coach) {
    return {{"id", id},         {"first_name", "Amina"}, {"last_name", "B"},
            {"language", "nl"}, {"programme", "G-WPL"},  {"coach_id", coach}};
}

json present_first(const std::string& id, const std::string& client_id) {
    return {
        {"id", id},           {"client_id", client_id}, {"staff_id", "st1"},
        {"kind", "first"},    {"registered", false},    {"starts_at", "2026-01-06T09:00:00+01:00"},
        {"duration_min", 30}, {"location", "Room 1"},   {"outcome", "present"}};
}

json imported_fact(const std::string& id, const std::string& service, json payload) {
    payload["occurred_at"] = "2026-01-12T10:00:00Z";
    payload["recorded_by"] = "st1";
    return {{"id", id}, {"service_id", service}, {"payload", payload}};
}

// Amina (c1, coach Jan st1) and Bart (c2, coach Els st2), G-WPL, each with a GBVS from 12 January.
json site() {
    json facts = json::array();
    for (const std::string s : {"sv1", "sv2"}) {
        facts.push_back(
            imported_fact(s + "-start", s, {{"kind", "mediation_started"}, {"on", "2026-01-07"}}));
        facts.push_back(imported_fact(s + "-953070", s,
                                      {{"kind", "training_line"},
                                       {"on", "2026-01-07"},
                                       {"until", "2026-12-31"},
                                       {"code", "953070"},
                                       {"hours", 10}}));
        facts.push_back(imported_fact(s + "-gbvs", s,
                                      {{"kind", "training_line"},
                                       {"on", "2026-01-12"},
                                       {"until", "2026-08-31"},
                                       {"code", "GBVS"},
                                       {"hours", 800}}));
        facts.push_back(
            imported_fact(s + "-sheet", s, {{"kind", "agreement_sheet"}, {"on", "2026-01-08"}}));
    }
    return {{"staff", {{{"id", "st1"}, {"name", "Jan"}}, {{"id", "st2"}, {"name", "Els"}}}},
            {"clients", {client("c1", "st1"), client("c2", "st2")}},
            {"appointments", {present_first("a1", "c1"), present_first("a2", "c2")}},
            {"services",
             {{{"id", "sv1"},
               {"client_id", "c1"},
               {"programme", "G-WPL"},
               {"referred_on", "2026-01-05"}},
              {{"id", "sv2"},
               {"client_id", "c2"},
               {"programme", "G-WPL"},
               {"referred_on", "2026-01-05"}}}},
            {"service_facts", facts}};
}

json mutation(const std::string& id, const std::string& entity, const std::string& entity_id,
              json payload, std::optional<std::int64_t> base = std::nullopt,
              const std::string& by = "st1") {
    payload["occurred_at"] = "2026-05-04T13:00:00Z";
    payload["recorded_by"] = by;
    return {{"mutation_id", id},
            {"entity", entity},
            {"entity_id", entity_id},
            {"base_version", base ? json(*base) : json(nullptr)},
            {"device_time", "2026-05-04T13:00:00Z"},
            {"payload", payload}};
}

json visit(const std::string& id, const std::string& visit_id, int minutes,
           std::optional<std::int64_t> base = std::nullopt, const std::string& service = "sv1") {
    return mutation(id, "workplace_visit", visit_id,
                    {{"service_id", service},
                     {"kind", "follow_up"},
                     {"on", "2026-05-04"},
                     {"duration_min", minutes},
                     {"workplace", "Magazijn"},
                     {"employer", "NV"},
                     {"notes_sealed", "b1:c2VhbGVk"}},
                    base);
}

json hours(const std::string& id, const std::string& on, double h) {
    return mutation(id, "stage_hours", "sv1", {{"line_id", "sv1-gbvs"}, {"on", on}, {"hours", h}});
}

json plan(const std::string& id, std::vector<std::string> points, std::optional<std::int64_t> base,
          const std::string& by) {
    return mutation(
        id, "work_plan", "sv1-sheet",
        {{"service_id", "sv1"}, {"work_points", points}, {"assignments", json::array()}}, base, by);
}

class FieldPushTest : public ::testing::Test {
  protected:
    void SetUp() override {
        central::add_site(db, "s1", "Site 1", "O");
        central::import_site_file(db, "s1", site().dump());
    }
    json push_one(const central::DeviceScope& device, const json& m) {
        const json body = {{"mutations", json::array({m})}};
        const json results =
            json::parse(central::apply_push(db, device, body.dump(), kNow))["results"];
        return results.empty() ? json::object() : results[0];
    }
    // The records of `entity` a device receives from the feed.
    std::vector<json> received(const central::DeviceScope& device, const std::string& entity) {
        std::vector<json> out;
        for (const auto& c :
             json::parse(central::read_changes(db, device, 0, 5000, kNow).changes_json))
            if (c["entity"] == entity) out.push_back(c["data"]);
        return out;
    }
    test_support::TempDir dir;
    store::Database db = store::open_and_migrate(dir.file("c.db"), central::central_schema_steps());
    const central::DeviceScope kiosk{"dev-k", "s1", domain::DeviceRole::kiosk, std::nullopt};
    const central::DeviceScope desk{"dev-desk", "s1", domain::DeviceRole::desk, std::nullopt};
    const central::DeviceScope jan{"dev-jan", "s1", domain::DeviceRole::coach, "st1"};
    const central::DeviceScope els{"dev-els", "s1", domain::DeviceRole::coach, "st2"};
};

void expect_rejected(json result, const std::string& reason) {
    EXPECT_EQ(result["status"], "rejected") << result.dump();
    EXPECT_EQ(result["reason"], reason) << result.dump();
}

}  // namespace

TEST_F(FieldPushTest, AVisitReachesTheClientsCoachAndTheDeskWithoutItsNotes) {
    const json r = push_one(jan, visit("m1", "vis-1", 45));
    ASSERT_EQ(r["status"], "applied") << r.dump();
    EXPECT_EQ(db.query_text("SELECT notes_sealed FROM edited_record WHERE id = 'vis-1'"),
              "b1:c2VhbGVk");
    const auto to_jan = received(jan, "workplace_visit");
    ASSERT_EQ(to_jan.size(), 1u);
    EXPECT_EQ(to_jan[0]["version"], 1);
    EXPECT_EQ(to_jan[0]["has_notes"], true);
    EXPECT_FALSE(to_jan[0].contains("notes_sealed")) << "notes never travel down";
    EXPECT_EQ(received(desk, "workplace_visit").size(), 1u);
    EXPECT_TRUE(received(kiosk, "workplace_visit").empty());
    EXPECT_TRUE(received(els, "workplace_visit").empty()) << "another coach's caseload";
}

TEST_F(FieldPushTest, OnlyTheClientsCoachPushesVisitsAndNeverPlainNotes) {
    expect_rejected(push_one(els, visit("m1", "vis-1", 45)), "outside_caseload");
    expect_rejected(push_one(desk, visit("m2", "vis-2", 45)), "forbidden_for_role");
    expect_rejected(push_one(kiosk, visit("m3", "vis-3", 45)), "forbidden_for_role");
    json plain = visit("m4", "vis-4", 45);
    plain["payload"]["notes_sealed"] = "werkgever tevreden";
    expect_rejected(push_one(jan, plain), "invalid_payload");
    expect_rejected(push_one(jan, visit("m5", "vis-5", 0)), "invalid_payload");
    EXPECT_EQ(db.query_int64("SELECT count(*) FROM edited_record"), 0);
}

TEST_F(FieldPushTest, AnEditOnAnOlderVersionIsKeptAsAConflictForEveryDevice) {
    ASSERT_EQ(push_one(jan, visit("m1", "vis-1", 45))["status"], "applied");
    ASSERT_EQ(push_one(jan, visit("m2", "vis-1", 60, 1))["status"], "applied");
    // A second laptop of Jan's edited version 1 while offline.
    const json late = push_one(jan, visit("m3", "vis-1", 90, 1));
    EXPECT_EQ(late["status"], "conflict") << late.dump();
    EXPECT_EQ(late["server_version"], 2);
    EXPECT_EQ(db.query_int64("SELECT version FROM edited_record WHERE id = 'vis-1'"), 2);
    EXPECT_EQ(json::parse(db.query_text("SELECT payload FROM edited_record"))["duration_min"], 60);
    for (const auto* device : {&jan, &desk}) {
        const auto conflicts = received(*device, "record_conflict");
        ASSERT_EQ(conflicts.size(), 1u);
        EXPECT_EQ(conflicts[0]["kept"]["duration_min"], 60);
        EXPECT_EQ(conflicts[0]["edit"]["duration_min"], 90);
        EXPECT_EQ(conflicts[0]["base"]["duration_min"], 45);
    }
    EXPECT_TRUE(received(els, "record_conflict").empty());
    // The same change made on an old version agrees with central: nothing to review (notes,
    // sealed, cannot be compared: an edit of them on an old version is always reviewed).
    json same = visit("m4", "vis-1", 60, 1);
    same["payload"].erase("notes_sealed");
    EXPECT_EQ(push_one(jan, same)["status"], "applied");
    EXPECT_EQ(db.query_int64("SELECT count(*) FROM record_conflict"), 1);
}

TEST_F(FieldPushTest, StageHoursAreJudgedOnCentralsOwnHours) {
    for (int day = 0; day < 100; ++day) {
        const std::string on =
            domain::format_date(std::chrono::sys_days(domain::parse_date("2026-01-12").value()) +
                                std::chrono::days(day));
        ASSERT_EQ(push_one(jan, hours("h" + std::to_string(day), on, 8))["status"], "applied");
    }
    expect_rejected(push_one(jan, hours("h-over", "2026-05-01", 1)), "stage_hours.gbvs_over_800");
    // A correction of a day already counted replaces it and fits.
    EXPECT_EQ(push_one(jan, hours("h-fix", "2026-01-12", 4))["status"], "applied");
    expect_rejected(push_one(jan, hours("h-early", "2026-01-11", 4)), "stage_hours.outside_line");
    EXPECT_EQ(received(desk, "stage_hours").size(), 101u);
    EXPECT_TRUE(received(els, "stage_hours").empty());
}

TEST_F(FieldPushTest, AWorkPlanEditedAtTheDeskAndInTheFieldIsReviewedOnce) {
    ASSERT_EQ(push_one(desk, plan("p1", {"CV bijwerken"}, std::nullopt, "st2"))["status"],
              "applied");
    ASSERT_EQ(push_one(desk, plan("p2", {"CV bijwerken", "Rijbewijs"}, 1, "st2"))["status"],
              "applied");
    const json conflict = push_one(jan, plan("p3", {"Stiptheid"}, 1, "st1"));
    ASSERT_EQ(conflict["status"], "conflict") << conflict.dump();
    const json review =
        mutation("r1", "record_conflict", "p3", {{"resolution", "kept"}}, std::nullopt, "st2");
    EXPECT_EQ(push_one(desk, review)["status"], "applied");
    const auto to_jan = received(jan, "record_conflict");
    ASSERT_EQ(to_jan.size(), 2u) << "the conflict, then its review";
    EXPECT_EQ(to_jan[1]["resolution"], "kept");
    EXPECT_EQ(to_jan[1]["resolved_by"], "st2");
    // Jan reviews it too before hearing of the desk's review: the first review stands.
    EXPECT_EQ(push_one(jan, mutation("r2", "record_conflict", "p3",
                                     {{"resolution", "edit_applied"}}))["status"],
              "applied");
    EXPECT_EQ(received(jan, "record_conflict").size(), 2u);
    expect_rejected(push_one(els, plan("p4", {"x"}, 2, "st2")), "outside_caseload");
}

TEST_F(FieldPushTest, WhatTheOldCoachRecordedBeforeAMoveStillArrives) {
    // The import moves Amina to Els at 14:00 (central's clock); Jan's laptop was offline.
    json moved = site();
    moved["clients"][0]["coach_id"] = "st2";
    central::import_site_file(db, "s1", moved.dump());
    const json before = visit("m1", "vis-1", 45);  // recorded at 13:00 on Jan's laptop
    EXPECT_EQ(push_one(jan, before)["status"], "applied");
    json after = visit("m2", "vis-2", 45);
    after["payload"]["occurred_at"] = "2099-01-01T00:00:00Z";
    expect_rejected(push_one(jan, after), "outside_caseload");
    EXPECT_EQ(push_one(jan, hours("h-before", "2026-05-04", 4))["status"], "applied");
    EXPECT_TRUE(received(jan, "stage_hours").empty()) << "Jan no longer receives Amina's records";
    EXPECT_EQ(received(els, "stage_hours").size(), 1u);
}
