// Issue 13 end to end, real processes on loopback: a service, VDAB's month categories and a
// service fact imported at central (and a category set with the admin command while central
// runs) reach a desk agent's store, and never a kiosk's.
#include <gtest/gtest.h>

#include <filesystem>
#include <nlohmann/json.hpp>

#include "local_store/sqlite_database.hpp"
#include "tests/support/desk_client.hpp"
#include "tests/support/sync_fixture.hpp"

using namespace onthaal;
using namespace onthaal::test_support;
using namespace std::chrono_literals;
using nlohmann::json;

namespace {

json appointment(const std::string& id, const std::string& starts, const char* outcome,
                 const std::string& code) {
    json a = {{"id", id},           {"client_id", "c1"},    {"staff_id", "st1"},
              {"kind", "first"},    {"registered", false},  {"starts_at", starts},
              {"duration_min", 30}, {"location", "Room 1"}, {"code", code}};
    if (outcome) a["outcome"] = outcome;
    return a;
}

// Amina (TIBB4) was present at her first appointment on 3 November 2025; her first agreement
// sheet was drawn up two days later. Another client has an appointment today, for the kiosk.
json site_file() {
    return {
        {"staff", json::array({desk_staff_record()})},
        {"clients",
         {{{"id", "c1"},
           {"first_name", "Amina"},
           {"last_name", "Benali"},
           {"language", "ar"},
           {"programme", "TIBB4"},
           {"coach_id", "st1"}}}},
        {"appointments",
         {appointment("a-past", "2025-11-03T09:00:00+01:00", "present", "PAST01"),
          appointment("a-today", utc_in_minutes(30), nullptr, "TODAY1")}},
        {"services",
         {{{"id", "sv-tibb4-c1"},
           {"client_id", "c1"},
           {"programme", "TIBB4"},
           {"referred_on", "2025-10-20"},
           {"max_duration_months", 18}}}},
        {"month_categories", {{{"client_id", "c1"}, {"month", "2025-11"}, {"category", "active"}}}},
        {"service_facts",
         {{{"id", "fact-sheet-1"},
           {"service_id", "sv-tibb4-c1"},
           {"payload",
            {{"kind", "agreement_sheet"},
             {"on", "2025-11-05"},
             {"next_contact", "2025-11-19"},
             {"occurred_at", "2025-11-05T10:00:00Z"},
             {"recorded_by", "st1"},
             {"content", {{"work_points", {"Zoekt werk in de logistiek"}}}}}}}}}};
}

std::int64_t rows(const std::string& store_path, const std::string& sql) {
    auto db = store::Database::open(store_path);
    return db.query_int64(sql);
}

std::string raw(const std::string& path) {
    return std::filesystem::exists(path) ? read_file(path) : std::string();
}

}  // namespace

TEST(ServiceSync, ImportedServicesCategoriesAndFactsReachTheDeskAndNeverTheKiosk) {
    TempDir dir;
    CentralProcess central(dir);
    central.add_site("s1");
    const std::string desk_token = central.add_device("s1", "desk1", "desk");
    const std::string kiosk_token = central.add_device("s1", "kiosk1", "kiosk");
    central.import_json("s1", site_file());
    central.start();
    AgentProcess desk(dir, {"s1", desk_token, central.url(), "desk", R"(, "role": "desk")"});
    AgentProcess kiosk(dir, {"s1", kiosk_token, central.url(), "kiosk", ""});
    desk.start();
    kiosk.start();

    const std::string at_desk = desk.store_path();
    ASSERT_TRUE(eventually(
        [&] {
            return rows(at_desk, "SELECT count(*) FROM service_fact WHERE id = 'fact-sheet-1'") ==
                   1;
        },
        20s))
        << desk.stderr_text();
    EXPECT_EQ(
        rows(at_desk,
             "SELECT count(*) FROM service WHERE id = 'sv-tibb4-c1' AND client_id = 'c1' AND "
             "programme = 'TIBB4' AND referred_on = '2025-10-20' AND max_duration_months = 18"),
        1);
    EXPECT_EQ(rows(at_desk,
                   "SELECT count(*) FROM month_category WHERE client_id = 'c1' AND month "
                   "= '2025-11' AND category = 'active'"),
              1);
    EXPECT_EQ(rows(at_desk,
                   "SELECT count(*) FROM service_fact WHERE id = 'fact-sheet-1' AND "
                   "service_id = 'sv-tibb4-c1' AND kind = 'agreement_sheet' AND "
                   "recorded_by = 'st1' AND device_id = 'import'"),
              1);
    // The outcome the import recorded is the desk's too: the rules see her present.
    EXPECT_EQ(rows(at_desk,
                   "SELECT count(*) FROM attendance_event WHERE appointment_id = "
                   "'a-past' AND kind = 'present'"),
              1);

    // VDAB's category of December, set while central runs, reaches the desk too.
    central.admin({"category", "set", "--db", central.db(), "--site", "s1", "--client", "c1",
                   "--month", "2025-12", "--category", "passive"});
    EXPECT_TRUE(eventually(
        [&] {
            return rows(at_desk,
                        "SELECT count(*) FROM month_category WHERE month = '2025-12' AND "
                        "category = 'passive'") == 1;
        },
        20s))
        << desk.stderr_text();

    // A kiosk appointment imported after all of that: once the kiosk holds it, it has pulled
    // past every service change, and kept none.
    json later = site_file();
    later["appointments"].push_back(appointment("a-later", utc_in_minutes(60), nullptr, "LATER1"));
    central.import_json("s1", later);
    const std::string at_kiosk = kiosk.store_path();
    ASSERT_TRUE(eventually(
        [&] {
            return rows(at_kiosk, "SELECT count(*) FROM appointment WHERE id = 'a-later'") == 1;
        },
        20s))
        << kiosk.stderr_text();
    for (const char* table : {"service", "month_category", "service_fact"})
        EXPECT_EQ(rows(at_kiosk, std::string("SELECT count(*) FROM ") + table), 0) << table;
    EXPECT_EQ(kiosk.status()["set_aside_changes"], 0) << "nothing was even offered to the kiosk";
    kiosk.stop();
    const std::string files = raw(at_kiosk) + raw(at_kiosk + "-wal");
    for (const char* absent : {"sv-tibb4-c1", "fact-sheet-1", "logistiek", "2025-12"})
        EXPECT_EQ(files.find(absent), std::string::npos) << absent << " is in the kiosk's files";
    desk.stop();
}
