// Plain request/response values passed between the socket code (http_server.cpp) and the pure
// request handlers. Keeping Beast types out of this header keeps handlers testable without
// sockets and keeps Beast's heavy headers out of every file that handles a request.
// Plain values: any thread; nothing here fails but json_response's JSON building (std::bad_alloc).
#pragma once

#include <map>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace onthaal::http {

struct HttpRequest {
    std::string method;                          // "GET", "POST", ...
    std::string target;                          // as sent: path plus query
    std::map<std::string, std::string> headers;  // names in lower case
    std::string body;
    // The peer's IP address as text ("127.0.0.1", "::1"), set by the server for per-client limits;
    // "" when a test builds the request by hand.
    std::string source;

    std::string_view path() const;                                 // target without the query
    std::string header(const std::string& lower_case_name) const;  // "" when absent
    // The query parameter's value, percent- and '+'-decoded; "" when absent. A malformed escape
    // is kept as typed.
    std::string query_parameter(std::string_view name) const;
};

// Whether a browser sent this request from a page of this server: its Origin header names the
// scheme and the Host it was sent to. Requests without Origin (no browser sends a cross-site
// POST without one) answer false: for cookie-authenticated changes that is a refusal.
bool comes_from_own_origin(const HttpRequest& request, bool tls);

struct HttpResponse {
    int status = 200;
    std::vector<std::pair<std::string, std::string>> headers;
    std::string body;

    void set_header(std::string name, std::string value);
};

// {"error": {"code": code, "message": message}} with the given status; API responses are never
// cached.
HttpResponse json_error(int status, std::string_view code, std::string_view message);
// A JSON body (already serialised) with Cache-Control: no-store.
HttpResponse json_response(int status, std::string body);

// Adds the headers every response carries (CSP, nosniff, frame and referrer policy).
void add_security_headers(HttpResponse& response);

}  // namespace onthaal::http
