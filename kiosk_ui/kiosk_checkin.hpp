// POST /api/v1/kiosk/checkin: a client checks in with the code from the invitation or with the
// national register number. Answers only what the kiosk may show: the client's first name, the
// time, the staff member and where to wait. Never anything about anyone else. The body may carry
// "screen", the id the kiosk page made at start, by which failed tries are counted.
//
// The handler only parses and renders: FindCheckin (checkin_lookup.hpp) finds the appointment and
// checks its window, GuessLimiter slows guessing down (a paused screen gets 429 with
// retry_after_s), a code of the new length whose check character is wrong is answered code_typo
// before any lookup (domain/checkin_code.hpp), CheckinBatcher commits check-ins in groups.
// Every client is answered only after its fact is committed.
// Thread: the agent's I/O thread (owns the store connection). Failure: 4xx JSON for every bad
// input; a failed commit answers 500 to every check-in of that batch (nothing was recorded).
#pragma once

#include <chrono>
#include <functional>

#include "domain/checkin_window.hpp"
#include "kiosk_ui/checkin_batcher.hpp"
#include "kiosk_ui/checkin_lookup.hpp"
#include "kiosk_ui/guess_limiter.hpp"
#include "net/http_message.hpp"

namespace onthaal::http {

struct KioskPolicy {
    domain::CheckinWindow window;
    // Failed tries a kiosk screen may make per guess_window (GuessLimiter): the settings
    // kiosk_max_failed_tries and kiosk_pause_s.
    int max_failed_tries = 5;
    std::chrono::seconds guess_window{30};
    std::string key_file;  // where the site's national-number hash key is (device_key_file.hpp)
};

class KioskCheckin {
  public:
    using Clock = std::function<domain::Instant()>;
    using Responder = std::function<void(HttpResponse)>;
    using Poster = CheckinBatcher::Poster;
    using Committer = CheckinBatcher::Committer;

    KioskCheckin(store::Database& db, KioskPolicy policy, Clock now,
                 std::function<void()> on_commit, Poster post = {}, Committer commit = {});

    void handle(const HttpRequest& request, Responder respond);
    // Readies what the first check-in needs (statements, index pages, the time-zone database), so
    // it is as fast as the rest. Throws StoreError when the store cannot be read.
    void warm_up();

    // For callers without a deferred responder (tests): the same, answered before returning when
    // no Poster is set.
    HttpResponse handle(const HttpRequest& request);

  private:
    std::optional<HttpResponse> validate(const HttpRequest& request,
                                         std::optional<store::AppointmentView>& found);
    HttpResponse refusal(const CheckinLookup& lookup, const KioskClient& client,
                         domain::Instant now);
    static HttpResponse paused(std::chrono::seconds wait);
    void answer(std::vector<PendingCheckin>& batch, const CommitOutcome& outcome);

    FindCheckin find_;
    GuessLimiter guesses_;
    Clock now_;
    std::function<void()> on_commit_;
    CheckinBatcher batcher_;
};

}  // namespace onthaal::http
