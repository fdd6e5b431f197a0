#include "local_store/transaction.hpp"

#include <gtest/gtest.h>

#include <stdexcept>

#include "tests/support/temp_dir.hpp"

using namespace onthaal::store;

class TransactionTest : public ::testing::Test {
  protected:
    void SetUp() override { db.exec("CREATE TABLE fact (id INTEGER PRIMARY KEY)"); }
    std::int64_t count() { return db.query_int64("SELECT count(*) FROM fact"); }
    onthaal::test_support::TempDir dir;
    Database db = Database::open(dir.file("t.db"));
};

TEST_F(TransactionTest, CommittedWritesStay) {
    {
        Transaction tx(db);
        db.exec("INSERT INTO fact VALUES (1)");
        tx.commit();
    }
    EXPECT_EQ(count(), 1);
}

TEST_F(TransactionTest, AnExceptionLeavingTheScopeRollsBack) {
    EXPECT_THROW(
        {
            Transaction tx(db);
            db.exec("INSERT INTO fact VALUES (1)");
            db.exec("INSERT INTO fact VALUES (2)");
            throw std::runtime_error("validation failed half-way");
        },
        std::runtime_error);
    EXPECT_EQ(count(), 0);
    // The connection is usable again afterwards.
    Transaction tx(db);
    db.exec("INSERT INTO fact VALUES (3)");
    tx.commit();
    EXPECT_EQ(count(), 1);
}

TEST_F(TransactionTest, ForgettingToCommitRollsBack) {
    {
        Transaction tx(db);
        db.exec("INSERT INTO fact VALUES (1)");
    }
    EXPECT_EQ(count(), 0);
}

TEST_F(TransactionTest, ASecondConnectionDoesNotSeeUncommittedWrites) {
    Database other = Database::open(dir.file("t.db"));
    Transaction tx(db);
    db.exec("INSERT INTO fact VALUES (1)");
    EXPECT_EQ(other.query_int64("SELECT count(*) FROM fact"), 0);
    tx.commit();
    EXPECT_EQ(other.query_int64("SELECT count(*) FROM fact"), 1);
}
