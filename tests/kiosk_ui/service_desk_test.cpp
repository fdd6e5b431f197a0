// The desk's use cases for a client's service (issue 13) on a real agent store: each fact is
// checked by the rules before it is kept, kept with its outbox entry, and the client's file shows
// the state, the deadlines and the history the desk works from. Offline by construction: no
// central here at all.
#include <gtest/gtest.h>

#include "kiosk_ui/service_desk.hpp"
#include "local_store/store_open.hpp"
#include "local_store/sync_access.hpp"
#include "tests/support/temp_dir.hpp"

using namespace onthaal;
using nlohmann::json;

namespace {

class ServiceDesk : public ::testing::Test {
  protected:
    void SetUp() override {
        db.exec(
            "INSERT INTO site (id, name, province) VALUES ('s1', 'OCMW Gent', 'O');"
            "INSERT INTO staff_account (id, site_id, name) VALUES ('st1', 's1', 'Els Peeters');"
            "INSERT INTO client (id, site_id, first_name, last_name, language, programme) VALUES "
            "('c1', 's1', 'Amina', 'Benali', 'ar', 'TIBB4');"
            "INSERT INTO service (id, client_id, programme, referred_on, max_duration_months) "
            "VALUES ('sv1', 'c1', 'TIBB4', '2026-01-05', 9);"
            "INSERT INTO appointment (id, site_id, client_id, staff_id, kind, starts_at, "
            "duration_min, checkin_code, outcome) VALUES ('a1', 's1', 'c1', 'st1', 'first', "
            "'2026-01-12T09:00:00Z', 30, 'DEMA2AGTD', 'present');"
            "INSERT INTO attendance_event (id, appointment_id, kind, occurred_at, recorded_by) "
            "VALUES ('e1', 'a1', 'present', '2026-01-12T09:05:00Z', 'st1');");
    }
    // Records a fact "now" (the desk's clock) and returns the outcome.
    http::FactOutcome record(const json& body, const char* now) {
        return http::RecordServiceFact(db).run("sv1", body, "st1",
                                               domain::parse_instant(now).value());
    }
    json file(const char* now) {
        return *http::client_file(db, "c1", domain::parse_instant(now).value());
    }
    std::int64_t outbox_rows() {
        return db.query_int64("SELECT count(*) FROM outbox WHERE entity = 'service_fact'");
    }
    test_support::TempDir dir;
    store::Database db = store::open_agent_store(dir.file("a.db"));
};

}  // namespace

TEST_F(ServiceDesk, AFactIsKeptWithItsOutboxEntryOnlyWhenTheRulesAllowIt) {
    const auto early =
        record({{"kind", "mediation_started"}, {"on", "2026-01-13"}}, "2026-01-13T10:00:00Z");
    EXPECT_EQ(early.status, http::FactStatus::refused);
    EXPECT_EQ(early.result.reason_code, "mediation.requires_sheet_and_next_contact");
    EXPECT_EQ(outbox_rows(), 0) << "a refused fact is not kept";
    const auto sheet = record({{"kind", "agreement_sheet"},
                               {"on", "2026-01-20"},
                               {"next_contact", "2026-02-03"},
                               {"content", {{"work_points", {"Nederlands leren"}}}}},
                              "2026-01-20T10:00:00Z");
    ASSERT_EQ(sheet.status, http::FactStatus::recorded) << sheet.result.reason_code;
    EXPECT_EQ(outbox_rows(), 1);
    EXPECT_EQ(sheet.state["first_sheet_due"], "2026-01-27");
    const auto signed_ =
        record({{"kind", "agreement_sheet_signed"}, {"on", "2026-01-27"}, {"refers_to", sheet.id}},
               "2026-01-27T10:00:00Z");
    ASSERT_EQ(signed_.status, http::FactStatus::recorded) << signed_.result.reason_code;
    const auto start =
        record({{"kind", "mediation_started"}, {"on", "2026-02-01"}}, "2026-02-01T10:00:00Z");
    ASSERT_EQ(start.status, http::FactStatus::recorded) << start.result.reason_code;
    EXPECT_EQ(start.state["stage"], "mediation_started");
    EXPECT_EQ(start.state["max_end"], "2026-11-01");
    EXPECT_EQ(outbox_rows(), 3);
}

TEST_F(ServiceDesk, ABodyTheRulesCannotReadIsABadRequestAndNothingIsKept) {
    for (const json& body :
         {json{{"kind", "agreement_sheet"}, {"on", "20/01/2026"}},
          json{{"kind", "teleport"}, {"on", "2026-01-20"}},
          json{{"kind", "agreement_sheet"}, {"on", "2026-01-20"}, {"recorded_by", "st2"}},
          json{{"kind", "training_line"}, {"on", "2026-01-20"}, {"hours", -5}}, json::array()}) {
        EXPECT_EQ(record(body, "2026-01-20T10:00:00Z").status, http::FactStatus::bad_request)
            << body.dump();
    }
    EXPECT_EQ(outbox_rows(), 0);
    EXPECT_EQ(http::RecordServiceFact(db)
                  .run("nope", {{"kind", "agreement_sheet"}, {"on", "2026-01-20"}}, "st1",
                       domain::parse_instant("2026-01-20T10:00:00Z").value())
                  .status,
              http::FactStatus::unknown_service);
}

TEST_F(ServiceDesk, TheClientFileShowsStateDeadlinesActionsAndTheHistoryInOrder) {
    const auto sheet =
        record({{"kind", "agreement_sheet"}, {"on", "2026-01-20"}}, "2026-01-20T10:00:00Z");
    ASSERT_EQ(sheet.status, http::FactStatus::recorded);
    const json f = file("2026-01-29T10:00:00Z");
    EXPECT_EQ(f["client"]["first_name"], "Amina");
    EXPECT_EQ(f["site"]["financing_number"], "O00S200");
    ASSERT_EQ(f["services"].size(), 1u);
    const json& s = f["services"][0];
    EXPECT_EQ(s["state"]["stage"], "present");
    bool late = false;
    for (const auto& n : s["state"]["notices"])
        late = late || (n["code"] == "agreement_sheet.overdue" && n["allowed"] == false);
    EXPECT_TRUE(late) << "the first sheet was due on 27/01 and is not signed";
    EXPECT_NE(std::find(s["actions"].begin(), s["actions"].end(), "agreement_sheet_signed"),
              s["actions"].end());
    ASSERT_EQ(s["sheets"].size(), 1u);
    EXPECT_TRUE(s["sheets"][0]["signed_on"].is_null());
    EXPECT_EQ(s["facts"][0]["sync"], "pending") << "not yet at central";
    EXPECT_EQ(s["facts"][0]["recorded_by_name"], "Els Peeters");
    ASSERT_EQ(f["history"].size(), 2u);
    EXPECT_EQ(f["history"][0]["kind"], "present");
    EXPECT_EQ(f["history"][1]["kind"], "agreement_sheet");
    EXPECT_EQ(f["history"][1]["label_nl"], "Afsprakenblad opgemaakt");
    EXPECT_FALSE(
        http::client_file(db, "c2", domain::parse_instant("2026-01-29T10:00:00Z").value()));
}

TEST_F(ServiceDesk, TheToCloseListCountsDownTheAdviceMonthAndAdviceClosesTheService) {
    db.exec(
        "INSERT INTO service_fact (id, service_id, kind, payload, occurred_at, recorded_by) VALUES"
        " ('f1', 'sv1', 'agreement_sheet', '{\"kind\":\"agreement_sheet\",\"on\":\"2026-01-12\","
        "\"next_contact\":\"2026-01-30\",\"occurred_at\":\"2026-01-12T10:00:00Z\",\"recorded_by\":"
        "\"st1\"}', '2026-01-12T10:00:00Z', 'st1'),"
        " ('f2', 'sv1', 'agreement_sheet_signed', '{\"kind\":\"agreement_sheet_signed\",\"on\":"
        "\"2026-01-12\",\"refers_to\":\"f1\",\"occurred_at\":\"2026-01-12T10:00:00Z\","
        "\"recorded_by\":\"st1\"}', '2026-01-12T10:00:00Z', 'st1'),"
        " ('f3', 'sv1', 'mediation_started', '{\"kind\":\"mediation_started\",\"on\":"
        "\"2026-01-15\",\"occurred_at\":\"2026-01-15T10:00:00Z\",\"recorded_by\":\"st1\"}', "
        "'2026-01-15T10:00:00Z', 'st1')");
    const auto now = domain::parse_instant("2026-10-25T10:00:00Z").value();
    const json list = http::services_to_close(db, now);
    ASSERT_EQ(list["services"].size(), 1u);
    EXPECT_EQ(list["services"][0]["closing_reason"], "max_duration");
    EXPECT_EQ(list["services"][0]["advice_deadline"], "2026-11-15");
    EXPECT_EQ(list["services"][0]["days_left"], 21);
    const json advice = {{"kind", "final_advice"},
                         {"on", "2026-10-25"},
                         {"advice", "need"},
                         {"delivered_by", "print"}};
    const auto closed = record(advice, "2026-10-25T10:00:00Z");
    ASSERT_EQ(closed.status, http::FactStatus::recorded) << closed.result.reason_code;
    EXPECT_EQ(closed.state["stage"], "closed");
    EXPECT_EQ(closed.state["returns_to"], "head_of_office");
    EXPECT_TRUE(http::services_to_close(db, now)["services"].empty());
}

TEST_F(ServiceDesk, SearchFindsClientsByTheStartOfEitherNameInAnyCase) {
    const auto now = domain::parse_instant("2026-01-20T10:00:00Z").value();
    EXPECT_EQ(http::search_clients(db, "ben", now)["clients"].size(), 1u);
    EXPECT_EQ(http::search_clients(db, "AMI", now)["clients"][0]["stage"], "present");
    EXPECT_TRUE(http::search_clients(db, "%", now)["clients"].empty()) << "LIKE's % is literal";
    EXPECT_TRUE(http::search_clients(db, "nina", now)["clients"].empty());
}

// A fact recorded on this device shows when central answered for it once the push came back.
TEST_F(ServiceDesk, TheHistoryShowsWhenCentralReceivedAFactRecordedHere) {
    db.exec(
        "INSERT INTO outbox (mutation_id, entity, entity_id, payload, created_at, device_time) "
        "VALUES ('e1', 'attendance', 'a1', '{}', '2026-01-12T09:05:00Z', "
        "'2026-01-12T09:05:00Z')");
    EXPECT_TRUE(file("2026-01-12T10:00:00Z")["history"][0]["received_at"].is_null());
    EXPECT_EQ(file("2026-01-12T10:00:00Z")["history"][0]["sync"], "pending");
    store::SyncAccess(db).record_push_outcomes({protocol::PushResult::applied("e1", 1)},
                                               "2026-01-12T10:01:00Z");
    const json entry = file("2026-01-12T10:02:00Z")["history"][0];
    EXPECT_EQ(entry["sync"], "applied");
    EXPECT_EQ(entry["received_at"], "2026-01-12T10:01:00Z");
}

// Central keeps facts in the order pushes arrived, the desk its own first: the rules read them
// by date on both sides. Here a colleague's later sheet arrived (is stored) first; the first
// sheet is still the one drawn up first, and it is signed.
TEST_F(ServiceDesk, TheFirstSheetIsTheEarliestWhateverOrderTheFactsWereStoredIn) {
    db.exec(
        "INSERT INTO service_fact (id, service_id, kind, payload, occurred_at, recorded_by, "
        "device_id) VALUES ('late', 'sv1', 'agreement_sheet', '{\"kind\":\"agreement_sheet\","
        "\"on\":\"2026-01-25\",\"occurred_at\":\"2026-01-25T10:00:00Z\",\"recorded_by\":\"st1\"}',"
        " '2026-01-25T10:00:00Z', 'st1', 'coach1')");
    const auto first =
        record({{"kind", "agreement_sheet"}, {"on", "2026-01-20"}, {"next_contact", "2026-02-03"}},
               "2026-01-26T10:00:00Z");
    ASSERT_EQ(first.status, http::FactStatus::recorded);
    ASSERT_EQ(
        record({{"kind", "agreement_sheet_signed"}, {"on", "2026-01-26"}, {"refers_to", first.id}},
               "2026-01-26T10:00:00Z")
            .status,
        http::FactStatus::recorded);
    const auto start =
        record({{"kind", "mediation_started"}, {"on", "2026-01-27"}}, "2026-01-27T10:00:00Z");
    EXPECT_EQ(start.status, http::FactStatus::recorded) << start.result.reason_code;
    EXPECT_EQ(start.state["first_sheet_signed"], true);
}

// A client referred again starts a new service afresh: its first appointments are those since
// the new referral, not the presence of years before.
TEST_F(ServiceDesk, ASecondReferralStartsFromItsOwnFirstAppointment) {
    db.exec(
        "INSERT INTO service (id, client_id, programme, referred_on) VALUES ('sv2', 'c1', "
        "'TIBB4', '2026-06-01')");
    const json f = file("2026-06-02T10:00:00Z");
    ASSERT_EQ(f["services"].size(), 2u);
    EXPECT_EQ(f["services"][0]["id"], "sv2") << "newest referral first";
    EXPECT_EQ(f["services"][0]["state"]["stage"], "referred");
    EXPECT_TRUE(f["services"][0]["state"]["first_sheet_due"].is_null());
    EXPECT_EQ(f["services"][1]["state"]["stage"], "present");
}

// A service row of before its record came from central (agent migration 8 left referred_on
// empty) must not take the lists down: it is left out until the pull brings the record.
TEST_F(ServiceDesk, AServiceTheRulesCannotReadIsLeftOutNotAnError) {
    db.exec(
        "INSERT INTO client (id, site_id, first_name, last_name, programme) VALUES ('c2', 's1', "
        "'Old', 'Row', 'TIBB4');"
        "INSERT INTO service (id, client_id, programme) VALUES ('sv-old', 'c2', 'TIBB4')");
    const auto now = domain::parse_instant("2026-01-20T10:00:00Z").value();
    EXPECT_EQ(http::search_clients(db, "", now)["clients"].size(), 2u);
    EXPECT_TRUE(http::services_to_close(db, now)["services"].is_array());
    EXPECT_TRUE(http::client_file(db, "c2", now).value()["services"].empty());
}

// A double click, or a retry after the answer was lost, sends the same fact id: one fact.
TEST_F(ServiceDesk, TheSameFactIdTwiceIsOneFact) {
    const json sheet = {
        {"kind", "agreement_sheet"}, {"on", "2026-01-20"}, {"id", "f-0123456789ab"}};
    const auto first = record(sheet, "2026-01-20T10:00:00Z");
    ASSERT_EQ(first.status, http::FactStatus::recorded);
    EXPECT_EQ(first.id, "f-0123456789ab");
    const auto again = record(sheet, "2026-01-20T10:00:01Z");
    EXPECT_EQ(again.status, http::FactStatus::already_recorded);
    EXPECT_EQ(outbox_rows(), 1);
    EXPECT_EQ(record({{"kind", "agreement_sheet"}, {"on", "2026-01-20"}, {"id", "x"}},
                     "2026-01-20T10:00:02Z")
                  .status,
              http::FactStatus::bad_request);
}
