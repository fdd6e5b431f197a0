// Issue 11: central is the authority. Real central (and agent) processes on loopback; pushes are
// sent as a device would send them, with its own bearer token, whatever the device claims.
#include <gtest/gtest.h>

#include <atomic>
#include <nlohmann/json.hpp>
#include <thread>

#include "tests/support/desk_client.hpp"
#include "tests/support/loopback_http.hpp"
#include "tests/support/sync_fixture.hpp"

using namespace onthaal::test_support;
using namespace std::chrono_literals;
using nlohmann::json;

namespace {

json appointment(const std::string& id, const std::string& client, const std::string& kind,
                 const std::string& code, int offset_min = -5) {
    return {{"id", id},           {"client_id", client},  {"staff_id", "st1"},
            {"kind", kind},       {"registered", false},  {"starts_at", utc_in_minutes(offset_min)},
            {"duration_min", 30}, {"location", "Room 1"}, {"code", code}};
}

json site_one() {
    return {{"staff", json::array({desk_staff_record()})},
            {"clients",
             {{{"id", "c1"},
               {"first_name", "Amina"},
               {"last_name", "Benali"},
               {"language", "ar"},
               {"programme", "TIBB4"},
               {"coach_id", "st1"}},
              {{"id", "c2"},
               {"first_name", "Koen"},
               {"last_name", "Desmet"},
               {"language", "nl"},
               {"programme", "GLOW"}}}},
            {"appointments",
             {appointment("a1", "c1", "first", "FRST23"),
              appointment("a2", "c2", "regular", "REGU23")}}};
}

std::string trimmed(std::string text);

// A push as the device with this token would send it.
json push(const CentralProcess& central, const std::string& token_file, const json& mutation) {
    const std::string body = json{{"mutations", json::array({mutation})}}.dump();
    const auto r = send_raw(central.port(),
                            "POST /api/v1/sync/push HTTP/1.1\r\nHost: x\r\nConnection: close\r\n"
                            "Authorization: Bearer " +
                                trimmed(read_file(token_file)) +
                                "\r\nContent-Type: application/json\r\nContent-Length: " +
                                std::to_string(body.size()) + "\r\n\r\n" + body);
    EXPECT_EQ(r.status, 200) << r.body;
    return r.status == 200 ? json::parse(r.body)["results"][0] : json::object();
}

std::string trimmed(std::string text) {
    while (!text.empty() && std::isspace(static_cast<unsigned char>(text.back()))) text.pop_back();
    return text;
}

int next_id = 0;

json fact(const std::string& appointment_id, const std::string& kind,
          const std::string& recorded_by, std::optional<int> base = std::nullopt) {
    return {{"mutation_id", "m-" + std::to_string(++next_id)},
            {"entity", "attendance"},
            {"entity_id", appointment_id},
            {"base_version", base ? json(*base) : json(nullptr)},
            {"device_time", utc_in_minutes(0)},
            {"payload",
             {{"kind", kind}, {"occurred_at", utc_in_minutes(0)}, {"recorded_by", recorded_by}}}};
}

json plan(const std::string& id, const std::string& client, const std::string& kind) {
    return {{"mutation_id", "m-" + std::to_string(++next_id)},
            {"entity", "appointment"},
            {"entity_id", id},
            {"base_version", nullptr},
            {"device_time", utc_in_minutes(0)},
            {"payload",
             {{"id", id},
              {"client_id", client},
              {"staff_id", "st1"},
              {"kind", kind},
              {"registered", false},
              {"starts_at", utc_in_minutes(60 * 24)},
              {"duration_min", 30},
              {"location", "Room 1"},
              {"checkin_code", "P" + std::to_string(1000 + next_id)}}}};
}

class CentralAuthority : public ::testing::Test {
  protected:
    void SetUp() override {
        central.add_site("s1");
        central.add_site("s2", "A");
        central.import_json("s1", site_one());
        central.import_json("s2", {{"staff", {{{"id", "st9"}, {"name", "Other site's mediator"}}}},
                                   {"clients",
                                    {{{"id", "c9"},
                                      {"first_name", "Jan"},
                                      {"last_name", "X"},
                                      {"language", "nl"},
                                      {"programme", "GLOW"}}}},
                                   {"appointments",
                                    {{{"id", "b1"},
                                      {"client_id", "c9"},
                                      {"staff_id", "st9"},
                                      {"kind", "regular"},
                                      {"registered", false},
                                      {"starts_at", utc_in_minutes(-5)},
                                      {"duration_min", 30},
                                      {"location", "Room 9"}}}}});
        kiosk = central.add_device("s1", "kiosk1", "kiosk");
        desk = central.add_device("s1", "desk1", "desk");
        central.start();
    }
    TempDir dir;
    CentralProcess central{dir};
    std::string kiosk, desk;
};

json exported_appointment(CentralProcess& central, const std::string& id) {
    const json doc = central.export_site("s1");
    for (const auto& a : doc["appointments"])
        if (a["id"] == id) return a;
    ADD_FAILURE() << "central has no appointment " << id;
    return json::object();
}

}  // namespace

TEST_F(CentralAuthority, AKioskTokenPushesOnlyCheckIns) {
    const json outcome = push(central, kiosk, fact("a2", "absent_invalid", "kiosk"));
    EXPECT_EQ(outcome["status"], "rejected");
    EXPECT_EQ(outcome["reason"], "forbidden_for_role");
    const json planned = push(central, kiosk, plan("ap-new", "c2", "regular"));
    EXPECT_EQ(planned["reason"], "forbidden_for_role");
    EXPECT_EQ(push(central, kiosk, fact("a2", "checked_in", "kiosk"))["status"], "applied");

    const json doc = central.export_site("s1");
    EXPECT_TRUE(exported_appointment(central, "a2")["outcome"].is_null())
        << "a kiosk's outcome was applied";
    EXPECT_EQ(doc["appointments"].size(), 2u) << "a kiosk planned an appointment";
    EXPECT_EQ(doc["attendance_events"].size(), 1u);
}

TEST_F(CentralAuthority, ADeskCannotPlanARegularAppointmentDuringTheFirstAppointmentFlow) {
    const json regular = push(central, desk, plan("ap-r", "c1", "regular"));
    EXPECT_EQ(regular["status"], "rejected");
    EXPECT_EQ(regular["reason"], "appointment.must_be_first");
    EXPECT_EQ(push(central, desk, plan("ap-f", "c1", "first"))["status"], "applied");
    // A client in mediation (only regular appointments) gets regular ones.
    EXPECT_EQ(push(central, desk, plan("ap-g", "c2", "first"))["reason"],
              "appointment.must_be_regular");
    EXPECT_EQ(push(central, desk, plan("ap-h", "c2", "regular"))["status"], "applied");
}

TEST_F(CentralAuthority, AnotherSitesAppointmentOrStaffAndRulesTheDeskAppliesAreRefused) {
    EXPECT_EQ(push(central, desk, fact("b1", "present", "st1"))["reason"], "unknown_appointment");
    EXPECT_EQ(push(central, desk, fact("a2", "present", "st9"))["reason"],
              "recorded_by.not_site_staff");
    EXPECT_EQ(push(central, desk, fact("a2", "present", "kiosk"))["reason"],
              "recorded_by.not_site_staff");
    // The desk refuses to reschedule a regular appointment unless the mediator is absent; so does
    // central now.
    EXPECT_EQ(push(central, desk, fact("a2", "rescheduled", "st1"))["reason"],
              "reschedule.only_for_mediator_absence");
    EXPECT_EQ(push(central, desk, fact("a2", "present", "st1"))["status"], "applied");
    const json second = push(central, desk, fact("a2", "absent_invalid", "st1"));
    EXPECT_EQ(second["reason"], "appointment.already_completed");
    EXPECT_EQ(exported_appointment(central, "a2")["outcome"], "present");
}

TEST_F(CentralAuthority, ACoachPushesOnlyForItsOwnCaseload) {
    const std::string coach = dir.file("coach.token");
    write_file(coach, central.admin({"device", "add", "--db", central.db(), "--site", "s1",
                                     "--name", "laptop1", "--role", "coach", "--staff", "st1"}));
    EXPECT_EQ(push(central, coach, fact("a2", "present", "st1"))["reason"], "outside_caseload")
        << "c2 is nobody's caseload";
    EXPECT_EQ(push(central, coach, fact("a1", "checked_in", "st1"))["reason"],
              "forbidden_for_role");
    EXPECT_EQ(push(central, coach, fact("a1", "present", "st1"))["status"], "applied");
}

// A big push is applied off central's I/O thread: another device's hello is answered while the
// batch is still being applied (before, it waited for the whole batch).
TEST_F(CentralAuthority, OtherDevicesAreServedWhileABigPushIsApplied) {
    json batch = {{"mutations", json::array()}};
    for (int i = 0; i < 10000; ++i) batch["mutations"].push_back(fact("a2", "checked_in", "kiosk"));
    const std::string body = batch.dump();
    const std::string token = trimmed(read_file(kiosk));
    std::atomic<bool> push_done{false};
    std::chrono::steady_clock::duration push_took{};
    std::thread pusher([&] {
        const auto start = std::chrono::steady_clock::now();
        const auto r =
            send_raw(central.port(),
                     "POST /api/v1/sync/push HTTP/1.1\r\nHost: x\r\nConnection: close\r\n"
                     "Authorization: Bearer " +
                         token + "\r\nContent-Type: application/json\r\nContent-Length: " +
                         std::to_string(body.size()) + "\r\n\r\n" + body,
                     60s);
        push_took = std::chrono::steady_clock::now() - start;
        EXPECT_EQ(r.status, 200);
        push_done = true;
    });
    std::this_thread::sleep_for(30ms);  // the batch is being read and applied now
    const auto hello =
        send_raw(central.port(),
                 "GET /api/v1/sync/hello HTTP/1.1\r\nHost: x\r\nConnection: close\r\n"
                 "Authorization: Bearer " +
                     trimmed(read_file(desk)) + "\r\n\r\n");
    const bool answered_meanwhile = !push_done;
    pusher.join();
    EXPECT_EQ(hello.status, 200);
    ASSERT_GT(push_took, 150ms) << "the push was too quick to tell";
    EXPECT_TRUE(answered_meanwhile) << "the hello waited for the whole push";
}
