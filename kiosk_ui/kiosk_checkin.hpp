// POST /api/v1/kiosk/checkin: a client checks in with the code from the invitation or with the
// national register number. Answers only what the kiosk may show: the client's first name, the
// time, the staff member and where to wait. Never anything about anyone else.
//
// Guessing is slowed down: after `max_failed_tries` failures in a row the kiosk refuses tries for
// `pause` (a success resets the count). The national number is validated (mod 97), hashed with
// the site key and dropped; it never reaches a log or the store.
// Thread: the agent's I/O thread (owns the store connection). Failure: 4xx JSON for every bad
// input; StoreError propagates (500).
#pragma once

#include <chrono>
#include <functional>

#include "domain/checkin_window.hpp"
#include "kiosk_ui/http_message.hpp"
#include "local_store/kiosk_store.hpp"

namespace onthaal::http {

struct KioskPolicy {
    domain::CheckinWindow window;
    int max_failed_tries = 5;
    std::chrono::seconds pause{30};
};

class KioskCheckin {
public:
    using Clock = std::function<domain::Instant()>;
    KioskCheckin(store::Database& db, KioskPolicy policy, Clock now, std::function<void()> on_commit)
        : store_(db), policy_(policy), now_(std::move(now)), on_commit_(std::move(on_commit)) {}

    HttpResponse handle(const HttpRequest& request);

private:
    HttpResponse failed(int status, std::string_view code, std::string_view message);
    HttpResponse check_in(const store::AppointmentView& appointment);
    std::optional<store::AppointmentView> find_by_national_number(const std::string& number, HttpResponse& error);

    store::KioskStore store_;
    KioskPolicy policy_;
    Clock now_;
    std::function<void()> on_commit_;
    int failed_tries_ = 0;
    std::optional<domain::Instant> paused_until_;
};

}  // namespace onthaal::http
