// A transaction scope: BEGIN IMMEDIATE on construction, ROLLBACK on destruction unless commit()
// was called. IMMEDIATE takes the write lock up front, so two connections never deadlock
// upgrading a read to a write.
//
// On a connection with a WriterPriority (writer_priority.hpp): a foreground transaction is
// announced from before BEGIN until it ends; a background one waits (bounded) for announced ones
// before BEGIN, and should_yield()/yield() let it give way to one in the middle of its work.
//
// Ownership: borrows the Database, which must outlive it. Thread: the Database's owner thread.
// Failure: the constructor, commit() and yield() throw StoreError; the destructor never
// throws (a failed rollback leaves SQLite to roll back when the connection closes). After a
// yield(), a later failure rolls back only the work done since.
#pragma once

#include <chrono>

#include "local_store/sqlite_database.hpp"

namespace onthaal::store {

class Transaction {
  public:
    explicit Transaction(Database& db);
    ~Transaction();
    Transaction(const Transaction&) = delete;
    Transaction& operator=(const Transaction&) = delete;

    void commit();

    // For background writers, between units of work that may be committed separately (each
    // unit's effect must stand on its own if the process dies right after the commit):
    // should_yield() says that a foreground transaction is waiting and this one has held the lock
    // long enough to have made progress (always false on other connections); yield() then lets
    // the foreground one run and begins again. The first time since this transaction last
    // committed, it rolls back and returns `discarded`: the caller redoes its units since the last
    // `kept`. Rolling back is free, because SQLite writes a transaction out at COMMIT, whereas a
    // commit would make the waiting check-in wait for its fsync (2-4 ms measured for a few hundred
    // push outcomes). The next time it commits and returns `kept`, so the work always advances.
    enum class Yielded { kept, discarded };
    bool should_yield() const;
    Yielded yield();

  private:
    void begin();
    void end_announcement() noexcept;

    Database& db_;
    bool open_ = false;
    bool announced_ = false;
    bool discarded_since_commit_ = false;
    std::chrono::steady_clock::time_point began_;
};

}  // namespace onthaal::store
