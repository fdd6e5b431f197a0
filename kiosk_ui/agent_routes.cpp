#include "kiosk_ui/agent_routes.hpp"
#include "kiosk_ui/queue_api.hpp"

#include <nlohmann/json.hpp>

#include "kiosk_ui/web_assets.hpp"
#include "local_store/migrations.hpp"
#include "local_store/sync_access.hpp"

namespace onthaal::http {

namespace {

KioskPolicy kiosk_policy(const config::AgentConfig& c) {
    return {{std::chrono::minutes(c.checkin_window_before_min),
             std::chrono::minutes(c.checkin_window_after_min)},
            static_cast<int>(c.kiosk_max_failed_tries),
            std::chrono::seconds(c.kiosk_pause_s),
            config::key_file_path(c)};
}

nlohmann::json optional_json(const std::optional<std::string>& v) {
    return v ? nlohmann::json(*v) : nlohmann::json(nullptr);
}

// One direction's round (local_store/sync_progress.hpp): `done_name` is "received" or "sent".
nlohmann::json progress_json(const store::TransferProgress& p, const char* done_name) {
    auto number = [](const std::optional<std::int64_t>& v) {
        return v ? nlohmann::json(*v) : nlohmann::json(nullptr);
    };
    return {{"active", p.active},
            {done_name, p.done},
            {"total", number(p.total)},
            {"started_at", optional_json(p.started_at)},
            {"finished_at", optional_json(p.finished_at)},
            {"seconds_left", number(p.seconds_left)}};
}

// Why sync stopped, in plain words (Dutch for the page); null fields while it runs.
void add_stop(nlohmann::json& body, const store::SyncStatusSnapshot& sync) {
    const auto stop = store::sync_stop(sync);
    body["stopped_reason"] = stop ? nlohmann::json(stop->reason) : nlohmann::json(nullptr);
    body["stopped_message"] = stop ? nlohmann::json(stop->message_nl) : nlohmann::json(nullptr);
    body["stopped_message_en"] = stop ? nlohmann::json(stop->message_en) : nlohmann::json(nullptr);
}

}  // namespace

AgentRoutes::AgentRoutes(const config::AgentConfig& config, store::Database& store,
                         KioskCheckin::Clock now, std::function<void()> on_local_commit,
                         KioskCheckin::Poster post, KioskCheckin::Committer commit,
                         const store::SyncProgress* progress)
    : config_(config),
      store_(store),
      progress_(progress),
      now_(now),
      kiosk_(store, kiosk_policy(config), now, on_local_commit, post, std::move(commit)),
      speech_(config.kiosk_speech_program, post),
      desk_(config, store, now, on_local_commit) {}

void AgentRoutes::warm_up() {
    kiosk_.warm_up();
    if (config_.role != "kiosk") DeskSessions::warm_up();
}

void AgentRoutes::handle(const HttpRequest& request,
                         const std::function<void(HttpResponse)>& respond) {
    if (request.path() == "/api/v1/kiosk/checkin") return kiosk_.handle(request, respond);
    if (request.path() == "/api/v1/kiosk/speech") return speech_.handle(request, respond);
    respond(handle(request));
}

HttpResponse AgentRoutes::handle(const HttpRequest& request) {
    const std::string_view path = request.path();
    // A kiosk stands in the waiting room: it never offers the staff pages or their API.
    const bool staff_path = path == "/desk" || path == "/desk.html" || path == "/desk.js" ||
                            path == "/desk.css" || path.starts_with("/api/v1/desk/");
    if (config_.role == "kiosk" && staff_path) {
        return json_error(404, "not_on_this_device", "The desk is not served by a kiosk device.");
    }
    // The coach's pages hold a caseload's field work: only on the coach's own laptop. Their API
    // also serves the desk (a sheet's work plan, the field work of the site's clients, conflicts).
    // The date field (coach_date.js) holds no data and the desk's forms use it too.
    const bool coach_page =
        (path == "/coach" || path.starts_with("/coach.") || path.starts_with("/coach_")) &&
        (path != "/coach_date.js" || config_.role == "kiosk");
    const bool coach_api = path.starts_with("/api/v1/coach/");
    if ((config_.role != "coach" && coach_page) || (config_.role == "kiosk" && coach_api)) {
        return json_error(404, "not_on_this_device",
                          "The coach's pages are on coach devices only.");
    }
    const bool is_read = request.method == "GET" || request.method == "HEAD";
    if (path == "/healthz" || path == "/api/v1/status") {
        if (!is_read) return json_error(405, "method_not_allowed", "Use GET for this address.");
        return path == "/healthz" ? health() : status();
    }
    if (path == "/api/v1/kiosk/checkin") return kiosk_.handle(request);
    if (path == "/api/v1/kiosk/speech") return speech_.handle(request);
    // The waiting room's screen: the desk's calls, on the device where the desk makes them.
    const bool display =
        path == "/display" || path.starts_with("/display.") || path.starts_with("/api/v1/display/");
    if (display && config_.role != "desk")
        return json_error(404, "not_on_this_device", "The waiting-room display is on desks only.");
    if (path == "/api/v1/display/calls")
        return is_read ? display_calls(store_, now_())
                       : json_error(405, "method_not_allowed", "Use GET for this address.");
    if (path.starts_with("/api/v1/desk/") || path.starts_with("/api/v1/coach/"))
        return desk_.handle(request);
    if (is_read && !path.starts_with("/api/")) {
        if (auto asset = serve_web_asset(path)) return *asset;
    }
    if (path == "/api/v1/kiosk/config" && is_read) {
        return json_response(200, nlohmann::json{{"idle_s", config_.kiosk_idle_s},
                                                 {"result_s", config_.kiosk_result_s},
                                                 {"speech", speech_.available()},
                                                 {"slip", config_.kiosk_slip},
                                                 {"site_id", config_.site_id}}
                                      .dump());
    }
    return json_error(404, "not_found", "There is nothing at this address.");
}

HttpResponse AgentRoutes::health() {
    // A trivial query proves the store still answers, not only the process.
    store_.query_int64("SELECT 1");
    return json_response(200, R"({"status":"ok"})");
}

HttpResponse AgentRoutes::status() {
    const store::SyncStatusSnapshot sync = store::SyncAccess(store_).status();
    nlohmann::json body = {
        {"site_id", config_.site_id},
        {"role", config_.role},
        {"schema_version", store::schema_version(store_)},
        {"sync_enabled", !config_.central_url.empty()},
        {"sync_state", protocol::to_string(sync.state)},
        {"pending_mutations", sync.pending},
        {"quarantined_mutations", sync.quarantined},
        {"open_conflicts", sync.open_conflicts},
        {"set_aside_changes", sync.set_aside},
        {"last_success_at", optional_json(sync.last_success_at)},
        {"last_error", optional_json(sync.last_error)},
        {"last_error_at", optional_json(sync.last_error_at)},
        {"pull_cursor", sync.pull_cursor},
    };
    add_stop(body, sync);
    const auto round = [this](store::SyncDirection d) {
        return progress_ ? progress_->snapshot(d) : store::TransferProgress{};
    };
    body["pull_progress"] = progress_json(round(store::SyncDirection::pull), "received");
    body["push_progress"] = progress_json(round(store::SyncDirection::push), "sent");
    return json_response(200, body.dump());
}

}  // namespace onthaal::http
