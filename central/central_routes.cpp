#include "central/central_routes.hpp"

#include <sodium.h>

#include <charconv>
#include <nlohmann/json.hpp>

#include "central/central_admin.hpp"
#include "log/event_log.hpp"

namespace onthaal::central {
namespace {

using nlohmann::json;

// Reads ?name=value as a whole number in [min, max]; `fallback` when absent.
std::optional<std::int64_t> query_number(const std::string& target, const std::string& name,
                                         std::int64_t fallback, std::int64_t min,
                                         std::int64_t max) {
    const auto q = target.find('?');
    if (q == std::string::npos) return fallback;
    std::string_view rest = std::string_view(target).substr(q + 1);
    while (!rest.empty()) {
        const auto amp = rest.find('&');
        const std::string_view pair = rest.substr(0, amp);
        const auto eq = pair.find('=');
        if (eq != std::string_view::npos && pair.substr(0, eq) == name) {
            const std::string_view value = pair.substr(eq + 1);
            std::int64_t n = 0;
            const auto [end, ec] = std::from_chars(value.data(), value.data() + value.size(), n);
            if (ec != std::errc() || end != value.data() + value.size() || n < min || n > max)
                return std::nullopt;
            return n;
        }
        rest = amp == std::string_view::npos ? std::string_view() : rest.substr(amp + 1);
    }
    return fallback;
}

std::string hex(const std::vector<unsigned char>& bytes) {
    std::string out(bytes.size() * 2 + 1, '\0');
    sodium_bin2hex(out.data(), out.size(), bytes.data(), bytes.size());
    out.pop_back();
    return out;
}

}  // namespace

std::optional<DeviceScope> CentralRoutes::authenticate(const http::HttpRequest& request) {
    const std::string header = request.header("authorization");
    if (!header.starts_with("Bearer ") || header.size() > 300) return std::nullopt;
    return store_.device_for_token(std::string_view(header).substr(7));
}

void CentralRoutes::handle(const http::HttpRequest& request, const http::Responder& respond) {
    const std::string_view path = request.path();
    if (path == "/healthz") {
        store_.last_sequence();  // proves the store still answers
        return respond(http::json_response(200, R"({"status":"ok"})"));
    }
    if (!path.starts_with("/api/v1/sync/")) {
        return respond(http::json_error(404, "not_found", "There is nothing at this address."));
    }
    const auto device = authenticate(request);
    if (!device) {
        return respond(
            http::json_error(401, "device_not_authorised", "Unknown or revoked device token."));
    }
    if (path == "/api/v1/sync/hello" && request.method == "GET") return respond(hello(*device));
    if (path == "/api/v1/sync/push" && request.method == "POST")
        return push(*device, request, respond);
    if (path == "/api/v1/sync/pull" && request.method == "GET")
        return pull(*device, request, respond);
    respond(http::json_error(404, "not_found", "No such sync operation."));
}

http::HttpResponse CentralRoutes::hello(const DeviceScope& device) {
    const auto site = store_.site(device.site_id);
    if (!site)
        return http::json_error(401, "device_not_authorised",
                                "The device's site no longer exists.");
    json body = {{"device_id", device.device_id},
                 {"role", domain::to_string(device.role)},
                 {"staff_id", device.staff_id ? json(*device.staff_id) : json(nullptr)},
                 {"site",
                  {{"id", site->id},
                   {"name", site->name},
                   {"province", site->province},
                   {"hash_key", hex(site->hash_key)}}}};
    // A kiosk device's letter before its queue numbers: two kiosks never give the same number.
    if (const std::string letter = store_.queue_letter(device.device_id); !letter.empty())
        body["queue_letter"] = letter;
    // Public: every device may seal a note for central, none can open another's.
    if (notes_public_key_) body["notes_public_key"] = notes_public_key_->hex();
    return http::json_response(200, body.dump());
}

void CentralRoutes::push(const DeviceScope& device, const http::HttpRequest& request,
                         const http::Responder& respond) {
    if (!pushes_) {
        http::HttpResponse answer = push_response(store_, device, request.body);
        if (answer.status == 200) waiters_.notify(device.site_id);
        return respond(std::move(answer));
    }
    // The answer may come after these routes are gone (a push in flight at shutdown): it holds
    // the poster and the waiters (both outlive the worker), never `this`.
    pushes_->submit(device, request.body,
                    [post = post_, &waiters = waiters_, site = device.site_id,
                     respond](http::HttpResponse answer) {
                        post([&waiters, site, respond, answer = std::move(answer)]() mutable {
                            // The batch is committed: long-polls of the site may have news.
                            if (answer.status == 200) waiters.notify(site);
                            respond(std::move(answer));
                        });
                    });
}

void CentralRoutes::pull(const DeviceScope& device, const http::HttpRequest& request,
                         const http::Responder& respond) {
    const auto cursor = query_number(request.target, "cursor", 0, 0, INT64_MAX);
    const auto limit = query_number(request.target, "limit", 1000, 1, 5000);
    const auto wait = query_number(request.target, "wait", 0, 0, 60);
    if (!cursor || !limit || !wait) {
        return respond(http::json_error(
            400, "bad_pull", "cursor must be >= 0, limit 1..5000 and wait 0..60 seconds."));
    }
    serve_pull(device, *cursor, static_cast<std::size_t>(*limit),
               std::chrono::steady_clock::now() + std::chrono::seconds(*wait), respond);
}

void CentralRoutes::serve_pull(const DeviceScope& device, std::int64_t cursor, std::size_t limit,
                               std::chrono::steady_clock::time_point deadline,
                               const http::Responder& respond) {
    ChangePage page = store_.changes_since(device, cursor, limit, utc_now_iso());
    const auto now = std::chrono::steady_clock::now();
    // Nothing new for this device: wait, unless the cursor moved past its own facts (say so now).
    if (page.count == 0 && page.cursor == cursor && now < deadline) {
        waiters_.wait(
            device.site_id, std::chrono::duration_cast<std::chrono::milliseconds>(deadline - now),
            [this, device, cursor, limit, deadline, respond] {
                try {
                    serve_pull(device, cursor, limit, deadline, respond);
                } catch (const std::exception& e) {
                    log::error("central.pull_failed", {{"error", e.what()}});
                    respond(http::json_error(500, "internal_error", "Pull failed; try again."));
                }
            });
        return;
    }
    std::string body = "{\"changes\":" + page.changes_json +
                       ",\"cursor\":" + std::to_string(page.cursor) +
                       ",\"has_more\":" + (page.has_more ? "true" : "false") +
                       ",\"remaining\":" + std::to_string(page.remaining) + "}";
    respond(http::json_response(200, std::move(body)));
}

}  // namespace onthaal::central
