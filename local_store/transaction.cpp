#include "local_store/transaction.hpp"

namespace onthaal::store {

Transaction::Transaction(Database& db) : db_(db) {
    begin();
}

Transaction::~Transaction() {
    if (open_) {
        try {
            db_.exec("ROLLBACK");
        } catch (...) {
            // Nothing sensible to do in a destructor; SQLite rolls back on close.
        }
    }
    end_announcement();
}

void Transaction::begin() {
    WriterPriority* priority = db_.writer_priority();
    if (priority && db_.writer_role() == WriterRole::background) {
        priority->wait_for_foreground();
    } else if (priority) {
        priority->foreground_begins();
        announced_ = true;
    }
    try {
        db_.exec("BEGIN IMMEDIATE");
    } catch (...) {
        end_announcement();
        throw;
    }
    open_ = true;
    began_ = std::chrono::steady_clock::now();
}

void Transaction::commit() {
    db_.exec("COMMIT");
    open_ = false;
    discarded_since_commit_ = false;
    end_announcement();
}

bool Transaction::should_yield() const {
    const WriterPriority* priority = db_.writer_priority();
    return open_ && priority && db_.writer_role() == WriterRole::background &&
           priority->foreground_waiting() &&
           std::chrono::steady_clock::now() - began_ >= priority->background_slice();
}

Transaction::Yielded Transaction::yield() {
    if (discarded_since_commit_) {
        commit();
        begin();
        return Yielded::kept;
    }
    db_.exec("ROLLBACK");
    open_ = false;
    discarded_since_commit_ = true;
    begin();
    return Yielded::discarded;
}

void Transaction::end_announcement() noexcept {
    if (!announced_) return;
    announced_ = false;
    db_.writer_priority()->foreground_ends();
}

}  // namespace onthaal::store
