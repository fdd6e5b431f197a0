// The day's queue (issue 15, item 3): the desk calls a checked-in client by the number the kiosk
// gave, and the waiting-room display shows the calls.
//   POST /api/v1/desk/appointments/ID/call   (desk session + CSRF) → 200 {queue_number,
//        called_at, location}; 409 not_checked_in / already_completed; 404 unknown_appointment
//   GET  /api/v1/display/calls               (no sign-in: a TV in the waiting room) → the latest
//        calls of today by every desk of the site, newest first (in the order this device learnt
//        of them): {calls: [{seq, queue_number, location, called_at, called_time}], waiting,
//        now}; numbers and rooms only, never a name
// A call is sent to central and the site's other desks (entities/queue_call_entity.hpp):
// `on_commit` wakes the sync worker after one.
// DeskApi calls handle_queue_routes after its session and CSRF checks; AgentRoutes serves
// display_calls on desk devices (a kiosk holds no calls; a coach's laptop has no waiting room).
//
// Thread: the agent's I/O thread. Failure: 4xx JSON for bad input; StoreError propagates (500).
#pragma once

#include <functional>
#include <optional>
#include <string>

#include "domain/time_text.hpp"
#include "local_store/sqlite_database.hpp"
#include "net/http_message.hpp"

namespace onthaal::http {

// The response, or nullopt when the request is for none of the desk's queue routes.
std::optional<HttpResponse> handle_queue_routes(const HttpRequest& request, store::Database& db,
                                                const std::string& staff_id, domain::Instant now,
                                                const std::function<void()>& on_commit);

HttpResponse display_calls(store::Database& db, domain::Instant now);

}  // namespace onthaal::http
