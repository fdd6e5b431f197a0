// The typed records and mutations: their JSON round-trips as docs/sync-protocol.md documents it,
// and a bad record is refused with an error naming the entity, the id and the field, never the
// value itself.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "protocol/changes.hpp"
#include "protocol/json_input.hpp"
#include "protocol/mutations.hpp"
#include "protocol/records.hpp"
#include "protocol/validation.hpp"

using namespace onthaal::protocol;
using nlohmann::json;

namespace {

json appointment_json() {
    return {{"id", "ap-001"},
            {"client_id", "cl-001"},
            {"staff_id", "st-els"},
            {"kind", "first"},
            {"registered", false},
            {"starts_at", "2026-11-23T09:30:00+01:00"},
            {"duration_min", 45},
            {"location", "Wachtzaal 1"},
            {"checkin_code", "DEMO01"},
            {"outcome", nullptr},
            {"version", 3}};
}

std::string error_of(const std::function<void()>& f) {
    try {
        f();
    } catch (const ValidationError& e) {
        return e.what();
    }
    return "";
}

}  // namespace

TEST(Protocol, AnAppointmentRoundTripsWithItsStartInUtc) {
    const auto a = AppointmentRecord::from_json(appointment_json(), "ap-001");
    EXPECT_EQ(a.starts_at, "2026-11-23T08:30:00Z");
    EXPECT_EQ(a.kind, AppointmentKind::first);
    EXPECT_FALSE(a.outcome.has_value());
    const json back = a.to_json();
    EXPECT_EQ(back["starts_at"], "2026-11-23T08:30:00Z");
    EXPECT_EQ(back["kind"], "first");
    EXPECT_TRUE(back["outcome"].is_null());
    EXPECT_EQ(AppointmentRecord::from_json(back, "ap-001").to_json(), back);
}

TEST(Protocol, ABadRecordNamesEntityIdAndFieldButNotTheValue) {
    json bad = appointment_json();
    bad["starts_at"] = "23/11/2026 85073003328";
    const std::string e = error_of([&] { AppointmentRecord::from_json(bad, "ap-001"); });
    EXPECT_NE(e.find("appointment 'ap-001': field 'starts_at'"), std::string::npos) << e;
    EXPECT_EQ(e.find("85073003328"), std::string::npos) << "the value was echoed: " << e;

    json huge = appointment_json();
    huge["duration_min"] = json::parse("1180591620717411303424");  // 2^70
    const std::string h = error_of([&] { AppointmentRecord::from_json(huge, "ap-001"); });
    EXPECT_NE(h.find("field 'duration_min'"), std::string::npos) << h;

    json wrong_id = appointment_json();
    wrong_id["id"] = "ap-999";
    EXPECT_NE(
        error_of([&] { AppointmentRecord::from_json(wrong_id, "ap-001"); }).find("field 'id'"),
        std::string::npos);

    json outcome = appointment_json();
    outcome["outcome"] = "checked_in";  // an arrival is no outcome
    EXPECT_NE(
        error_of([&] { AppointmentRecord::from_json(outcome, "ap-001"); }).find("field 'outcome'"),
        std::string::npos);
}

TEST(Protocol, AClientCarriesOnlyA32ByteHash) {
    json c = {{"first_name", "Amina"},
              {"last_name", "B"},
              {"language", "ar"},
              {"programme", "TIBB4"},
              {"coach_id", nullptr},
              {"version", 1},
              {"national_number_hash", std::string(64, 'a')}};
    const auto client = ClientRecord::from_json(c, "c1");
    ASSERT_TRUE(client.national_number_hash.has_value());
    EXPECT_EQ(client.national_number_hash->size(), 32u);
    EXPECT_EQ(client.to_json()["national_number_hash"], std::string(64, 'a'));
    c["national_number_hash"] = "85073003328";
    const std::string e = error_of([&] { ClientRecord::from_json(c, "c1"); });
    EXPECT_NE(e.find("client 'c1': field 'national_number_hash'"), std::string::npos) << e;
    EXPECT_EQ(e.find("85073003328"), std::string::npos);
}

TEST(Protocol, AMutationEnvelopeAndItsAttendancePayload) {
    const json m = {{"mutation_id", "9f1c"},
                    {"device_id", "dev-1"},
                    {"entity", "attendance"},
                    {"entity_id", "ap-001"},
                    {"base_version", 3},
                    {"device_time", "2026-11-23T08:21:00Z"},
                    {"payload",
                     {{"kind", "checked_in"},
                      {"occurred_at", "2026-11-23T09:21:00+01:00"},
                      {"recorded_by", "kiosk"}}}};
    const auto e = MutationEnvelope::from_json(m);
    EXPECT_EQ(e.base_version, 3);
    EXPECT_EQ(e.to_json("dev-1"), m);
    const auto fact = AttendanceMutation::from_json(e.payload, e.entity_id);
    EXPECT_EQ(fact.kind, AttendanceKind::checked_in);
    EXPECT_EQ(fact.occurred_at, "2026-11-23T08:21:00Z");
    EXPECT_FALSE(fact.to_json().contains("mediator_absent"));

    json no_time = m;
    no_time.erase("device_time");
    EXPECT_NE(error_of([&] {
                  MutationEnvelope::from_json(no_time);
              }).find("mutation '9f1c': field 'device_time': is required"),
              std::string::npos);
}

TEST(Protocol, PushResultsKeepTheirWireShape) {
    const json conflict = {{"mutation_id", "c2d0"},
                           {"status", "conflict"},
                           {"reason", "appointment_changed"},
                           {"message", "kept for review"},
                           {"server_version", 4},
                           {"server_record", {{"id", "ap-002"}, {"version", 4}}}};
    const auto r = PushResult::from_json(conflict);
    EXPECT_EQ(r.status, PushStatus::conflict);
    EXPECT_EQ(r.to_json(), conflict);
    EXPECT_EQ(PushResult::rejected("x", "forbidden_for_role", "no").to_json(),
              (json{{"mutation_id", "x"},
                    {"status", "rejected"},
                    {"reason", "forbidden_for_role"},
                    {"message", "no"}}));
}

TEST(Protocol, APulledChangeWithABadEnvelopeSaysWhyButKeepsItsSequence) {
    const auto good = PulledChange::from_json(
        {{"seq", 5}, {"entity", "client"}, {"id", "c1"}, {"op", "delete"}, {"data", nullptr}}, 4);
    EXPECT_EQ(good.op, ChangeOp::remove);
    EXPECT_EQ(good.problem, "");
    const auto no_entity =
        PulledChange::from_json({{"seq", 6}, {"id", "c1"}, {"op", "upsert"}, {"data", {}}}, 5);
    EXPECT_EQ(no_entity.seq, 6);
    EXPECT_NE(no_entity.problem.find("entity"), std::string::npos);
    EXPECT_THROW(PulledChange::from_json({{"seq", 5}, {"entity", "client"}}, 5), ValidationError)
        << "a sequence that does not increase must refuse the page";
}

TEST(Protocol, UntrustedJsonIsRefusedWhenTooDeepOrOutOfRangeWithoutQuotingIt) {
    const std::string deep64 = std::string(64, '[') + std::string(64, ']');
    EXPECT_TRUE(parse_untrusted_json(deep64).ok());
    const std::string deep65 = std::string(65, '[') + std::string(65, ']');
    EXPECT_NE(parse_untrusted_json(deep65).error.find("nested deeper than 64"), std::string::npos);
    // Brackets inside strings are text, not nesting.
    EXPECT_TRUE(parse_untrusted_json(R"({"note": ")" + std::string(100, '[') + R"("})").ok());
    const auto huge = parse_untrusted_json(R"({"code": 1e999999})");
    EXPECT_FALSE(huge.ok());
    EXPECT_EQ(huge.error.find("999999"), std::string::npos) << huge.error;
    EXPECT_TRUE(huge.value.is_null());
}
