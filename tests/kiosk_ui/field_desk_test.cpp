// The field coach's use cases (issue 14) on a real agent store, offline by construction: the
// coach reaches only its own caseload, a visit's notes are kept sealed (never plain in the store
// or the outbox), stage hours move the GBVS bar and stop at its limit, a retried POST is one
// change, an edit is made on the version the coach saw, and a conflict central reported reads in
// Dutch and can be reviewed.
#include <gtest/gtest.h>

#include "entities/entity_registry.hpp"
#include "entities/field_entity.hpp"
#include "entities/service_entity.hpp"
#include "kiosk_ui/field_desk.hpp"
#include "local_store/store_open.hpp"
#include "local_store/sync_access.hpp"
#include "tests/support/temp_dir.hpp"

using namespace onthaal;
using nlohmann::json;

namespace {

// Reversible but never plain: enough to see which form reaches which table.
class TestSealing final : public http::NoteSealing {
  public:
    std::string for_store(std::string_view plain, const std::string& id) const override {
        return "s1:" + id + ":" + hex(plain);
    }
    std::optional<std::string> from_store(std::string_view sealed,
                                          const std::string& id) const override {
        const std::string prefix = "s1:" + id + ":";
        if (!sealed.starts_with(prefix)) return std::nullopt;
        std::string out;
        for (std::size_t i = prefix.size(); i + 1 < sealed.size(); i += 2)
            out += static_cast<char>(std::stoi(std::string(sealed.substr(i, 2)), nullptr, 16));
        return out;
    }
    std::optional<std::string> for_central(std::string_view plain,
                                           const std::string&) const override {
        return "b1:" + hex(plain);
    }

  private:
    static std::string hex(std::string_view text) {
        static const char* digits = "0123456789abcdef";
        std::string out;
        for (unsigned char ch : text) out += {digits[ch >> 4], digits[ch & 15]};
        return out;
    }
};

class FieldDesk : public ::testing::Test {
  protected:
    void SetUp() override {
        db.exec(
            "INSERT INTO site (id, name, province) VALUES ('s1', 'GOB Gent', 'O');"
            "INSERT INTO staff_account (id, site_id, name) VALUES ('st1', 's1', 'Jan Coach');"
            "INSERT INTO client (id, site_id, first_name, last_name, programme, coach_id) VALUES "
            "('c1', 's1', 'Amina', 'Benali', 'G-WPL', 'st1'), "
            "('c2', 's1', 'Bart', 'Claes', 'G-WPL', 'st2');"
            "INSERT INTO service (id, client_id, programme, referred_on) VALUES "
            "('sv1', 'c1', 'G-WPL', '2026-01-05'), ('sv2', 'c2', 'G-WPL', '2026-01-05');"
            "INSERT INTO appointment (id, site_id, client_id, staff_id, kind, starts_at, "
            "duration_min, checkin_code, outcome) VALUES ('a1', 's1', 'c1', 'st1', 'first', "
            "'2026-01-06T09:00:00Z', 30, 'DEMA2AGTD', 'present');");
        fact({{"kind", "mediation_started"}, {"on", "2026-01-07"}}, "start");
        fact({{"kind", "training_line"},
              {"on", "2026-01-07"},
              {"until", "2026-12-31"},
              {"code", "953070"},
              {"hours", 10}},
             "line-953070");
        fact({{"kind", "training_line"},
              {"on", "2026-01-12"},
              {"until", "2026-08-31"},
              {"code", "GBVS"},
              {"hours", 800}},
             "gbvs");
        fact({{"kind", "agreement_sheet"}, {"on", "2026-01-08"}}, "sheet");
        db.exec("DELETE FROM outbox");  // as if synced long ago
    }
    void fact(json body, const char* id) {
        body["occurred_at"] = "2026-01-07T10:00:00Z";
        body["recorded_by"] = "st1";
        entities::record_service_fact(db, "sv1", protocol::ServiceFactMutation::from_json(body, id),
                                      "2026-01-07T10:00:00Z", id);
    }
    http::FieldContext at(const char* now, const char* staff = "st1") {
        static std::string who;
        who = staff;
        return {db, who, domain::parse_instant(now).value(), &sealing};
    }
    json gbvs_bar(const char* now) {
        return (*http::coach_client_file(at(now), "c1"))["services"][0]["progress"]["gbvs"];
    }
    TestSealing sealing;
    test_support::TempDir dir;
    store::Database db = store::open_agent_store(dir.file("a.db"));
};

}  // namespace

TEST_F(FieldDesk, TheCoachReachesOnlyItsOwnCaseload) {
    const json caseload = http::coach_caseload(at("2026-03-02T09:00:00Z"));
    ASSERT_EQ(caseload["clients"].size(), 1u);
    EXPECT_EQ(caseload["clients"][0]["id"], "c1");
    // "The DERBOP line runs since 07/01/2026" informs; it is no deadline gone by.
    const json& next = caseload["clients"][0]["next"];
    EXPECT_TRUE(next.is_null() || next["warning"] == true ||
                next["due_iso"].get<std::string>() >= "2026-03-02")
        << next.dump();
    EXPECT_FALSE(http::coach_client_file(at("2026-03-02T09:00:00Z"), "c2"));
    EXPECT_FALSE(http::coach_client_csv(at("2026-03-02T09:00:00Z"), "c2"));
    const json visit = {{"kind", "follow_up"}, {"on", "2026-03-02"}, {"duration_min", 30}};
    EXPECT_EQ(http::record_visit(at("2026-03-02T09:00:00Z"), "sv2", visit).status,
              http::FieldStatus::unknown);
    EXPECT_EQ(http::record_visit(at("2026-03-02T09:00:00Z", "st2"), "sv1", visit).status,
              http::FieldStatus::unknown);
    EXPECT_EQ(db.query_int64("SELECT count(*) FROM outbox"), 0);
}

TEST_F(FieldDesk, AVisitsNotesAreKeptSealedAndShownOnlyToTheCoach) {
    const std::string notes = "Werkgever tevreden; thuissituatie moeilijk";
    const auto done = http::record_visit(at("2026-03-02T15:00:00Z"), "sv1",
                                         {{"kind", "follow_up"},
                                          {"on", "2026-03-02"},
                                          {"duration_min", 45},
                                          {"workplace", "Magazijn Noord"},
                                          {"employer", "Logistiek NV"},
                                          {"notes", notes}});
    ASSERT_EQ(done.status, http::FieldStatus::recorded)
        << done.problem << done.result.reason_code << done.result.message_en;
    const std::string outbox = db.query_text("SELECT payload FROM outbox");
    EXPECT_EQ(outbox.find("thuissituatie"), std::string::npos) << "no plain notes in the outbox";
    EXPECT_NE(outbox.find("\"notes_sealed\":\"b1:"), std::string::npos);
    EXPECT_EQ(db.query_int64("SELECT count(*) FROM edited_record WHERE notes_sealed LIKE 's1:%' "
                             "AND payload NOT LIKE '%thuissituatie%'"),
              1);
    const json file = *http::coach_client_file(at("2026-03-02T15:00:00Z"), "c1");
    const json& visit = file["services"][0]["visits"][0];
    EXPECT_EQ(visit["notes"], notes);
    EXPECT_EQ(visit["on"], "02/03/2026");
    EXPECT_EQ(visit["sync"], "pending");
    const std::string csv = *http::coach_client_csv(at("2026-03-02T15:00:00Z"), "c1");
    EXPECT_NE(csv.find("Opvolging;02/03/2026;45;Magazijn Noord;Logistiek NV"), std::string::npos)
        << csv;
    EXPECT_EQ(csv.find("thuissituatie"), std::string::npos) << "an export never holds notes";
}

TEST_F(FieldDesk, StageHoursMoveTheGbvsBarStopAt800AndARetryIsOneEntry) {
    for (int day = 0; day < 99; ++day) {
        const auto on =
            domain::format_date(std::chrono::sys_days(domain::parse_date("2026-01-12").value()) +
                                std::chrono::days(day));
        ASSERT_EQ(http::record_hours(at("2026-05-01T18:00:00Z"), "sv1",
                                     {{"line_id", "gbvs"}, {"on", on}, {"hours", 8}})
                      .status,
                  http::FieldStatus::recorded);
    }
    EXPECT_EQ(gbvs_bar("2026-05-01T18:00:00Z")["hours"], 792);
    const json last = {
        {"id", "page-hours-0001"}, {"line_id", "gbvs"}, {"on", "2026-04-30"}, {"hours", 8}};
    const auto near = http::record_hours(at("2026-05-01T18:00:00Z"), "sv1", last);
    ASSERT_EQ(near.status, http::FieldStatus::recorded);
    EXPECT_EQ(near.result.reason_code, "stage_hours.gbvs_near_800");
    EXPECT_EQ(http::record_hours(at("2026-05-01T18:00:01Z"), "sv1", last).status,
              http::FieldStatus::already_recorded);
    EXPECT_EQ(gbvs_bar("2026-05-01T18:00:00Z")["hours"], 800);
    const auto over = http::record_hours(at("2026-05-01T18:00:00Z"), "sv1",
                                         {{"line_id", "gbvs"}, {"on", "2026-05-01"}, {"hours", 1}});
    EXPECT_EQ(over.status, http::FieldStatus::refused);
    EXPECT_EQ(over.result.reason_code, "stage_hours.gbvs_over_800");
    EXPECT_EQ(db.query_int64("SELECT count(*) FROM stage_hours"), 100);
}

TEST_F(FieldDesk, AnEditIsMadeOnTheVersionTheCoachSaw) {
    const auto first =
        http::record_visit(at("2026-03-02T15:00:00Z"), "sv1",
                           {{"kind", "intake"}, {"on", "2026-03-02"}, {"duration_min", 60}});
    ASSERT_EQ(first.status, http::FieldStatus::recorded)
        << first.problem << first.result.message_en;
    // Not yet at central: the edit builds on the version the first push will create.
    const auto edit = http::record_visit(at("2026-03-02T15:05:00Z"), "sv1",
                                         {{"visit_id", first.record_id},
                                          {"base_version", 1},
                                          {"kind", "intake"},
                                          {"on", "2026-03-02"},
                                          {"duration_min", 75}});
    ASSERT_EQ(edit.status, http::FieldStatus::recorded) << edit.problem;
    EXPECT_EQ(db.query_int64("SELECT base_version FROM outbox ORDER BY seq DESC LIMIT 1"), 1);
    const auto stale = http::record_visit(at("2026-03-02T15:06:00Z"), "sv1",
                                          {{"visit_id", first.record_id},
                                           {"base_version", 1},
                                           {"kind", "intake"},
                                           {"on", "2026-03-02"},
                                           {"duration_min", 90}});
    EXPECT_EQ(stale.result.reason_code, "record.changed_meanwhile");
    const json file = *http::coach_client_file(at("2026-03-02T15:10:00Z"), "c1");
    EXPECT_EQ(file["services"][0]["visits"][0]["duration_min"], 75);
    EXPECT_EQ(file["services"][0]["visits"][0]["version"], 2);
}

TEST_F(FieldDesk, AConflictReadsInDutchAndAReviewIsKeptAndPushed) {
    protocol::RecordConflictRecord c;
    c.id = "m-conflict-1";
    c.entity = "work_plan";
    c.entity_id = "sheet";
    c.service_id = "sv1";
    c.kept = {
        {"service_id", "sv1"}, {"work_points", {"CV bijwerken"}}, {"assignments", json::array()}};
    c.edit = {{"service_id", "sv1"},
              {"work_points", {"CV bijwerken", "Rijbewijs"}},
              {"assignments", json::array()}};
    c.detected_at = "2026-03-02T14:00:00Z";
    protocol::PulledChange change;
    change.entity = "record_conflict";
    change.id = c.id;
    change.data = c.to_json();
    entities::RecordConflictEntity().apply_pulled(db, change, store::DeviceIdentity{});
    const json file = *http::coach_client_file(at("2026-03-02T15:00:00Z"), "c1");
    const json& conflict = file["services"][0]["conflicts"][0];
    EXPECT_EQ(conflict["what"], "Werkpunten en opdrachten");
    EXPECT_EQ(conflict["detected_at"], "02/03/2026 15:00");
    ASSERT_EQ(conflict["changes"].size(), 1u);
    EXPECT_EQ(conflict["changes"][0]["label"], "Werkpunten");
    EXPECT_EQ(conflict["changes"][0]["kept"], "CV bijwerken");
    EXPECT_EQ(conflict["changes"][0]["edit"], "CV bijwerken; Rijbewijs");
    const auto review =
        http::review_conflict(at("2026-03-02T15:01:00Z"), c.id, {{"resolution", "edit_applied"}});
    ASSERT_EQ(review.status, http::FieldStatus::recorded)
        << review.problem << review.result.reason_code;
    EXPECT_EQ(db.query_int64("SELECT count(*) FROM outbox WHERE entity = 'work_plan'"), 1);
    EXPECT_EQ(db.query_int64("SELECT count(*) FROM outbox WHERE entity = 'record_conflict'"), 1);
    EXPECT_EQ(
        http::review_conflict(at("2026-03-02T15:02:00Z"), c.id, {{"resolution", "kept"}}).status,
        http::FieldStatus::already_recorded);
    EXPECT_TRUE((*http::coach_client_file(at("2026-03-02T15:03:00Z"),
                                          "c1"))["services"][0]["conflicts"][0]["resolved"]);
}

// A client moved to another coach: central's tombstone waits on this laptop until the visit
// recorded here offline has reached central, so the coach never loses sight of unsynced work.
TEST_F(FieldDesk, AClientMovedAwayLeavesOnlyOnceThisLaptopsChangesReachedCentral) {
    store::SyncAccess access(db);
    access.save_identity({"dev-jan", "s1", domain::DeviceRole::coach, "st1"},
                         {"s1", "GOB Gent", "O", std::vector<unsigned char>(32, 1)});
    const auto visit =
        http::record_visit(at("2026-03-02T15:00:00Z"), "sv1",
                           {{"kind", "follow_up"}, {"on", "2026-03-02"}, {"duration_min", 30}});
    ASSERT_EQ(visit.status, http::FieldStatus::recorded);
    json tombstone = {{"seq", 50}, {"entity", "client"}, {"id", "c1"}, {"op", "delete"}};
    const std::vector<protocol::PulledChange> page = {
        protocol::PulledChange::from_json(std::move(tombstone), 49)};
    EXPECT_EQ(
        access.apply_pulled_page(page, 50, entities::standard_registry(), "2026-03-02T15:01:00Z"),
        1u);
    EXPECT_EQ(http::coach_caseload(at("2026-03-02T15:01:00Z"))["clients"].size(), 1u);
    EXPECT_EQ(access.retry_set_aside(entities::standard_registry(), "2026-03-02T15:02:00Z"), 0u);
    access.record_push_outcomes({protocol::PushResult::applied(visit.id, 1)},
                                "2026-03-02T15:03:00Z");
    EXPECT_EQ(access.retry_set_aside(entities::standard_registry(), "2026-03-02T15:04:00Z"), 1u);
    EXPECT_EQ(http::coach_caseload(at("2026-03-02T15:05:00Z"))["clients"].size(), 0u);
    EXPECT_EQ(db.query_int64("SELECT count(*) FROM edited_record"), 0);
    EXPECT_EQ(access.status().set_aside, 0);
}
