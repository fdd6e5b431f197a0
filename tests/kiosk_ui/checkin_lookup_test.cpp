// The kiosk's use case and its guess limiter without sockets.
#include "kiosk_ui/checkin_lookup.hpp"

#include <gtest/gtest.h>

#include "local_store/store_open.hpp"
#include "tests/support/temp_dir.hpp"

using namespace onthaal;
using namespace std::chrono_literals;

namespace {

domain::Instant at(const char* text) {
    return *domain::parse_instant(text);
}

}  // namespace

TEST(FindCheckin, FindsTheAppointmentByItsCodeAsPrintedAndChecksItsWindow) {
    test_support::TempDir dir;
    store::Database db = store::open_agent_store(dir.file("a.db"));
    db.exec(
        "INSERT INTO site (id, name, province) VALUES ('s1', 'Site', 'O');"
        "INSERT INTO client (id, site_id, first_name, last_name, language) VALUES"
        " ('c1', 's1', 'Amina', 'B', 'ar');"
        "INSERT INTO appointment (id, site_id, client_id, kind, starts_at, duration_min,"
        " checkin_code) VALUES ('a1', 's1', 'c1', 'regular', '2026-11-23T08:30:00Z', 30, "
        "'K7Q2M9');");
    http::FindCheckin find(db, domain::CheckinWindow{}, dir.file("a.db.key"));
    const auto found = find.run({"k7q 2m9", std::nullopt, at("2026-11-23T08:20:00Z")});
    ASSERT_TRUE(found.appointment.has_value());
    EXPECT_EQ(found.appointment->client_first_name, "Amina");

    const auto unknown = find.run({"ZZZZZZ", std::nullopt, at("2026-11-23T08:20:00Z")});
    EXPECT_EQ(unknown.refusal, http::CheckinRefusal::unknown_code);
    EXPECT_TRUE(unknown.counts_as_failure());

    const auto tomorrow = find.run({"K7Q2M9", std::nullopt, at("2026-11-24T08:20:00Z")});
    EXPECT_EQ(tomorrow.refusal, http::CheckinRefusal::wrong_time);
    EXPECT_FALSE(tomorrow.appointment.has_value());

    const auto bad_number = find.run({std::nullopt, "85073003329", at("2026-11-23T08:20:00Z")});
    EXPECT_EQ(bad_number.refusal, http::CheckinRefusal::invalid_number);
    const auto no_key = find.run({std::nullopt, "85073003328", at("2026-11-23T08:20:00Z")});
    EXPECT_EQ(no_key.refusal, http::CheckinRefusal::not_ready);
    EXPECT_FALSE(no_key.counts_as_failure()) << "the site's key missing is nobody's guess";
}
