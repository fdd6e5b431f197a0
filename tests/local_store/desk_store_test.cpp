#include "local_store/desk_store.hpp"

#include <gtest/gtest.h>

#include "local_store/store_open.hpp"
#include "tests/support/temp_dir.hpp"

using namespace onthaal::store;

TEST(DeskStore, AConflictIsReviewedOnceAndLeavesAnAuditTrail) {
    onthaal::test_support::TempDir dir;
    Database db = open_agent_store(dir.file("a.db"));
    db.exec(
        "INSERT INTO sync_conflict (mutation_id, entity, entity_id, reason, message, detected_at)"
        " VALUES ('m1', 'attendance', 'a1', 'appointment_changed', 'changed', "
        "'2026-11-23T08:22:00Z')");
    DeskStore desk(db);
    ASSERT_EQ(desk.open_conflicts().size(), 1u);
    EXPECT_TRUE(desk.mark_conflict_reviewed("m1", "st1", "2026-11-23T09:00:00Z"));
    EXPECT_TRUE(desk.open_conflicts().empty());
    EXPECT_FALSE(desk.mark_conflict_reviewed("m1", "st1", "2026-11-23T09:01:00Z"))
        << "reviewed twice";
    EXPECT_FALSE(desk.mark_conflict_reviewed("nope", "st1", "2026-11-23T09:01:00Z"));
    EXPECT_EQ(
        db.query_int64(
            "SELECT count(*) FROM audit_log WHERE action = 'conflict.reviewed' AND actor = 'st1'"),
        1);
    EXPECT_EQ(db.query_text("SELECT resolved_by FROM sync_conflict WHERE mutation_id = 'm1'"),
              "st1");
}

// An offline check-in and then "present" on an appointment central moved meanwhile: two
// conflicting mutations, one conflict for the desk (it was listed twice).
TEST(DeskStore, TheFactsOfOneAppointmentMakeOneConflictAndOneReviewSettlesThem) {
    onthaal::test_support::TempDir dir;
    Database db = open_agent_store(dir.file("a.db"));
    db.exec(
        "INSERT INTO site (id, name, province) VALUES ('s1', 'Site', 'O');"
        "INSERT INTO client (id, site_id, first_name, last_name, language, programme) VALUES"
        " ('c1', 's1', 'Amira', 'Benali', 'fr', 'TIBB4');"
        "INSERT INTO appointment (id, site_id, client_id, kind, starts_at, duration_min,"
        " checkin_code) VALUES ('a1', 's1', 'c1', 'regular', '2026-12-03T09:00:00Z', 30, 'AB22');"
        "INSERT INTO outbox (mutation_id, entity, entity_id, payload, created_at, device_time)"
        " VALUES ('m1', 'attendance', 'a1', '{\"kind\":\"checked_in\"}', 'x', 'x'),"
        " ('m2', 'attendance', 'a1', '{\"kind\":\"present\"}', 'x', 'x');"
        "INSERT INTO sync_conflict (mutation_id, entity, entity_id, reason, message, detected_at,"
        " base_record, server_record) VALUES"
        " ('m1', 'attendance', 'a1', 'appointment_changed', 'x', '2026-12-03T08:00:00Z',"
        "  '{\"starts_at\":\"2026-12-03T09:00:00Z\"}', '{\"starts_at\":\"2026-12-03T10:00:00Z\"}'),"
        " ('m2', 'attendance', 'a1', 'appointment_changed', 'x', '2026-12-03T08:00:01Z',"
        "  '{\"starts_at\":\"2026-12-03T09:00:00Z\"}',"
        "  '{\"starts_at\":\"2026-12-03T10:00:00Z\",\"outcome\":\"present\"}');");
    DeskStore desk(db);
    auto open = desk.open_conflicts();
    ASSERT_EQ(open.size(), 1u) << "one appointment, one conflict";
    EXPECT_EQ(open[0].id, "m2");
    EXPECT_EQ(open[0].client_name, "Amira Benali");
    EXPECT_EQ(open[0].facts, (std::vector<std::string>{"checked_in", "present"}));
    EXPECT_EQ(open[0].detected_at, "2026-12-03T08:00:00Z");
    EXPECT_NE(open[0].server_record->find("present"), std::string::npos) << "central's latest";
    // A third conflict arrives after the desk showed the first two: reviewing those keeps it.
    db.exec(
        "INSERT INTO sync_conflict (mutation_id, entity, entity_id, reason, message, detected_at)"
        " VALUES ('m3', 'attendance', 'a1', 'appointment_changed', 'x', '2026-12-03T08:05:00Z')");
    EXPECT_TRUE(desk.mark_conflict_reviewed("m2", "st1", "2026-12-03T08:10:00Z"));
    open = desk.open_conflicts();
    ASSERT_EQ(open.size(), 1u);
    EXPECT_EQ(open[0].id, "m3");
    EXPECT_EQ(db.query_int64("SELECT count(*) FROM audit_log WHERE action = 'conflict.reviewed'"),
              2);
}
