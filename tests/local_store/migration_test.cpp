#include <gtest/gtest.h>

#include "local_store/agent_schema.hpp"
#include "local_store/migrations.hpp"
#include "local_store/store_error.hpp"
#include "tests/support/temp_dir.hpp"

using namespace onthaal::store;

namespace {

// Rows that each schema version can hold; inserted at that version, checked after the upgrade.
const char* const kSampleRows[] = {
    // v1
    "INSERT INTO site VALUES ('s1', 'OCMW Gent', 'O', x'0909');"
    "INSERT INTO staff_account (id, site_id, name) VALUES ('st1', 's1', 'Mediator');"
    "INSERT INTO client (id, site_id, first_name, last_name, national_number_hash) VALUES ('c1', "
    "'s1', 'Amina', 'X', x'0102');"
    "INSERT INTO service (id, client_id, programme) VALUES ('sv1', 'c1', 'TIBB4');",
    // v2
    "INSERT INTO appointment (id, site_id, client_id, kind, starts_at, duration_min, checkin_code)"
    "  VALUES ('a1', 's1', 'c1', 'first', '2026-11-23T08:30:00Z', 30, 'K7Q2M9');"
    "INSERT INTO attendance_event (id, appointment_id, kind, occurred_at, recorded_by)"
    "  VALUES ('m1', 'a1', 'checked_in', '2026-11-23T08:21:00Z', 'kiosk');",
    // v3
    // (step 3's tables were never filled by any release; steps 8 and 10 drop them)
    "SELECT 1;",
    // v4
    "INSERT INTO outbox (mutation_id, entity, entity_id, payload, created_at, device_time)"
    "  VALUES ('m1', 'attendance', 'a1', '{}', '2026-11-23T08:21:00Z', '2026-11-23T08:21:00Z');"
    "INSERT INTO sync_state (scope, pull_cursor) VALUES ('site:s1', 42);"
    "INSERT INTO audit_log (at, actor, action) VALUES ('2026-11-23T08:21:00Z', 'kiosk', "
    "'checkin');",
    // v5
    "INSERT INTO device_identity (singleton, device_id, site_id, role, staff_id) VALUES (1, "
    "'dev-1', 's1', 'kiosk', NULL);"
    "INSERT INTO sync_conflict (mutation_id, entity, entity_id, reason, message, detected_at)"
    "  VALUES ('m1', 'attendance', 'a1', 'appointment_changed', 'x', '2026-11-23T08:22:00Z');"
    "INSERT INTO sync_status VALUES (1, 'online', NULL, NULL, NULL);",
    // v6
    "INSERT INTO pulled_set_aside VALUES (7, 'visit', 'v1', '{}', 'unknown entity', "
    "'2026-11-23T08:23:00Z');"
    "UPDATE sync_conflict SET base_record = '{\"version\": 1}' WHERE mutation_id = 'm1';",
    // v7
    "UPDATE client SET national_number_hash = x'0304' WHERE id = 'c1';",
    // v8
    "UPDATE service SET referred_on = '2026-11-02', max_duration_months = 12 WHERE id = 'sv1';"
    "INSERT INTO month_category VALUES ('mc1', 'c1', '2026-11', 'passive');"
    "INSERT INTO service_fact (id, service_id, kind, payload, occurred_at, recorded_by) VALUES "
    "('f1', 'sv1', 'agreement_sheet', '{}', '2026-11-23T08:21:00Z', 'st1');",
    // v9
    "UPDATE outbox SET state = 'applied', settled_at = '2026-11-23T08:22:00Z' WHERE mutation_id = "
    "'m1';",
    // v10
    "INSERT INTO edited_record VALUES ('workplace_visit', 'v1', 'sv1', 1, '{}', 's1:x');"
    "INSERT INTO stage_hours (id, service_id, payload) VALUES ('h1', 'sv1', '{}');"
    "INSERT INTO record_conflict VALUES ('m9', 'sv1', '{}', NULL);",
    // v11
    "INSERT INTO queue_ticket VALUES ('2026-11-23', 1, 'a1');"
    "INSERT INTO queue_call (appointment_id, queue_number, location, called_at, called_by) VALUES"
    " ('a1', '1', 'Bureau 2', '2026-11-23T08:25:00Z', 'st1');",
    // v12
    "UPDATE appointment SET late_reason = 'ziek' WHERE id = 'a1';"
    "INSERT INTO residence_check VALUES ('r1', 's1', 'c1', '2026-11-23', 'st1', "
    "'2026-11-23T08:26:00Z');",
    // v13
    "INSERT INTO queue_call (id, appointment_id, queue_number, location, called_at, called_by)"
    " VALUES ('q2', 'a1', '1', 'Bureau 2', '2026-11-23T08:30:00Z', 'st1');",
    // v14
    "UPDATE device_identity SET queue_letter = 'B';",
};

const char* const kSampleChecks[] = {
    "SELECT count(*) FROM client WHERE id = 'c1'",
    "SELECT count(*) FROM attendance_event WHERE id = 'm1'",
    "SELECT 1",                                                 // v3: nothing of it remains
    "SELECT count(*) FROM sync_state WHERE scope = 'site:s1'",  // the cursor restarts at 7
    "SELECT count(*) FROM sync_conflict WHERE reason = 'appointment_changed'",
    "SELECT count(*) FROM pulled_set_aside WHERE seq = 7 AND entity = 'visit'",
    "SELECT count(*) FROM client WHERE id = 'c1' AND national_number_hash = x'0304'",
    "SELECT count(*) FROM service_fact WHERE id = 'f1' AND service_id = 'sv1'",
    "SELECT count(*) FROM outbox WHERE mutation_id = 'm1' AND settled_at IS NOT NULL",
    "SELECT count(*) FROM edited_record e JOIN stage_hours h ON h.service_id = e.service_id JOIN "
    "record_conflict c ON c.service_id = e.service_id WHERE e.notes_sealed = 's1:x'",
    "SELECT count(DISTINCT t.day) FROM queue_ticket t JOIN queue_call c ON c.appointment_id = "
    "t.appointment_id"
    " JOIN attendance_event e ON e.appointment_id = t.appointment_id WHERE e.queue_number IS NULL",
    "SELECT count(*) FROM appointment a JOIN residence_check r ON r.client_id = a.client_id WHERE"
    " a.late_reason = 'ziek'",
    // The call from before step 13 has no id; a shared call has one.
    "SELECT (SELECT count(*) FROM queue_call WHERE id IS NULL) = 1 AND (SELECT count(*) FROM "
    "queue_call WHERE id = 'q2') = 1",
    "SELECT count(*) FROM device_identity WHERE queue_letter = 'B' AND device_id = 'dev-1'",
};

std::string schema_text(Database& db) {
    std::string out;
    Statement q = db.prepare(
        "SELECT type, name, sql FROM sqlite_master WHERE name NOT LIKE 'sqlite_%' ORDER BY name");
    while (q.step())
        out += q.column_text(0) + " " + q.column_text(1) + ": " + q.column_text(2) + "\n";
    return out;
}

int latest() {
    return agent_schema_steps().back().version;
}

}  // namespace

TEST(Migrations, EmptyFileReachesTheLatestVersion) {
    onthaal::test_support::TempDir dir;
    Database db = Database::open(dir.file("a.db"));
    EXPECT_EQ(migrate(db, agent_schema_steps()), latest());
    EXPECT_EQ(schema_version(db), latest());
    for (const char* table :
         {"site", "staff_account", "client", "service", "appointment", "attendance_event",
          "month_category", "service_fact", "edited_record", "stage_hours", "record_conflict",
          "outbox", "sync_state", "audit_log"}) {
        EXPECT_EQ(db.query_int64(std::string("SELECT count(*) FROM sqlite_master WHERE name = '") +
                                 table + "'"),
                  1)
            << table;
    }
}

TEST(Migrations, EveryEarlierVersionUpgradesKeepingItsDataAndEndsWithTheSameSchema) {
    onthaal::test_support::TempDir dir;
    Database fresh = Database::open(dir.file("fresh.db"));
    migrate(fresh, agent_schema_steps());
    const std::string expected_schema = schema_text(fresh);
    ASSERT_EQ(std::size(kSampleRows), static_cast<size_t>(latest()));

    for (int from = 0; from < latest(); ++from) {
        SCOPED_TRACE("upgrading from version " + std::to_string(from));
        Database db = Database::open(dir.file("from" + std::to_string(from) + ".db"));
        migrate(db, agent_schema_steps(), from);
        ASSERT_EQ(schema_version(db), from);
        for (int v = 0; v < from; ++v) db.exec(kSampleRows[v]);

        EXPECT_EQ(migrate(db, agent_schema_steps()), latest());
        EXPECT_EQ(schema_text(db), expected_schema);
        for (int v = 0; v < from; ++v)
            EXPECT_EQ(db.query_int64(kSampleChecks[v]), 1) << kSampleChecks[v];
        // The new tables work too.
        for (int v = from; v < latest(); ++v) db.exec(kSampleRows[v]);
        EXPECT_EQ(db.query_int64("PRAGMA foreign_key_check"), 0);
    }
}

// A store from before issue 12 held the site's key next to plain-HMAC hashes: together they gave
// up every number in seconds. The upgrade leaves neither in the file.
TEST(Migrations, TheUpgradeRemovesTheSiteKeyAndOldSchemeHashesFromTheStore) {
    onthaal::test_support::TempDir dir;
    Database db = Database::open(dir.file("old.db"));
    migrate(db, agent_schema_steps(), 6);
    db.exec(kSampleRows[0]);
    ASSERT_EQ(db.query_int64("SELECT count(*) FROM site WHERE hash_key IS NOT NULL"), 1);
    migrate(db, agent_schema_steps());
    EXPECT_EQ(db.query_int64("SELECT count(*) FROM site WHERE hash_key IS NOT NULL"), 0);
    EXPECT_EQ(db.query_int64("SELECT count(*) FROM client WHERE national_number_hash IS NOT NULL"),
              0);
    EXPECT_EQ(db.query_int64("SELECT count(*) FROM client"), 1) << "the client itself stays";
}

// A coach laptop from before kept every colleague's sign-in hash, a kiosk everybody's; and a
// device whose central converted its hashes long ago must pull them again.
TEST(Migrations, TheUpgradeKeepsOnlyTheSignInDataTheRoleNeedsAndPullsAgain) {
    onthaal::test_support::TempDir dir;
    for (const char* role : {"coach", "kiosk", "desk"}) {
        SCOPED_TRACE(role);
        Database db = Database::open(dir.file(std::string(role) + ".db"));
        migrate(db, agent_schema_steps(), 6);
        db.exec(
            "INSERT INTO site VALUES ('s1', 'Site', 'O', NULL);"
            "INSERT INTO staff_account (id, site_id, name, username, password_hash) VALUES"
            " ('st1', 's1', 'Els', 'els', '$argon2id$a'), ('st2', 's1', 'Jan', 'jan', "
            "'$argon2id$b');"
            "INSERT INTO sync_state (scope, pull_cursor) VALUES ('site:s1', 42);");
        db.exec(std::string("INSERT INTO device_identity VALUES (1, 'dev', 's1', '") + role +
                "', 'st1')");
        migrate(db, agent_schema_steps());
        const auto hashes =
            db.query_int64("SELECT count(*) FROM staff_account WHERE password_hash IS NOT NULL");
        EXPECT_EQ(hashes, std::string(role) == "kiosk" ? 0 : std::string(role) == "coach" ? 1 : 2);
        if (std::string(role) == "coach") {
            EXPECT_EQ(db.query_text("SELECT username FROM staff_account WHERE password_hash IS NOT "
                                    "NULL"),
                      "els");
        }
        EXPECT_EQ(db.query_int64("SELECT pull_cursor FROM sync_state"), 0);
    }
}

TEST(Migrations, MigratingTwiceChangesNothing) {
    onthaal::test_support::TempDir dir;
    Database db = Database::open(dir.file("a.db"));
    migrate(db, agent_schema_steps());
    const std::string before = schema_text(db);
    EXPECT_EQ(migrate(db, agent_schema_steps()), latest());
    EXPECT_EQ(schema_text(db), before);
}

TEST(Migrations, AFileFromANewerVersionIsRefusedUntouched) {
    onthaal::test_support::TempDir dir;
    Database db = Database::open(dir.file("future.db"));
    db.exec("PRAGMA user_version = 99");
    try {
        migrate(db, agent_schema_steps());
        FAIL() << "a newer schema was accepted";
    } catch (const StoreError& e) {
        EXPECT_NE(std::string(e.what()).find("future.db"), std::string::npos) << e.what();
        EXPECT_NE(std::string(e.what()).find("newer"), std::string::npos) << e.what();
    }
    EXPECT_EQ(schema_version(db), 99);
}

TEST(Migrations, AFailingStepLeavesTheFileAtThePreviousWholeVersion) {
    const MigrationStep steps[] = {
        {1, "one table", "CREATE TABLE a (x INTEGER);"},
        {2, "broken half-way", "CREATE TABLE b (x INTEGER); CREATE TABLE a (y INTEGER);"},
    };
    onthaal::test_support::TempDir dir;
    Database db = Database::open(dir.file("a.db"));
    try {
        migrate(db, steps);
        FAIL() << "the broken step succeeded";
    } catch (const StoreError& e) {
        EXPECT_NE(std::string(e.what()).find("version 2"), std::string::npos) << e.what();
    }
    EXPECT_EQ(schema_version(db), 1);
    EXPECT_EQ(db.query_int64("SELECT count(*) FROM sqlite_master WHERE name = 'b'"), 0);
}

TEST(Schema, AttendanceEventsAndAuditLogAreAppendOnly) {
    onthaal::test_support::TempDir dir;
    Database db = Database::open(dir.file("a.db"));
    migrate(db, agent_schema_steps());
    for (const char* rows : kSampleRows) db.exec(rows);
    EXPECT_THROW(db.exec("UPDATE attendance_event SET kind = 'present'"), StoreError);
    EXPECT_THROW(db.exec("DELETE FROM attendance_event"), StoreError);
    EXPECT_THROW(db.exec("DELETE FROM audit_log"), StoreError);
    EXPECT_EQ(db.query_int64("SELECT count(*) FROM attendance_event"), 1);
}

TEST(Schema, ConstraintsRejectImpossibleValues) {
    onthaal::test_support::TempDir dir;
    Database db = Database::open(dir.file("a.db"));
    migrate(db, agent_schema_steps());
    db.exec(kSampleRows[0]);
    EXPECT_THROW(db.exec("INSERT INTO site VALUES ('s2', 'x', 'Q', NULL)"), StoreError);
    EXPECT_THROW(db.exec("INSERT INTO client (id, site_id, first_name, last_name) VALUES ('c2', "
                         "'nope', 'a', 'b')"),
                 StoreError);
    EXPECT_THROW(db.exec("INSERT INTO appointment (id, site_id, client_id, kind, starts_at, "
                         "duration_min, checkin_code)"
                         " VALUES ('a9', 's1', 'c1', 'third', '2026-11-23T08:30:00Z', 30, 'X')"),
                 StoreError);
}
