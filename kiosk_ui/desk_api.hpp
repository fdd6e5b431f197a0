// The reception desk's JSON API under /api/v1/desk/: sign-in, today's appointments with live
// arrivals and the rules engine's guidance per client, completing an appointment under the
// official rules (offline: committed locally with its outbox entry, synced later), the sync
// status and the conflicts to review.
//
// Every route but login needs a session cookie; every change also needs X-CSRF-Token.
// Thread: the agent's I/O thread. Failure: 4xx JSON for bad input and refused rules (with the
// rule's reason code); StoreError propagates (500).
#pragma once

#include <functional>

#include "config/agent_config.hpp"
#include "kiosk_ui/desk_sessions.hpp"
#include "kiosk_ui/field_desk.hpp"
#include "kiosk_ui/kiosk_checkin.hpp"
#include "net/http_message.hpp"

namespace onthaal::http {

class DeskApi {
  public:
    DeskApi(const config::AgentConfig& config, store::Database& db, KioskCheckin::Clock now,
            std::function<void()> on_commit);

    HttpResponse handle(const HttpRequest& request);
    // The coach's notes sealing (coach devices; nullptr: notes cannot be kept). Borrowed: it
    // must outlive this DeskApi.
    void set_note_sealing(const NoteSealing* notes) { notes_ = notes; }

  private:
    HttpResponse login(const HttpRequest& request);
    HttpResponse logout(const std::string& token);
    HttpResponse today(const DeskSession& session);
    HttpResponse complete(const std::string& appointment_id, const HttpRequest& request,
                          const DeskSession& session);
    HttpResponse plan(const HttpRequest& request, const DeskSession& session);
    // The residence and work-permit check of a client, today (a fact, synced).
    HttpResponse check_residence(const std::string& client_id, const DeskSession& session);
    HttpResponse review(const std::string& conflict_id, const DeskSession& session);
    HttpResponse client_routes(const HttpRequest& request, const DeskSession& session);

    const config::AgentConfig& config_;
    store::Database& db_;
    KioskCheckin::Clock now_;
    std::function<void()> on_commit_;
    DeskSessions sessions_;
    bool tls_;
    const NoteSealing* notes_ =
        nullptr;  // the agent serves HTTPS (tls_cert_file): cookies are Secure, origins https://
};

}  // namespace onthaal::http
