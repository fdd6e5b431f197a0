// The field coach's routes (issue 14), under the desk's session (same sign-in, cookie and CSRF
// token; DeskApi checks them first), served on coach devices only:
//   GET  /api/v1/coach/caseload                  the coach's clients (field_desk.hpp)
//   GET  /api/v1/coach/clients/ID                one client's file with progress and warnings
//   GET  /api/v1/coach/clients/ID/export.csv     the client's visits and hours (never notes)
//   POST /api/v1/coach/services/ID/visits        a visit or an edit of one   (201, 200, 409, 400)
//   POST /api/v1/coach/services/ID/hours         stage hours of one day      (201, 200, 409, 400)
//   POST /api/v1/coach/work-plans/SHEET_ID       a sheet's work plan          (201, 200, 409, 400)
//   POST /api/v1/coach/conflicts/ID              a conflict reviewed          (201, 200, 400)
// 404 for anything outside the coach's own caseload, as if it did not exist.
//
// Thread: the agent's I/O thread. Failure: 4xx JSON for bad input and refused rules; StoreError
// propagates (500). A visit's notes never reach a log line.
#pragma once

#include <functional>
#include <optional>

#include "kiosk_ui/field_desk.hpp"
#include "net/http_message.hpp"

namespace onthaal::http {

// The response, or nullopt when the request is for none of these routes.
std::optional<HttpResponse> handle_coach_routes(const HttpRequest& request, const FieldContext& c,
                                                const std::function<void()>& on_commit);

}  // namespace onthaal::http
