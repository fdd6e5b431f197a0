// The day's queue (issue 15, item 3): numbers given at check-in in the check-in's own commit, the
// desk's call, and what the waiting-room display may show.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "entities/attendance_entity.hpp"
#include "entities/entity_registry.hpp"
#include "kiosk_ui/queue_api.hpp"
#include "local_store/kiosk_store.hpp"
#include "local_store/store_open.hpp"
#include "tests/support/temp_dir.hpp"

using namespace onthaal;
using nlohmann::json;

namespace {

class QueueTest : public ::testing::Test {
  protected:
    void SetUp() override {
        db.exec("INSERT INTO site (id, name, province) VALUES ('s1', 'Site', 'O')");
        db.exec("INSERT INTO staff_account (id, site_id, name) VALUES ('st1', 's1', 'Els')");
        db.exec(
            "INSERT INTO client (id, site_id, first_name, last_name) VALUES ('c1', 's1', 'Amina',"
            " 'Benali'), ('c2', 's1', 'Mehmet', 'Yilmaz'), ('c3', 's1', 'Claire', 'Dubois')");
        // Today 09:30 and 09:45 Brussels; c3 tomorrow morning.
        db.exec(
            "INSERT INTO appointment (id, site_id, client_id, staff_id, kind, starts_at, "
            "duration_min, location, checkin_code) VALUES"
            " ('a1', 's1', 'c1', 'st1', 'regular', '2026-11-23T08:30:00Z', 30, 'Bureau 2', 'C1'),"
            " ('a2', 's1', 'c2', 'st1', 'regular', '2026-11-23T08:45:00Z', 30, 'Bureau 4', 'C2'),"
            " ('a3', 's1', 'c3', 'st1', 'regular', '2026-11-24T08:15:00Z', 30, 'Bureau 1', 'C3')");
    }
    store::AppointmentView appointment(const char* id) {
        return *store::KioskStore(db).appointment_by_id(id);
    }
    std::string check_in(const char* id, const char* now, const std::string& prefix = "") {
        return entities::AttendanceWriter(db, prefix)
            .record_checkin(appointment(id), now, "kiosk")
            .queue_number;
    }
    http::HttpResponse call(const std::string& id, const char* now) {
        http::HttpRequest r;
        r.method = "POST";
        r.target = "/api/v1/desk/appointments/" + id + "/call";
        r.body = "{}";
        return *http::handle_queue_routes(r, db, "st1", domain::parse_instant(now).value(),
                                          [this] { ++sync_wakes; });
    }
    json display(const char* now) {
        return json::parse(http::display_calls(db, domain::parse_instant(now).value()).body);
    }

    int sync_wakes = 0;
    test_support::TempDir dir;
    store::Database db = store::open_agent_store(dir.file("a.db"));
};

TEST_F(QueueTest, EachCheckInTakesTheNextNumberOfItsDayAndKeepsIt) {
    EXPECT_EQ(check_in("a1", "2026-11-23T08:20:00Z"), "1");
    EXPECT_EQ(check_in("a2", "2026-11-23T08:21:00Z"), "2");
    // Checking in again answers the number given the first time, and takes none.
    EXPECT_EQ(check_in("a1", "2026-11-23T08:25:00Z"), "1");
    // The next Brussels day starts again at 1 (23:30 UTC is already the 24th in Brussels).
    EXPECT_EQ(check_in("a3", "2026-11-23T23:30:00Z"), "1");
    // The number travels to central with the fact.
    const json payload = json::parse(db.query_text(
        "SELECT payload FROM outbox WHERE entity_id = 'a2' AND entity = 'attendance'"));
    EXPECT_EQ(payload["queue_number"], "2");
}

TEST_F(QueueTest, AGroupCommitNumbersEachAppointmentOnceInTheOrderTheyCame) {
    const auto facts = entities::AttendanceWriter(db).record_checkins(
        {appointment("a2"), appointment("a1"), appointment("a2")}, "2026-11-23T08:20:00Z", "kiosk");
    ASSERT_EQ(facts.size(), 3u);
    EXPECT_EQ(facts[0].queue_number, "1");
    EXPECT_EQ(facts[1].queue_number, "2");
    EXPECT_EQ(facts[2].queue_number, "1");  // the same client twice in one batch: one number
    EXPECT_TRUE(facts[2].already_checked_in);
}

TEST_F(QueueTest, ADeviceLetterComesBeforeItsNumbers) {
    EXPECT_EQ(check_in("a1", "2026-11-23T08:20:00Z", "B"), "B1");
    EXPECT_EQ(check_in("a2", "2026-11-23T08:21:00Z", "B"), "B2");
}

// Issue 15: central gives each kiosk device a letter in its hello; the setting still wins.
TEST_F(QueueTest, TheLetterCentralGaveComesBeforeTheNumbersUnlessTheSettingNamesOne) {
    db.exec(
        "INSERT INTO device_identity (singleton, device_id, site_id, role, queue_letter) VALUES "
        "(1, 'dev-k', 's1', 'kiosk', 'C')");
    EXPECT_EQ(check_in("a1", "2026-11-23T08:20:00Z"), "C1");
    EXPECT_EQ(check_in("a2", "2026-11-23T08:21:00Z", "B"), "B2");
}

TEST_F(QueueTest, TheDeskCallsAnArrivedClientAndTheDisplayShowsNumberAndRoomOnly) {
    EXPECT_EQ(display("2026-11-23T08:00:00Z")["calls"].size(), 0u);
    EXPECT_EQ(json::parse(call("a1", "2026-11-23T08:25:00Z").body)["error"]["code"],
              "not_checked_in");
    check_in("a1", "2026-11-23T08:20:00Z");
    check_in("a2", "2026-11-23T08:21:00Z");
    EXPECT_EQ(display("2026-11-23T08:22:00Z")["waiting"], 2);
    const auto called = call("a1", "2026-11-23T08:31:00Z");
    ASSERT_EQ(called.status, 200) << called.body;
    EXPECT_EQ(json::parse(called.body)["queue_number"], "1");
    call("a2", "2026-11-23T08:46:00Z");
    const json shown = display("2026-11-23T08:47:00Z");
    ASSERT_EQ(shown["calls"].size(), 2u);
    EXPECT_EQ(shown["calls"][0]["queue_number"], "2");  // newest first
    EXPECT_EQ(shown["calls"][0]["location"], "Bureau 4");
    EXPECT_EQ(shown["calls"][0]["called_time"], "09:46");  // Brussels
    EXPECT_GT(shown["calls"][0]["seq"], shown["calls"][1]["seq"]);
    EXPECT_EQ(shown["waiting"], 0);
    EXPECT_EQ(shown.dump().find("Amina"), std::string::npos);
    EXPECT_EQ(shown.dump().find("a1"), std::string::npos);  // nor the appointment's id
    // Tomorrow the display starts empty.
    EXPECT_EQ(display("2026-11-24T07:00:00Z")["calls"].size(), 0u);
}

TEST_F(QueueTest, ACompletedOrUnknownAppointmentIsNotCalled) {
    check_in("a1", "2026-11-23T08:20:00Z");
    db.exec("UPDATE appointment SET outcome = 'present' WHERE id = 'a1'");
    EXPECT_EQ(call("a1", "2026-11-23T08:31:00Z").status, 409);
    EXPECT_EQ(call("nope", "2026-11-23T08:31:00Z").status, 404);
}

// A site with two desk PCs and one TV: each call travels to the other desks (entity queue_call),
// so the display shows it whichever desk made it; a call pulled twice is one call.
TEST_F(QueueTest, ACallIsSentToCentralAndAnotherDesksCallIsShownOnce) {
    check_in("a1", "2026-11-23T08:20:00Z");
    check_in("a2", "2026-11-23T08:21:00Z");
    ASSERT_EQ(call("a1", "2026-11-23T08:31:00Z").status, 200);
    const json sent = json::parse(db.query_text(
        "SELECT payload FROM outbox WHERE entity = 'queue_call' AND entity_id = 'a1'"));
    EXPECT_EQ(sent["queue_number"], "1");
    EXPECT_EQ(sent["location"], "Bureau 2");
    EXPECT_EQ(sent["called_by"], "st1");
    EXPECT_EQ(sync_wakes, 1) << "the call waits for the next pull instead of going at once";

    // The other desk called Mehmet to Bureau 4; central passes its call on.
    const json record = {{"id", "q-other-desk"},
                         {"appointment_id", "a2"},
                         {"queue_number", "2"},
                         {"location", "Bureau 4"},
                         {"called_at", "2026-11-23T08:32:00Z"},
                         {"called_by", "st1"}};
    const auto change = protocol::PulledChange::from_json(json{{"seq", 9},
                                                               {"entity", "queue_call"},
                                                               {"id", "q-other-desk"},
                                                               {"op", "upsert"},
                                                               {"data", record}},
                                                          8);
    const store::DeviceIdentity device{"dev-desk", "s1", domain::DeviceRole::desk, std::nullopt};
    const auto registry = entities::standard_entities();
    registry.apply(db, change, device);
    registry.apply(db, change, device);  // a page read again after a lost answer
    const json shown = display("2026-11-23T08:33:00Z");
    ASSERT_EQ(shown["calls"].size(), 2u);
    EXPECT_EQ(shown["calls"][0]["queue_number"], "2");  // the latest this desk heard of
    EXPECT_EQ(shown["calls"][0]["location"], "Bureau 4");
    EXPECT_EQ(shown["waiting"], 0);
    EXPECT_EQ(db.query_int64("SELECT count(*) FROM outbox WHERE entity = 'queue_call'"), 1);

    // A desk that was offline sends its call of half an hour ago: listed, never "go now".
    const json late = {{"id", "q-late"},
                       {"appointment_id", "a2"},
                       {"queue_number", "2"},
                       {"location", "Bureau 9"},
                       {"called_at", "2026-11-23T08:05:00Z"},
                       {"called_by", "st1"}};
    registry.apply(db,
                   protocol::PulledChange::from_json(json{{"seq", 10},
                                                          {"entity", "queue_call"},
                                                          {"id", "q-late"},
                                                          {"op", "upsert"},
                                                          {"data", late}},
                                                     9),
                   device);
    const json after = display("2026-11-23T08:36:00Z");
    ASSERT_EQ(after["calls"].size(), 3u);
    EXPECT_EQ(after["calls"][0]["location"], "Bureau 4");
    EXPECT_EQ(after["calls"][0]["fresh"], true);
    EXPECT_EQ(after["calls"][2]["location"], "Bureau 9");
    EXPECT_EQ(after["calls"][2]["fresh"], false);
}

}  // namespace
