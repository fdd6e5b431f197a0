// Commits kiosk check-ins on a thread of its own, with its own store connection, so the agent's
// I/O thread keeps accepting, reading and answering requests while a commit waits for the disk
// (synchronous=FULL: every commit is an fsync). KioskCheckin hands it one batch at a time and
// groups everything that arrives meanwhile into the next batch.
//
// Ownership: owns its connection and thread. Thread: submit() from any thread; `done` runs on
// the writer thread, so callers post it back to their own thread. The destructor finishes the
// queued batches (their facts are committed; `done` still runs) and joins.
// Failure: a batch that cannot be committed is rolled back whole and reported in
// CommitOutcome::error; nothing of it was recorded.
#pragma once

#include <condition_variable>
#include <deque>
#include <functional>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "local_store/kiosk_store.hpp"
#include "local_store/sqlite_database.hpp"

namespace onthaal::http {

struct CommitOutcome {
    std::vector<store::RecordedFact> facts;  // one per appointment, in order, when committed
    std::string error;                       // empty when committed
};

class CheckinWriter {
  public:
    using Done = std::function<void(CommitOutcome)>;

    // `queue_prefix`: the letters before this device's queue numbers (the setting queue_prefix).
    explicit CheckinWriter(store::Database connection, std::string queue_prefix = "");
    ~CheckinWriter();
    CheckinWriter(const CheckinWriter&) = delete;
    CheckinWriter& operator=(const CheckinWriter&) = delete;

    // Records check-ins of `appointments` at `now` in one transaction, then calls `done`.
    void submit(std::vector<store::AppointmentView> appointments, std::string now, Done done);

  private:
    struct Job {
        std::vector<store::AppointmentView> appointments;
        std::string now;
        Done done;
    };
    void run();

    store::Database db_;
    std::string queue_prefix_;
    std::mutex mutex_;
    std::condition_variable wake_;
    std::deque<Job> jobs_;
    bool stopping_ = false;
    std::thread thread_;  // last: started once everything above exists
};

}  // namespace onthaal::http
