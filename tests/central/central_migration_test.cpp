// Central's schema steps on real files: a database of an earlier version upgrades with its data,
// ends with the schema a new database gets, and (step 7) gives every client with a programme a
// service its site's desks and its coach receive, and kiosks never.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "central/central_admin.hpp"
#include "central/central_schema.hpp"
#include "central/change_feed.hpp"
#include "domain/time_text.hpp"
#include "local_store/migrations.hpp"
#include "local_store/store_open.hpp"
#include "tests/support/temp_dir.hpp"

using namespace onthaal;
using nlohmann::json;

namespace {

int latest() {
    return central::central_schema_steps().back().version;
}

std::string schema_text(store::Database& db) {
    std::string out;
    auto q = db.prepare(
        "SELECT type, name, sql FROM sqlite_master WHERE name NOT LIKE 'sqlite_%' ORDER BY name");
    while (q.step())
        out += q.column_text(0) + " " + q.column_text(1) + ": " + q.column_text(2) + "\n";
    return out;
}

// A site as version 6 held it: four clients, three with appointments (a winter evening, a summer
// evening, a winter morning), one with none, one without a programme.
constexpr const char* kVersion6Rows =
    "INSERT INTO site VALUES ('s1', 'OCMW Gent', 'O', x'0909', '2026-01-01T00:00:00Z');"
    "INSERT INTO staff (id, site_id, name) VALUES ('st1', 's1', 'Els');"
    "INSERT INTO client (id, site_id, first_name, last_name, language, programme, coach_id) VALUES"
    " ('c-winter', 's1', 'A', 'B', 'nl', 'TIBB4', 'st1'),"
    " ('c-summer', 's1', 'C', 'D', 'nl', 'GLOW', NULL),"
    " ('c-none', 's1', 'E', 'F', 'nl', 'TWE-wz', NULL),"
    " ('c-empty', 's1', 'G', 'H', 'nl', '', NULL);"
    "INSERT INTO appointment (id, site_id, client_id, staff_id, kind, registered, starts_at,"
    " duration_min, location, checkin_code) VALUES"
    " ('a1', 's1', 'c-winter', 'st1', 'regular', 0, '2025-12-10T09:00:00Z', 30, '', 'K1'),"
    // 23:30 UTC on 3 December is 00:30 on 4 December in Brussels (winter time, +1).
    " ('a2', 's1', 'c-winter', 'st1', 'first', 0, '2025-12-03T23:30:00Z', 30, '', 'K2'),"
    // 22:30 UTC on 14 July is 00:30 on 15 July in Brussels (summer time, +2).
    " ('a3', 's1', 'c-summer', 'st1', 'first', 0, '2025-07-14T22:30:00Z', 30, '', 'K3');";

std::string referred_on(store::Database& db, const std::string& client) {
    return db.query_text("SELECT referred_on FROM service WHERE client_id = '" + client + "'");
}

}  // namespace

TEST(CentralMigrations, EveryEarlierVersionUpgradesToTheSchemaOfANewDatabase) {
    test_support::TempDir dir;
    store::Database fresh = store::Database::open(dir.file("fresh.db"));
    store::migrate(fresh, central::central_schema_steps());
    const std::string expected = schema_text(fresh);
    for (int from = 0; from < latest(); ++from) {
        SCOPED_TRACE("upgrading from version " + std::to_string(from));
        store::Database db = store::Database::open(dir.file("v" + std::to_string(from) + ".db"));
        store::migrate(db, central::central_schema_steps(), from);
        EXPECT_EQ(store::migrate(db, central::central_schema_steps()), latest());
        EXPECT_EQ(schema_text(db), expected);
    }
}

TEST(CentralMigrations, Step7GivesEveryClientWithAProgrammeAServiceReferredOnItsFirstBrusselsDay) {
    test_support::TempDir dir;
    store::Database db = store::Database::open(dir.file("c.db"));
    store::migrate(db, central::central_schema_steps(), 6);
    db.exec(kVersion6Rows);
    const auto before = central::last_sequence(db);
    store::migrate(db, central::central_schema_steps());

    EXPECT_EQ(db.query_int64("SELECT count(*) FROM service"), 3) << "c-empty has no programme";
    EXPECT_EQ(db.query_text("SELECT id FROM service WHERE client_id = 'c-winter'"), "svc-c-winter");
    EXPECT_EQ(db.query_text("SELECT programme FROM service WHERE client_id = 'c-winter'"), "TIBB4");
    EXPECT_EQ(referred_on(db, "c-winter"), "2025-12-04") << "the earliest appointment, in Brussels";
    EXPECT_EQ(referred_on(db, "c-summer"), "2025-07-15") << "summer time is UTC+2";
    const std::string today = domain::format_date(domain::brussels_date(
        std::chrono::time_point_cast<std::chrono::seconds>(std::chrono::system_clock::now())));
    EXPECT_EQ(referred_on(db, "c-none"), today) << "no appointment: the day of the upgrade";
    EXPECT_EQ(db.query_int64("SELECT count(*) FROM service WHERE version = 1 AND site_id = 's1'"),
              3);

    // Published: the site's desks receive the three, the coach its own client, kiosks nothing.
    EXPECT_EQ(db.query_int64("SELECT count(*) FROM change_log WHERE entity = 'service' AND seq > " +
                             std::to_string(before)),
              3);
    const central::DeviceScope desk{"d", "s1", domain::DeviceRole::desk, std::nullopt};
    const central::DeviceScope kiosk{"k", "s1", domain::DeviceRole::kiosk, std::nullopt};
    const central::DeviceScope coach{"c", "s1", domain::DeviceRole::coach, std::string("st1")};
    const json for_desk = json::parse(central::read_changes(db, desk, 0, 100, "").changes_json);
    ASSERT_EQ(for_desk.size(), 3u);
    EXPECT_EQ(for_desk[0]["entity"], "service");
    EXPECT_EQ(for_desk[2]["data"], json({{"id", "svc-c-winter"},
                                         {"client_id", "c-winter"},
                                         {"programme", "TIBB4"},
                                         {"referred_on", "2025-12-04"},
                                         {"max_duration_months", nullptr},
                                         {"project_end", nullptr},
                                         {"version", 1}}));
    EXPECT_EQ(json::parse(central::read_changes(db, kiosk, 0, 100, "").changes_json).size(), 0u);
    const json for_coach = json::parse(central::read_changes(db, coach, 0, 100, "").changes_json);
    ASSERT_EQ(for_coach.size(), 1u);
    EXPECT_EQ(for_coach[0]["id"], "svc-c-winter");
}

TEST(CentralMigrations, ServiceFactsAreAppendOnly) {
    test_support::TempDir dir;
    store::Database db = store::open_and_migrate(dir.file("c.db"), central::central_schema_steps());
    db.exec(kVersion6Rows);
    db.exec(
        "INSERT INTO service (id, site_id, client_id, programme, referred_on) VALUES ('sv', 's1', "
        "'c-winter', 'TIBB4', '2025-12-01');"
        "INSERT INTO service_fact VALUES ('f1', 's1', 'sv', 'agreement_sheet', '{}', "
        "'2025-12-05T10:00:00Z', 'st1', 'dev-1', '2025-12-05T10:00:00Z', '2025-12-05T10:01:00Z')");
    EXPECT_ANY_THROW(db.exec("UPDATE service_fact SET kind = 'final_advice'"));
    EXPECT_ANY_THROW(db.exec("DELETE FROM service_fact"));
    EXPECT_EQ(db.query_text("SELECT kind FROM service_fact WHERE id = 'f1'"), "agreement_sheet");
}

// Issue 15: each kiosk device gets a letter for its queue numbers, so two kiosks of a site never
// call two clients "7"; devices from before the step get theirs in the order they were added.
TEST(CentralMigrations, Step12GivesEachKioskDeviceOfASiteItsOwnLetter) {
    test_support::TempDir dir;
    store::Database db = store::Database::open(dir.file("c.db"));
    store::migrate(db, central::central_schema_steps(), 11);
    db.exec(
        "INSERT INTO site VALUES ('s1', 'OCMW Gent', 'O', x'0909', '2026-01-01T00:00:00Z');"
        "INSERT INTO site VALUES ('s2', 'GOB Aalst', 'O', x'0a0a', '2026-01-01T00:00:00Z');"
        "INSERT INTO device (id, site_id, name, role, token_hash, created_at) VALUES"
        " ('dev-2', 's1', 'hall', 'kiosk', x'02', '2026-02-01T09:00:00Z'),"
        " ('dev-1', 's1', 'entrance', 'kiosk', x'01', '2026-01-05T09:00:00Z'),"
        " ('dev-3', 's1', 'desk', 'desk', x'03', '2026-01-06T09:00:00Z'),"
        " ('dev-4', 's2', 'entrance', 'kiosk', x'04', '2026-03-01T09:00:00Z')");
    store::migrate(db, central::central_schema_steps());
    const auto letter = [&](const char* id) {
        return db.query_text(
            std::string("SELECT coalesce(queue_letter, '-') FROM device WHERE id = '") + id + "'");
    };
    EXPECT_EQ(letter("dev-1"), "A");
    EXPECT_EQ(letter("dev-2"), "B");
    EXPECT_EQ(letter("dev-3"), "-") << "a desk's numbers stay plain";
    EXPECT_EQ(letter("dev-4"), "A") << "each site starts at A";

    // A kiosk added now takes the next letter; a revoked kiosk's letter is never given again.
    central::revoke_device(db, "s1", "hall");
    central::add_device(db, "s1", "upstairs", "kiosk", std::nullopt);
    central::add_device(db, "s1", "desk 2", "desk", std::nullopt);
    EXPECT_EQ(db.query_text("SELECT queue_letter FROM device WHERE name = 'upstairs'"), "C");
    EXPECT_EQ(db.query_int64("SELECT count(*) FROM device WHERE name = 'desk 2' AND queue_letter "
                             "IS NULL"),
              1);
}
