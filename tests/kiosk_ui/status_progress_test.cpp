// GET /api/v1/status carries the sync worker's live progress (pull_progress, push_progress) and,
// once central refused the device, why sync stopped (stopped_reason, stopped_message in Dutch for
// the page, stopped_message_en): issue 14, items 6 and 7.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "domain/time_text.hpp"
#include "kiosk_ui/agent_routes.hpp"
#include "local_store/store_open.hpp"
#include "local_store/sync_access.hpp"
#include "tests/support/temp_dir.hpp"

using namespace onthaal;
using nlohmann::json;

namespace {

json status_of(http::AgentRoutes& routes) {
    http::HttpRequest r;
    r.method = "GET";
    r.target = "/api/v1/status";
    return json::parse(routes.handle(r).body);
}

}  // namespace

TEST(StatusProgress, ShowsEachRoundAndWhySyncStopped) {
    test_support::TempDir dir;
    store::Database db = store::open_agent_store(dir.file("a.db"));
    config::AgentConfig config;
    config.site_id = "s1";
    config.role = "coach";
    store::SyncProgress progress;
    const domain::Instant now = domain::parse_instant("2026-11-23T09:00:00Z").value();
    http::AgentRoutes routes(
        config, db, [now] { return now; }, {}, {}, {}, &progress);

    json s = status_of(routes);
    EXPECT_EQ(s["pull_progress"], json({{"active", false},
                                        {"received", 0},
                                        {"total", nullptr},
                                        {"started_at", nullptr},
                                        {"finished_at", nullptr},
                                        {"seconds_left", nullptr}}));
    EXPECT_TRUE(s["stopped_reason"].is_null());
    EXPECT_TRUE(s["stopped_message"].is_null());

    progress.begin(store::SyncDirection::pull, "2026-11-23T08:59:00Z", 100001);
    progress.advance(store::SyncDirection::pull, 5000, 100001);
    progress.begin(store::SyncDirection::push, "2026-11-23T08:59:30Z", 700);
    s = status_of(routes);
    EXPECT_EQ(s["pull_progress"]["active"], true);
    EXPECT_EQ(s["pull_progress"]["received"], 5000);
    EXPECT_EQ(s["pull_progress"]["total"], 100001);
    EXPECT_EQ(s["pull_progress"]["started_at"], "2026-11-23T08:59:00Z");
    EXPECT_EQ(s["push_progress"]["sent"], 0);
    EXPECT_EQ(s["push_progress"]["total"], 700);

    store::SyncAccess(db).record_status(protocol::SyncState::device_not_authorised,
                                        std::string("device_revoked: central answered 401 to pull"),
                                        "2026-11-23T09:00:00Z");
    s = status_of(routes);
    EXPECT_EQ(s["stopped_reason"], "device_revoked");
    EXPECT_NE(s["stopped_message"].get<std::string>().find("niet meer"), std::string::npos);
    EXPECT_NE(s["stopped_message_en"].get<std::string>().find("no longer accepts"),
              std::string::npos);
}
