#include <gtest/gtest.h>

#include <chrono>
#include <thread>

#include "local_store/sqlite_database.hpp"
#include "local_store/store_error.hpp"
#include "tests/support/temp_dir.hpp"

using namespace onthaal::store;

class StatementTest : public ::testing::Test {
  protected:
    void SetUp() override {
        db.exec(
            "CREATE TABLE t (id INTEGER PRIMARY KEY, name TEXT, score REAL, note TEXT, data BLOB)");
    }
    onthaal::test_support::TempDir dir;
    Database db = Database::open(dir.file("s.db"));
};

TEST_F(StatementTest, BindsAndReadsEveryType) {
    db.prepare("INSERT INTO t VALUES (?, ?, ?, ?, ?)")
        .bind_all(std::int64_t{7}, std::string("Ayşe"), 2.5, std::optional<std::string>{}, 0)
        .bind_blob(5, {0x00, 0xff, 0x10})
        .run();
    Statement q = db.prepare("SELECT id, name, score, note, data FROM t");
    ASSERT_TRUE(q.step());
    EXPECT_EQ(q.column_int64(0), 7);
    EXPECT_EQ(q.column_text(1), "Ayşe");
    EXPECT_DOUBLE_EQ(q.column_double(2), 2.5);
    EXPECT_FALSE(q.column_optional_text(3).has_value());
    EXPECT_EQ(q.column_blob(4), (std::vector<unsigned char>{0x00, 0xff, 0x10}));
    EXPECT_FALSE(q.step());
}

TEST_F(StatementTest, CachedStatementIsResetAndClearedAfterUse) {
    db.exec("INSERT INTO t (id, name) VALUES (1, 'a'), (2, 'b')");
    const std::string sql = "SELECT name FROM t WHERE id = ?";
    {
        auto q = db.cached(sql);
        q->bind(1, 1);
        ASSERT_TRUE(q->step());
        EXPECT_EQ(q->column_text(0), "a");
        // Left mid-result on purpose: the guard must reset it.
    }
    {
        auto q = db.cached(sql);
        // Bindings were cleared: an unbound parameter is NULL and matches nothing.
        EXPECT_FALSE(q->step());
    }
    auto q = db.cached(sql);
    q->bind(1, 2);
    ASSERT_TRUE(q->step());
    EXPECT_EQ(q->column_text(0), "b");
}

TEST_F(StatementTest, ErrorsNameTheStatement) {
    db.exec("CREATE TABLE u (id INTEGER PRIMARY KEY, v TEXT NOT NULL)");
    try {
        db.prepare("INSERT INTO u (id, v) VALUES (1, NULL)").run();
        FAIL() << "a NOT NULL violation was accepted";
    } catch (const StoreError& e) {
        EXPECT_NE(std::string(e.what()).find("INSERT INTO u"), std::string::npos) << e.what();
        EXPECT_NE(e.sqlite_code(), 0);
    }
    EXPECT_THROW(db.prepare("SELEKT 1"), StoreError);
}

TEST_F(StatementTest, ConnectionUsesDurableSettings) {
    EXPECT_EQ(db.query_text("PRAGMA journal_mode"), "wal");
    EXPECT_EQ(db.query_int64("PRAGMA synchronous"), 2);  // FULL
    EXPECT_EQ(db.query_int64("PRAGMA foreign_keys"), 1);
}

TEST_F(StatementTest, AWriterWaitsForAnotherConnectionsShortTransactionInsteadOfFailing) {
    Database other = Database::open(dir.file("s.db"));
    other.exec("BEGIN IMMEDIATE; INSERT INTO t (id) VALUES (1);");
    std::thread release([&] {
        std::this_thread::sleep_for(std::chrono::milliseconds(50));
        other.exec("COMMIT");
    });
    const auto started = std::chrono::steady_clock::now();
    db.exec("BEGIN IMMEDIATE; INSERT INTO t (id) VALUES (2); COMMIT;");  // busy at first: must
                                                                         // wait, not fail
    const auto waited = std::chrono::steady_clock::now() - started;
    release.join();
    EXPECT_EQ(db.query_int64("SELECT count(*) FROM t"), 2);
    EXPECT_GE(waited, std::chrono::milliseconds(40));
    EXPECT_LT(waited, std::chrono::milliseconds(1000))
        << "waited far longer than the lock was held";
}

TEST(DatabaseBusy, AWriterGivesUpAfterTheBusyTimeoutWithAClearError) {
    onthaal::test_support::TempDir dir;
    Database holder = Database::open(dir.file("b.db"));
    holder.exec("CREATE TABLE t (id INTEGER); BEGIN IMMEDIATE; INSERT INTO t VALUES (1);");
    Database waiter = Database::open(dir.file("b.db"), {100, true});
    EXPECT_THROW(waiter.exec("BEGIN IMMEDIATE"), StoreError);
    holder.exec("COMMIT");
}
