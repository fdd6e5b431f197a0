// Central's import, push and pull as library calls on a real store (no sockets).
#include <gtest/gtest.h>
#include <sodium.h>

#include <algorithm>
#include <map>
#include <nlohmann/json.hpp>

#include "central/central_admin.hpp"
#include "central/central_schema.hpp"
#include "central/change_feed.hpp"
#include "central/hash_upgrade.hpp"
#include "central/push_apply.hpp"
#include "central/site_import.hpp"
#include "domain/checkin_code.hpp"
#include "domain/national_number_hash.hpp"
#include "local_store/store_open.hpp"
#include "protocol/records.hpp"
#include "tests/support/temp_dir.hpp"

using namespace onthaal;
using nlohmann::json;

class CentralSyncTest : public ::testing::Test {
  protected:
    void SetUp() override {
        central::add_site(db, "s1", "Site 1", "O");
        central::add_site(db, "s2", "Site 2", "A");
        central::import_site_file(db, "s1", base_file().dump());
    }
    static json base_file() {
        return {{"staff", {{{"id", "st1"}, {"name", "Els"}}, {{"id", "st2"}, {"name", "Jan"}}}},
                {"clients",
                 {{{"id", "c1"},
                   {"first_name", "Amina"},
                   {"last_name", "B"},
                   {"language", "ar"},
                   {"programme", "TIBB4"},
                   {"coach_id", "st1"},
                   {"national_number", "85073003328"}},
                  {{"id", "c2"},
                   {"first_name", "Koen"},
                   {"last_name", "D"},
                   {"language", "nl"},
                   {"programme", "GLOW"},
                   {"coach_id", "st2"}}}},
                {"appointments",
                 {{{"id", "a1"},
                   {"client_id", "c1"},
                   {"staff_id", "st1"},
                   {"kind", "first"},
                   {"registered", false},
                   {"starts_at", "2026-11-23T09:30:00+01:00"},
                   {"duration_min", 30},
                   {"location", "Room 2"},
                   {"code", "abc234"}},
                  {{"id", "a2"},
                   {"client_id", "c2"},
                   {"staff_id", "st2"},
                   {"kind", "regular"},
                   {"registered", true},
                   {"starts_at", "2026-11-23T10:00:00Z"},
                   {"duration_min", 45},
                   {"location", "Room 3"}}}}};
    }
    std::string import_error(const json& doc, const std::string& site = "s1") {
        try {
            central::import_site_file(db, site, doc.dump());
        } catch (const central::AdminError& e) {
            return e.what();
        }
        return "";
    }
    json push(const central::DeviceScope& device, const std::vector<json>& mutations) {
        json body = {{"mutations", json::array()}};
        for (const auto& m : mutations) body["mutations"].push_back(m);
        return json::parse(central::apply_push(db, device, body.dump(), "2026-11-23T08:00:00Z"));
    }
    static json checkin(const std::string& id, const std::string& appointment,
                        std::optional<int> base = 1) {
        return {{"mutation_id", id},
                {"entity", "attendance"},
                {"entity_id", appointment},
                {"base_version", base ? json(*base) : json(nullptr)},
                {"device_time", "2026-11-23T08:21:00Z"},
                {"payload",
                 {{"kind", "checked_in"},
                  {"occurred_at", "2026-11-23T08:21:00Z"},
                  {"recorded_by", "kiosk"}}}};
    }
    test_support::TempDir dir;
    store::Database db = store::open_and_migrate(dir.file("c.db"), central::central_schema_steps());
    central::DeviceScope kiosk{"dev-k", "s1", onthaal::domain::DeviceRole::kiosk, std::nullopt};
    // Outcomes are the desk's (issue 11: a kiosk may push only check-ins), recorded by its staff.
    central::DeviceScope desk_device{"dev-desk", "s1", onthaal::domain::DeviceRole::desk,
                                     std::nullopt};
};

TEST_F(CentralSyncTest, ImportStoresUtcTimesUpperCaseCodesAndOnlyAHash) {
    EXPECT_EQ(db.query_text("SELECT starts_at FROM appointment WHERE id = 'a1'"),
              "2026-11-23T08:30:00Z");
    EXPECT_EQ(db.query_text("SELECT checkin_code FROM appointment WHERE id = 'a1'"), "ABC234");
    const std::string generated =
        db.query_text("SELECT checkin_code FROM appointment WHERE id = 'a2'");
    EXPECT_EQ(generated.size(), 9u) << "code not generated";
    EXPECT_EQ(onthaal::domain::check_checkin_code(generated), onthaal::domain::CodeCheck::valid)
        << generated;
    EXPECT_EQ(db.query_int64("SELECT length(national_number_hash) FROM client WHERE id = 'c1'"),
              32);
    EXPECT_EQ(db.query_int64("SELECT count(*) FROM client WHERE CAST(national_number_hash AS TEXT) "
                             "LIKE '%85073003328%'"),
              0);
}

TEST_F(CentralSyncTest, ReimportingTheSameFileChangesNothingAndKeepsGeneratedCodes) {
    const std::string code = db.query_text("SELECT checkin_code FROM appointment WHERE id = 'a2'");
    const auto before = central::last_sequence(db);
    const auto summary = central::import_site_file(db, "s1", base_file().dump());
    EXPECT_EQ(summary.changed, 0u);
    EXPECT_EQ(central::last_sequence(db), before);
    EXPECT_EQ(db.query_text("SELECT checkin_code FROM appointment WHERE id = 'a2'"), code);
    json moved = base_file();
    moved["appointments"][0]["starts_at"] = "2026-11-23T11:00:00+01:00";
    EXPECT_EQ(central::import_site_file(db, "s1", moved.dump()).changed, 1u);
    EXPECT_EQ(db.query_int64("SELECT version FROM appointment WHERE id = 'a1'"), 2);
}

TEST_F(CentralSyncTest, ABadFileIsRejectedWholeNamingRecordAndField) {
    json bad = base_file();
    bad["appointments"][1]["starts_at"] = "23/11/2026 10:00";
    bad["clients"][0]["first_name"] = "Changed";
    const std::string e = import_error(bad);
    EXPECT_NE(e.find("appointments[1] (id 'a2'): field 'starts_at'"), std::string::npos) << e;
    EXPECT_EQ(db.query_text("SELECT first_name FROM client WHERE id = 'c1'"), "Amina")
        << "half the file was applied";

    json unknown_staff = base_file();
    unknown_staff["appointments"][0]["staff_id"] = "nobody";
    EXPECT_NE(
        import_error(unknown_staff).find("field 'staff_id': refers to unknown staff 'nobody'"),
        std::string::npos);

    json bad_number = base_file();
    bad_number["clients"][0]["national_number"] = "85073003329";
    const std::string n = import_error(bad_number);
    EXPECT_NE(n.find("clients[0] (id 'c1'): field 'national_number'"), std::string::npos) << n;
    EXPECT_EQ(n.find("85073003329"), std::string::npos) << "the number was echoed";

    json bad_programme = base_file();
    bad_programme["clients"][1]["programme"] = "TIBB5";
    EXPECT_NE(import_error(bad_programme).find("field 'programme'"), std::string::npos);

    // A 9-character code must carry its check character: the kiosk would take it for a typo.
    json typo = base_file();
    typo["appointments"][0]["code"] = "antwerp7y";
    EXPECT_NE(import_error(typo).find("appointments[0] (id 'a1'): field 'code': has 9 characters"),
              std::string::npos);
    typo["appointments"][0]["code"] = "antwerp7z";
    EXPECT_EQ(import_error(typo), "");

    json missing = base_file();
    missing["appointments"][0].erase("registered");
    EXPECT_NE(import_error(missing).find("field 'registered'"), std::string::npos);

    json code_clash = base_file();
    code_clash["appointments"][1]["code"] = "ABC234";
    EXPECT_NE(import_error(code_clash).find("field 'code': is already used by appointment 'a1'"),
              std::string::npos);

    EXPECT_NE(import_error(base_file(), "s2").find("belongs to another site"), std::string::npos);
    EXPECT_NE(import_error(json::array()).find("JSON object"), std::string::npos);
}

// Found by the site_import fuzz target's seeds (docs/fuzzing.md): a new staff member given the
// username another staff member of the site signs in with broke the schema's unique index, and the
// file was refused with SQLite's message (a StoreError) instead of an AdminError naming the record.
TEST_F(CentralSyncTest, AUsernameTakenByAnotherStaffMemberIsRefusedNamingTheRecord) {
    json with_login = base_file();
    with_login["staff"][0]["username"] = "els";
    ASSERT_EQ(import_error(with_login), "");

    json taken = with_login;
    taken["staff"].push_back({{"id", "st3"}, {"name", "Els Again"}, {"username", "els"}});
    const std::string e = import_error(taken);
    EXPECT_NE(e.find("staff[2] (id 'st3'): field 'username': is already used by staff 'st1'"),
              std::string::npos)
        << e;

    json twice = base_file();  // two new staff members of one file
    twice["staff"].push_back({{"id", "st4"}, {"name", "A"}, {"username", "desk"}});
    twice["staff"].push_back({{"id", "st5"}, {"name", "B"}, {"username", "desk"}});
    const std::string t = import_error(twice);
    EXPECT_NE(t.find("staff[3] (id 'st5'): field 'username': is already used by staff 'st4'"),
              std::string::npos)
        << t;
    EXPECT_EQ(db.query_int64("SELECT count(*) FROM staff WHERE id IN ('st3', 'st4', 'st5')"), 0)
        << "half a file was applied";
}

TEST_F(CentralSyncTest, APushIsAppliedOnceAndARepeatReturnsTheFirstResult) {
    const json first = push(kiosk, {checkin("m1", "a1")});
    EXPECT_EQ(first["results"][0]["status"], "applied");
    const json again = push(kiosk, {checkin("m1", "a1")});
    EXPECT_EQ(again["results"][0]["status"], "duplicate");
    EXPECT_EQ(again["results"][0]["first_status"], "applied");
    EXPECT_EQ(db.query_int64("SELECT count(*) FROM attendance_event"), 1);
}

TEST_F(CentralSyncTest, BadMutationsAreRejectedWithoutBlockingTheRest) {
    json malformed = checkin("m3", "a1");
    malformed.erase("device_time");
    json bad_kind = checkin("m4", "a1");
    bad_kind["payload"]["kind"] = "teleported";
    const json r =
        push(kiosk, {checkin("m1", "nope"), malformed, bad_kind, checkin("m5", "a1"), json("x")});
    EXPECT_EQ(r["results"][0]["reason"], "unknown_appointment");
    EXPECT_EQ(r["results"][1]["reason"], "malformed_mutation");
    EXPECT_EQ(r["results"][2]["reason"], "invalid_kind");
    EXPECT_EQ(r["results"][3]["status"], "applied");
    EXPECT_EQ(r["results"][4]["reason"], "malformed_mutation");
    EXPECT_EQ(db.query_int64("SELECT count(*) FROM attendance_event"), 1);
    // A rejection is remembered too: the same id gets the same answer.
    EXPECT_EQ(push(kiosk, {checkin("m1", "nope")})["results"][0]["first_status"], "rejected");
}

TEST_F(CentralSyncTest, ADeviceCannotTouchAnotherSiteOrReuseAnotherDevicesIds) {
    central::DeviceScope other_site{"dev-x", "s2", onthaal::domain::DeviceRole::kiosk,
                                    std::nullopt};
    EXPECT_EQ(push(other_site, {checkin("m9", "a1")})["results"][0]["reason"],
              "unknown_appointment");
    push(kiosk, {checkin("m1", "a1")});
    central::DeviceScope second{"dev-k2", "s1", onthaal::domain::DeviceRole::kiosk, std::nullopt};
    EXPECT_EQ(push(second, {checkin("m1", "a1")})["results"][0]["reason"], "mutation_id_reused");
    EXPECT_THROW(central::apply_push(db, kiosk, "{nope", "t"), central::PushFormatError);
    EXPECT_THROW(central::apply_push(db, kiosk, R"({"mutations": 3})", "t"),
                 central::PushFormatError);
}

TEST_F(CentralSyncTest, AStaleBaseVersionKeepsTheFactAndRecordsAConflict) {
    const json r = push(kiosk, {checkin("m1", "a1", 0)});
    EXPECT_EQ(r["results"][0]["status"], "conflict");
    EXPECT_EQ(r["results"][0]["server_record"]["id"], "a1");
    EXPECT_EQ(db.query_int64("SELECT count(*) FROM attendance_event WHERE mutation_id = 'm1'"), 1);
    EXPECT_EQ(db.query_int64("SELECT count(*) FROM conflict"), 1);
}

TEST_F(CentralSyncTest, AnOutcomeUpdatesTheAppointmentAndItsVersion) {
    json present = checkin("m1", "a1");
    present["payload"]["kind"] = "present";
    present["payload"]["recorded_by"] = "st1";
    EXPECT_EQ(push(desk_device, {present})["results"][0]["server_version"], 2);
    EXPECT_EQ(db.query_text("SELECT outcome FROM appointment WHERE id = 'a1'"), "present");
}

TEST_F(CentralSyncTest, PullIsPagedAndScopedToSiteAndCaseload) {
    auto page = central::read_changes(db, desk_device, 0, 3, "");
    EXPECT_EQ(page.count, 3u);
    EXPECT_TRUE(page.has_more);
    auto rest = central::read_changes(db, desk_device, page.cursor, 100, "");
    EXPECT_FALSE(rest.has_more);
    EXPECT_EQ(page.count + rest.count, 8u);  // 2 staff, 2 clients, 2 appointments, 2 services
    // A kiosk: the staff and the appointments, each carrying its client's kiosk view.
    EXPECT_EQ(central::read_changes(db, kiosk, 0, 100, "").count, 4u);

    central::DeviceScope coach{"dev-c", "s1", onthaal::domain::DeviceRole::coach,
                               std::string("st1")};
    const auto mine = json::parse(central::read_changes(db, coach, 0, 100, "").changes_json);
    std::set<std::string> ids;
    for (const auto& c : mine) ids.insert(c["id"].get<std::string>());
    EXPECT_TRUE(ids.count("c1") && ids.count("a1"));
    EXPECT_FALSE(ids.count("c2") || ids.count("a2")) << "a coach received another coach's client";

    central::DeviceScope other_site{"dev-x", "s2", onthaal::domain::DeviceRole::kiosk,
                                    std::nullopt};
    EXPECT_EQ(central::read_changes(db, other_site, 0, 100, "").count, 0u);
}

// Issue 12, item 4: each role receives only what it needs. Found before: a kiosk's store was a full
// client list with last names, programmes, coaches and every staff member's password hash.
TEST_F(CentralSyncTest, EachRoleReceivesOnlyWhatItNeeds) {
    json with_logins = base_file();
    with_logins["staff"][0]["username"] = "els";
    with_logins["staff"][0]["password"] = "els-password";
    with_logins["staff"][1]["username"] = "jan";
    with_logins["staff"][1]["password"] = "jan-password";
    central::import_site_file(db, "s1", with_logins.dump());

    const std::string for_kiosk = central::read_changes(db, kiosk, 0, 100, "").changes_json;
    for (const char* secret : {"\"last_name\"", "\"programme\"", "TIBB4", "\"coach_id\"",
                               "password_hash", "\"username\"", "$argon2id"}) {
        EXPECT_EQ(for_kiosk.find(secret), std::string::npos) << secret << " reached the kiosk";
    }
    const json changes = json::parse(for_kiosk);
    const auto a1 =
        std::find_if(changes.begin(), changes.end(), [](const json& c) { return c["id"] == "a1"; });
    ASSERT_NE(a1, changes.end());
    EXPECT_EQ((*a1)["data"]["client"]["first_name"], "Amina");
    EXPECT_EQ((*a1)["data"]["client"]["national_number_hash"].get<std::string>().size(), 64u);

    // A day after the appointments, a kiosk that pulls again is told to forget them.
    const json later =
        json::parse(central::read_changes(db, kiosk, 0, 100, "2026-11-24T12:00:00Z").changes_json);
    for (const auto& c : later) {
        if (c["entity"] == "appointment") {
            EXPECT_EQ(c["op"], "delete") << c.dump();
        }
    }

    // A coach: its own sign-in data, not a colleague's.
    central::DeviceScope coach{"dev-c", "s1", onthaal::domain::DeviceRole::coach,
                               std::string("st1")};
    std::map<std::string, json> staff;
    for (const auto& c : json::parse(central::read_changes(db, coach, 0, 100, "").changes_json)) {
        if (c["entity"] == "staff") staff[c["id"]] = c["data"];
    }
    EXPECT_TRUE(staff["st1"]["password_hash"].is_string()) << "the coach cannot sign in offline";
    EXPECT_EQ(staff["st2"]["name"], "Jan");
    EXPECT_FALSE(staff["st2"].contains("password_hash")) << staff["st2"].dump();
    // The desk signs its staff in offline: it has every hash.
    const std::string for_desk = central::read_changes(db, desk_device, 0, 100, "").changes_json;
    EXPECT_NE(for_desk.find("jan"), std::string::npos);
}

// A database from before issue 12 holds plain HMACs; central converts them at open without the
// numbers, and the site's devices receive the new form (the client, and the appointments that
// carry it to kiosks).
TEST_F(CentralSyncTest, OldSchemeHashesAreConvertedAndSentToTheDevicesAgain) {
    const auto key = [&] {
        auto q = db.prepare("SELECT hash_key FROM site WHERE id = 's1'");
        q.step();
        return q.column_blob(0);
    }();
    json later = base_file();
    later["appointments"].push_back({{"id", "a9"},
                                     {"client_id", "c1"},
                                     {"staff_id", "st1"},
                                     {"kind", "regular"},
                                     {"registered", true},
                                     {"starts_at", "2099-01-05T09:00:00Z"},
                                     {"duration_min", 30},
                                     {"location", "Room 2"}});
    central::import_site_file(db, "s1", later.dump());
    std::vector<unsigned char> hmac(crypto_auth_hmacsha256_BYTES);
    crypto_auth_hmacsha256(hmac.data(), reinterpret_cast<const unsigned char*>("85073003328"), 11,
                           key.data());
    db.prepare(
          "UPDATE client SET national_number_hash = ?, national_number_hash_scheme = 1 WHERE id = "
          "'c1'")
        .bind_blob(1, hmac)
        .run();
    // The feed of a database from before carries the old form too.
    const std::string old_hex = protocol::to_hex(hmac);
    db.prepare(
          "UPDATE change_log SET payload = CASE WHEN entity = 'client' THEN json_set(payload,"
          " '$.national_number_hash', ?1) ELSE payload END,"
          " kiosk_payload = CASE WHEN entity = 'appointment' THEN json_set(kiosk_payload,"
          " '$.client.national_number_hash', ?1) ELSE kiosk_payload END"
          " WHERE entity_id IN ('c1', 'a1')")
        .bind(1, old_hex)
        .run();
    ASSERT_NE(central::read_changes(db, kiosk, 0, 1000, "").changes_json.find(old_hex),
              std::string::npos);
    const auto before = central::last_sequence(db);
    EXPECT_EQ(central::upgrade_national_number_hashes(db), 1u);
    auto q = db.prepare("SELECT national_number_hash, version FROM client WHERE id = 'c1'");
    ASSERT_TRUE(q.step());
    EXPECT_EQ(q.column_blob(0), domain::national_number_hash("85073003328", key));
    EXPECT_EQ(q.column_int64(1), 2);
    // The client, and its appointment to come (a1 of 23/11/2026 is past: kiosks forgot it).
    EXPECT_EQ(db.query_int64("SELECT count(*) FROM change_log WHERE seq > " +
                             std::to_string(before) + " AND entity_id IN ('c1', 'a9')"),
              2);
    EXPECT_EQ(db.query_int64("SELECT count(*) FROM change_log WHERE seq > " +
                             std::to_string(before) + " AND entity_id = 'a1'"),
              0);
    EXPECT_EQ(central::upgrade_national_number_hashes(db), 0u) << "converted twice";
    // A kiosk enrolled after the upgrade, pulling from the start, never sees the old form.
    EXPECT_EQ(central::read_changes(db, kiosk, 0, 1000, "").changes_json.find(old_hex),
              std::string::npos);
    EXPECT_EQ(central::read_changes(db, desk_device, 0, 1000, "").changes_json.find(old_hex),
              std::string::npos);
}

TEST_F(CentralSyncTest, ReassigningAClientSendsTheOldCoachATombstone) {
    central::DeviceScope coach{"dev-c", "s1", onthaal::domain::DeviceRole::coach,
                               std::string("st1")};
    const auto cursor = central::read_changes(db, coach, 0, 100, "").cursor;
    json moved = base_file();
    moved["clients"][0]["coach_id"] = "st2";
    central::import_site_file(db, "s1", moved.dump());
    const auto after = json::parse(central::read_changes(db, coach, cursor, 100, "").changes_json);
    ASSERT_EQ(after.size(), 1u);
    EXPECT_EQ(after[0]["op"], "delete");
    EXPECT_EQ(after[0]["id"], "c1");
    // Kiosk and desk devices never see coach-only tombstones.
    const auto desk = json::parse(central::read_changes(db, kiosk, 0, 100, "").changes_json);
    for (const auto& c : desk) EXPECT_NE(c["op"], "delete");
}

TEST_F(CentralSyncTest, PushedOutcomesFollowTheFirstAppointmentRulesWithTheSameReasonCodes) {
    json more = base_file();
    more["appointments"].push_back({{"id", "a3"},
                                    {"client_id", "c1"},
                                    {"staff_id", "st1"},
                                    {"kind", "first"},
                                    {"registered", true},
                                    {"starts_at", "2026-11-24T09:30:00+01:00"},
                                    {"duration_min", 30},
                                    {"location", "Room 2"}});
    more["appointments"].push_back({{"id", "a4"},
                                    {"client_id", "c1"},
                                    {"staff_id", "st1"},
                                    {"kind", "first"},
                                    {"registered", true},
                                    {"starts_at", "2026-11-25T09:30:00+01:00"},
                                    {"duration_min", 30},
                                    {"location", "Room 2"}});
    central::import_site_file(db, "s1", more.dump());
    auto outcome = [](const std::string& id, const std::string& appointment,
                      const std::string& kind) {
        json m = checkin(id, appointment, std::nullopt);
        m["payload"]["kind"] = kind;
        m["payload"]["recorded_by"] = "st1";
        return m;
    };
    EXPECT_EQ(push(desk_device, {outcome("m1", "a1", "absent_invalid")})["results"][0]["status"],
              "applied");
    EXPECT_EQ(push(desk_device, {outcome("m2", "a3", "absent_invalid")})["results"][0]["status"],
              "applied");
    EXPECT_EQ(
        db.query_int64(
            "SELECT count(*) FROM service_signal WHERE code = 'signal.service_refused_absence'"),
        1);
    const json after_stop = push(desk_device, {outcome("m3", "a4", "present")});
    EXPECT_EQ(after_stop["results"][0]["status"], "rejected");
    EXPECT_EQ(after_stop["results"][0]["reason"], "service.stopped");
    EXPECT_EQ(push(desk_device, {outcome("m4", "a1", "present")})["results"][0]["reason"],
              "appointment.already_completed");
}

TEST_F(CentralSyncTest, ADeviceIsNotSentItsOwnFactsBackButOthersAre) {
    const auto before = central::last_sequence(db);
    push(kiosk, {checkin("m1", "a1")});
    const auto own = central::read_changes(db, kiosk, before, 1000, "");
    EXPECT_EQ(own.count, 0u) << own.changes_json;
    EXPECT_GT(own.cursor, before) << "the cursor must move past the skipped fact";
    central::DeviceScope desk{"dev-d", "s1", onthaal::domain::DeviceRole::desk, std::nullopt};
    const auto other =
        nlohmann::json::parse(central::read_changes(db, desk, before, 1000, "").changes_json);
    ASSERT_EQ(other.size(), 1u);
    EXPECT_EQ(other[0]["entity"], "attendance");
    EXPECT_EQ(other[0]["id"], "m1");
}

TEST_F(CentralSyncTest, AQueueNumberTravelsWithItsCheckInToTheSitesDesks) {
    const auto before = central::last_sequence(db);
    json numbered = checkin("m1", "a1");
    numbered["payload"]["queue_number"] = "B12";
    json malformed = checkin("m2", "a2");
    malformed["payload"]["queue_number"] = "12; DROP";
    const json r = push(kiosk, {numbered, malformed});
    EXPECT_EQ(r["results"][0]["status"], "applied");
    EXPECT_EQ(r["results"][1]["reason"], "malformed_mutation") << r.dump();
    EXPECT_EQ(db.query_text("SELECT queue_number FROM attendance_event WHERE mutation_id = 'm1'"),
              "B12");
    central::DeviceScope desk{"dev-d", "s1", onthaal::domain::DeviceRole::desk, std::nullopt};
    const auto sent = json::parse(central::read_changes(db, desk, before, 1000, "").changes_json);
    ASSERT_EQ(sent.size(), 1u);
    EXPECT_EQ(sent[0]["data"]["queue_number"], "B12");
    // An outcome carries none.
    json outcome = checkin("m3", "a2");
    outcome["payload"]["kind"] = "present";
    outcome["payload"]["recorded_by"] = "st2";
    outcome["payload"]["queue_number"] = "4";
    const json refused = push(desk_device, {outcome});
    EXPECT_EQ(refused["results"][0]["reason"], "malformed_mutation") << refused.dump();
}
