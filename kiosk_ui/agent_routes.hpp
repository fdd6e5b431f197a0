// The agent's HTTP routes as a pure function of the request: no sockets, no I/O other than the
// local store it is given. The server (http_server.hpp) calls handle() on its I/O thread.
//
// Ownership: borrows the store connection and the configuration; both must outlive it.
// Thread: the thread that owns the store connection (the agent's I/O thread).
// Failure: never throws for bad input (4xx JSON); a store failure propagates as an exception and
// the server turns it into a 500.
#pragma once

#include <functional>

#include "config/agent_config.hpp"
#include "kiosk_ui/desk_api.hpp"
#include "kiosk_ui/kiosk_checkin.hpp"
#include "kiosk_ui/kiosk_speech.hpp"
#include "local_store/sqlite_database.hpp"
#include "local_store/sync_progress.hpp"
#include "net/http_message.hpp"

namespace onthaal::http {

class AgentRoutes {
  public:
    // `now` is the clock (tests pass their own); `on_local_commit` wakes the sync worker; `post`
    // runs a task later on the I/O thread (kiosk group commit; empty: commit at once); `commit`
    // commits kiosk batches off the I/O thread (empty: on `store`); `progress` is the sync
    // worker's (null: no worker; it must outlive the routes).
    AgentRoutes(const config::AgentConfig& config, store::Database& store, KioskCheckin::Clock now,
                std::function<void()> on_local_commit = {}, KioskCheckin::Poster post = {},
                KioskCheckin::Committer commit = {}, const store::SyncProgress* progress = nullptr);

    // Answers through `respond`, possibly later (a kiosk check-in waits for its group commit).
    void handle(const HttpRequest& request, const std::function<void(HttpResponse)>& respond);
    HttpResponse handle(const HttpRequest& request);
    // Before serving: readies the kiosk's first check-in (KioskCheckin::warm_up) and, where the
    // desk is served, the sign-in's dummy hash (DeskSessions::warm_up).
    void warm_up();
    // The coach's notes sealing (see DeskApi::set_note_sealing).
    void set_note_sealing(const NoteSealing* notes) { desk_.set_note_sealing(notes); }

  private:
    HttpResponse health();
    HttpResponse status();

    const config::AgentConfig& config_;
    store::Database& store_;
    const store::SyncProgress* progress_;
    KioskCheckin::Clock now_;
    KioskCheckin kiosk_;
    KioskSpeech speech_;  // GET /api/v1/kiosk/speech, off the I/O thread through `post`
    DeskApi desk_;
};

}  // namespace onthaal::http
