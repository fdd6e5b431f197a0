// POST /api/v1/kiosk/checkin: a client checks in with the code from the invitation or with the
// national register number. Answers only what the kiosk may show: the client's first name, the
// time, the staff member and where to wait. Never anything about anyone else.
//
// Guessing is slowed down: after `max_failed_tries` failures in a row the kiosk refuses tries for
// `pause` (a success resets the count). The national number is validated (mod 97), hashed with
// the site key and dropped; it never reaches a log or the store.
// Group commit: accepted check-ins are queued and committed together in one transaction, so fifty
// kiosks arriving at once cost one fsync, not fifty. With a Committer (the agent: a CheckinWriter
// thread) one batch is being committed at a time off the I/O thread, and whatever arrives
// meanwhile forms the next batch; without one, the posted flush commits on this connection.
// Every client is answered only after its fact is committed.
// Thread: the agent's I/O thread (owns the store connection). Failure: 4xx JSON for every bad
// input; a failed commit answers 500 to every check-in of that batch (nothing was recorded).
#pragma once

#include <chrono>
#include <functional>

#include "domain/checkin_window.hpp"
#include "kiosk_ui/checkin_writer.hpp"
#include "local_store/kiosk_store.hpp"
#include "net/http_message.hpp"

namespace onthaal::http {

struct KioskPolicy {
    domain::CheckinWindow window;
    int max_failed_tries = 5;
    std::chrono::seconds pause{30};
};

class KioskCheckin {
  public:
    using Clock = std::function<domain::Instant()>;
    using Responder = std::function<void(HttpResponse)>;
    // Runs a task later on the owning thread (boost::asio::post in the agent). Empty: flush at
    // once.
    using Poster = std::function<void(std::function<void()>)>;
    // Commits a batch elsewhere and later calls `done` on the owning thread. Empty: commit here.
    using Committer = std::function<void(std::vector<store::AppointmentView>, std::string now,
                                         std::function<void(CommitOutcome)> done)>;

    KioskCheckin(store::Database& db, KioskPolicy policy, Clock now,
                 std::function<void()> on_commit, Poster post = {}, Committer commit = {})
        : db_(db),
          store_(db),
          policy_(policy),
          now_(std::move(now)),
          on_commit_(std::move(on_commit)),
          post_(std::move(post)),
          commit_(std::move(commit)) {}

    void handle(const HttpRequest& request, Responder respond);
    // Readies what the first check-in needs (statements, index pages, the time-zone database), so
    // it is as fast as the rest. Throws StoreError when the store cannot be read.
    void warm_up();

    // For callers without a deferred responder (tests): the same, answered before returning when
    // no Poster is set.
    HttpResponse handle(const HttpRequest& request);

  private:
    struct Pending {
        store::AppointmentView appointment;
        Responder respond;
    };
    std::optional<HttpResponse> validate(const HttpRequest& request,
                                         std::optional<store::AppointmentView>& found);
    HttpResponse failed(int status, std::string_view code, std::string_view message);
    void flush();
    void answer(std::vector<Pending>& batch, const CommitOutcome& outcome);
    std::optional<store::AppointmentView> find_by_national_number(const std::string& number,
                                                                  HttpResponse& error);

    store::Database& db_;
    store::KioskStore store_;
    KioskPolicy policy_;
    Clock now_;
    std::function<void()> on_commit_;
    Poster post_;
    Committer commit_;
    std::vector<Pending> pending_;
    bool flush_posted_ = false;
    bool commit_in_flight_ = false;
    int failed_tries_ = 0;
    std::optional<domain::Instant> paused_until_;
};

}  // namespace onthaal::http
