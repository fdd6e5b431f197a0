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
