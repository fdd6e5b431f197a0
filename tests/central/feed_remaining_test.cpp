// The pull answer's `remaining` (central/feed_remaining.hpp): after every page of a catch-up it is
// what the following pages hold, for each role's scope; changes appended meanwhile are counted,
// a device's own facts (never sent back to it) are not.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <vector>

#include "central/central_admin.hpp"
#include "central/central_schema.hpp"
#include "central/change_feed.hpp"
#include "central/feed_remaining.hpp"
#include "central/push_apply.hpp"
#include "central/site_import.hpp"
#include "local_store/store_open.hpp"
#include "tests/support/temp_dir.hpp"

using namespace onthaal;
using nlohmann::json;

namespace {

// Ids are central's, across sites: another site's get a prefix.
json site_file(int clients, int first = 0, const std::string& p = "") {
    json doc = {
        {"staff", {{{"id", p + "st1"}, {"name", "Els"}}, {{"id", p + "st2"}, {"name", "Jan"}}}},
        {"clients", json::array()},
        {"appointments", json::array()}};
    for (int i = first; i < first + clients; ++i) {
        const std::string n = p + std::to_string(i);
        doc["clients"].push_back({{"id", "c" + n},
                                  {"first_name", "F" + n},
                                  {"last_name", "L" + n},
                                  {"language", "nl"},
                                  {"programme", "TIBB4"},
                                  {"coach_id", p + (i % 2 ? "st2" : "st1")}});
        doc["appointments"].push_back({{"id", "a" + n},
                                       {"client_id", "c" + n},
                                       {"staff_id", p + "st1"},
                                       {"kind", "regular"},
                                       {"registered", false},
                                       {"starts_at", "2026-11-23T10:00:00Z"},
                                       {"duration_min", 30},
                                       {"location", "Room 1"}});
    }
    return doc;
}

struct Page {
    std::size_t count = 0;
    std::int64_t remaining = 0;
};

class FeedRemaining : public ::testing::Test {
  protected:
    void SetUp() override {
        central::add_site(db, "s1", "Site 1", "O");
        central::add_site(db, "s2", "Site 2", "A");
        central::import_site_file(db, "s1", site_file(10).dump());
        central::import_site_file(db, "s2", site_file(4, 0, "x").dump());  // never counted for s1
    }
    // Pulls from `cursor` to the end in pages of `limit`, as a device does.
    std::vector<Page> catch_up(const central::DeviceScope& device, std::size_t limit,
                               std::int64_t cursor = 0) {
        std::vector<Page> pages;
        while (true) {
            central::ChangePage page = central::read_changes(db, device, cursor, limit, "");
            pages.push_back({page.count, counter.remaining_after(db, device, cursor, page)});
            cursor = page.cursor;
            if (!page.has_more) return pages;
        }
    }
    // What the pages after each page held: the remaining each one should have said.
    static void expect_exact(const std::vector<Page>& pages) {
        std::int64_t after = 0;
        for (std::size_t i = pages.size(); i-- > 0;) {
            EXPECT_EQ(pages[i].remaining, after) << "after page " << i;
            after += static_cast<std::int64_t>(pages[i].count);
        }
    }

    test_support::TempDir dir;
    store::Database db = store::open_and_migrate(dir.file("c.db"), central::central_schema_steps());
    central::RemainingCounter counter;
    central::DeviceScope desk{"dev-d", "s1", domain::DeviceRole::desk, std::nullopt};
    central::DeviceScope kiosk{"dev-k", "s1", domain::DeviceRole::kiosk, std::nullopt};
    central::DeviceScope coach{"dev-c", "s1", domain::DeviceRole::coach, std::string("st1")};
};

}  // namespace

TEST_F(FeedRemaining, EachPageOfACatchUpSaysWhatTheRestHoldsForEachRole) {
    for (const auto* device : {&desk, &kiosk, &coach}) {
        const auto pages = catch_up(*device, 4);
        ASSERT_GT(pages.size(), 2u);
        expect_exact(pages);
    }
    const auto desk_pages = catch_up(desk, 7);
    EXPECT_EQ(desk_pages.front().remaining + 7, 2 + 3 * 10) << "staff, clients, services, visits";
    EXPECT_EQ(catch_up(coach, 100).front().count, 2u + 3 * 5) << "its caseload and the staff";
}

TEST_F(FeedRemaining, ChangesCommittedDuringACatchUpAreCounted) {
    central::ChangePage page = central::read_changes(db, desk, 0, 5, "");
    const std::int64_t before = counter.remaining_after(db, desk, 0, page);
    central::import_site_file(db, "s1", site_file(2, 10).dump());  // 2 clients more: 6 changes
    const std::int64_t at = page.cursor;
    page = central::read_changes(db, desk, at, 5, "");
    EXPECT_EQ(counter.remaining_after(db, desk, at, page), before - 5 + 6);
    expect_exact(catch_up(desk, 5, page.cursor));
}

TEST_F(FeedRemaining, ADevicesOwnFactsAreNotCountedAsTheyAreNotSentBack) {
    json present = {
        {"mutation_id", "m1"},
        {"entity", "attendance"},
        {"entity_id", "a0"},
        {"base_version", 1},
        {"device_time", "2026-11-23T10:05:00Z"},
        {"payload",
         {{"kind", "present"}, {"occurred_at", "2026-11-23T10:05:00Z"}, {"recorded_by", "st1"}}}};
    central::apply_push(db, desk, json{{"mutations", {present}}}.dump(), "2026-11-23T10:06:00Z");
    const auto pages = catch_up(desk, 3);
    expect_exact(pages);
    std::size_t received = 0;
    for (const auto& p : pages) received += p.count;
    // The fact stays at the desk that recorded it; its appointment's new version is sent.
    EXPECT_EQ(received, 2u + 3 * 10 + 1);
    const central::DeviceScope other_desk{"dev-d2", "s1", domain::DeviceRole::desk, std::nullopt};
    EXPECT_EQ(catch_up(other_desk, 100).front().count, received + 1);
}
