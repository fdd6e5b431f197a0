#include "kiosk_ui/queue_api.hpp"

#include <nlohmann/json.hpp>

#include "entities/queue_call_entity.hpp"
#include "local_store/queue_store.hpp"

namespace onthaal::http {
namespace {

using nlohmann::json;

// Calls the display lists: the one to go to now, large, and the ones before it.
constexpr int kCallsShown = 8;
// A call older than this is no longer "go now": one that arrives late (a desk that was offline)
// is listed without a chime.
constexpr std::chrono::minutes kFreshCall{10};

std::optional<std::string> called_appointment(const HttpRequest& request) {
    const std::string path(request.path());
    const std::string prefix = "/api/v1/desk/appointments/", suffix = "/call";
    if (!path.starts_with(prefix) || !path.ends_with(suffix) ||
        path.size() <= prefix.size() + suffix.size())
        return std::nullopt;
    return path.substr(prefix.size(), path.size() - prefix.size() - suffix.size());
}

json call_json(const store::QueueCall& c) {
    const auto at = domain::parse_instant(c.called_at);
    return {{"seq", c.seq},
            {"queue_number", c.queue_number},
            {"location", c.location},
            {"called_at", c.called_at},
            {"called_time", at ? domain::brussels_time_of_day(*at) : ""},
            {"fresh", c.fresh}};
}

}  // namespace

std::optional<HttpResponse> handle_queue_routes(const HttpRequest& request, store::Database& db,
                                                const std::string& staff_id, domain::Instant now,
                                                const std::function<void()>& on_commit) {
    const auto appointment_id = called_appointment(request);
    if (!appointment_id) return std::nullopt;
    if (request.method != "POST") return json_error(405, "method_not_allowed", "Use POST.");
    const store::CallOutcome called =
        entities::record_queue_call(db, *appointment_id, staff_id, domain::format_instant(now));
    switch (called.refusal) {
        case store::CallRefusal::unknown_appointment:
            return json_error(404, "unknown_appointment", "No such appointment.");
        case store::CallRefusal::not_checked_in:
            return json_error(409, "not_checked_in", "This client has not checked in.");
        case store::CallRefusal::completed:
            return json_error(409, "already_completed", "This appointment is completed already.");
        case store::CallRefusal::none:
            break;
    }
    if (on_commit) on_commit();  // the other desks' displays show it once central has it
    return json_response(200, call_json(called.call).dump());
}

HttpResponse display_calls(store::Database& db, domain::Instant now) {
    const auto date = domain::brussels_date(now);
    const std::string from = domain::format_instant(domain::brussels_day_start(date));
    // The next day's own midnight: a day of a clock change has 23 or 25 hours.
    const std::string to = domain::format_instant(domain::brussels_day_start(
        std::chrono::year_month_day{std::chrono::sys_days(date) + std::chrono::days(1)}));
    store::QueueStore queue(db);
    json calls = json::array();
    const std::string fresh_after = domain::format_instant(now - kFreshCall);
    for (const auto& c : queue.recent_calls(from, fresh_after, kCallsShown))
        calls.push_back(call_json(c));
    const store::QueueCount count = queue.count_between(from, to);
    return json_response(
        200,
        json{{"calls", calls}, {"waiting", count.waiting}, {"now", domain::format_instant(now)}}
            .dump());
}

}  // namespace onthaal::http
