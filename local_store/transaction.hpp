// A transaction scope: BEGIN IMMEDIATE on construction, ROLLBACK on destruction unless commit()
// was called. IMMEDIATE takes the write lock up front, so two connections never deadlock
// upgrading a read to a write.
//
// Ownership: borrows the Database, which must outlive it. Thread: the Database's owner thread.
// Failure: the constructor and commit() throw StoreError; the destructor never throws (a failed
// rollback leaves SQLite to roll back when the connection closes).
#pragma once

#include "local_store/sqlite_database.hpp"

namespace onthaal::store {

class Transaction {
  public:
    explicit Transaction(Database& db);
    ~Transaction();
    Transaction(const Transaction&) = delete;
    Transaction& operator=(const Transaction&) = delete;

    void commit();

  private:
    Database& db_;
    bool open_ = true;
};

}  // namespace onthaal::store
