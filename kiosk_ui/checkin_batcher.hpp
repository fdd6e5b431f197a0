// Group commit of kiosk check-ins: accepted check-ins are queued and committed together in one
// transaction, so fifty kiosks arriving at once cost one fsync, not fifty. With a Committer (the
// agent: a CheckinWriter thread) one batch is being committed at a time, off the I/O thread, and
// whatever arrives meanwhile forms the next batch; without one, the (posted) flush commits on this
// connection. Each batch's outcome goes to `answer`, which answers every client of it only then.
//
// Ownership: borrows the store; owns the pending check-ins and their responders. Thread: the
// owner's (the agent's I/O thread); a Committer calls `done` back on it. Failure: a commit that
// fails is reported to `answer` in CommitOutcome::error (nothing of the batch was recorded).
#pragma once

#include <functional>
#include <string>
#include <vector>

#include "domain/time_text.hpp"
#include "kiosk_ui/checkin_writer.hpp"
#include "local_store/kiosk_store.hpp"
#include "net/http_message.hpp"

namespace onthaal::http {

struct PendingCheckin {
    store::AppointmentView appointment;
    std::function<void(HttpResponse)> respond;
};

class CheckinBatcher {
  public:
    using Clock = std::function<domain::Instant()>;
    // Runs a task later on the owning thread (boost::asio::post in the agent). Empty: flush at
    // once.
    using Poster = std::function<void(std::function<void()>)>;
    // Commits a batch elsewhere and later calls `done` on the owning thread. Empty: commit here.
    using Committer = std::function<void(std::vector<store::AppointmentView>, std::string now,
                                         std::function<void(CommitOutcome)> done)>;
    using Answer = std::function<void(std::vector<PendingCheckin>&, const CommitOutcome&)>;

    CheckinBatcher(store::Database& db, Clock now, Poster post, Committer commit, Answer answer)
        : db_(db),
          now_(std::move(now)),
          post_(std::move(post)),
          commit_(std::move(commit)),
          answer_(std::move(answer)) {}

    void add(PendingCheckin checkin);

  private:
    void flush();

    store::Database& db_;
    Clock now_;
    Poster post_;
    Committer commit_;
    Answer answer_;
    std::vector<PendingCheckin> pending_;
    bool flush_posted_ = false;
    bool commit_in_flight_ = false;
};

}  // namespace onthaal::http
