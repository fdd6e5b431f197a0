#include "kiosk_ui/kiosk_checkin.hpp"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include <algorithm>
#include <deque>
#include <mutex>
#include <optional>
#include <thread>

#include "domain/national_number_hash.hpp"
#include "kiosk_ui/checkin_writer.hpp"
#include "local_store/device_key_file.hpp"
#include "local_store/store_open.hpp"
#include "tests/support/temp_dir.hpp"

using namespace onthaal;
using nlohmann::json;

class KioskCheckinTest : public ::testing::Test {
  protected:
    void SetUp() override {
        const std::vector<unsigned char> key(32, 7);
        store::DeviceKeyFile(dir.file("a.db.key")).write_national_number_key(key);
        db.exec("INSERT INTO site (id, name, province) VALUES ('s1', 'Site', 'O')");
        db.exec(
            "INSERT INTO staff_account (id, site_id, name) VALUES ('st1', 's1', 'Els Peeters')");
        db.prepare(
              "INSERT INTO client (id, site_id, first_name, last_name, national_number_hash, "
              "language)"
              " VALUES ('c1', 's1', 'Amina', 'Benali', ?, 'ar')")
            .bind_blob(1, domain::national_number_hash("85073003328", key))
            .run();
        db.exec(
            "INSERT INTO client (id, site_id, first_name, last_name) VALUES ('c2', 's1', 'Other', "
            "'Person')");
        // 09:30 in Brussels on 23 November 2026 (UTC+1).
        db.exec(
            "INSERT INTO appointment (id, site_id, client_id, staff_id, kind, starts_at, "
            "duration_min, location,"
            " checkin_code, version) VALUES ('a1', 's1', 'c1', 'st1', 'first', "
            "'2026-11-23T08:30:00Z', 30,"
            " 'Wachtzaal 2', 'K7Q2M9', 4),"
            " ('a2', 's1', 'c2', 'st1', 'regular', '2026-11-23T08:45:00Z', 30, 'Room 1', 'ZZZ999', "
            "1),"
            " ('a3', 's1', 'c2', 'st1', 'regular', '2026-11-23T08:45:00Z', 30, 'Room 1', "
            "'ANTWERP7Z', 1)");
    }
    http::HttpResponse post(const std::string& body, const std::string& source = "127.0.0.1") {
        http::HttpRequest r;
        r.method = "POST";
        r.target = "/api/v1/kiosk/checkin";
        r.body = body;
        r.source = source;
        return kiosk.handle(r);
    }
    void at(const char* local_time) {
        now = domain::parse_instant(std::string("2026-11-23T") + local_time + "+01:00").value();
    }
    std::string error_code(const http::HttpResponse& r) {
        return json::parse(r.body)["error"]["code"];
    }

    test_support::TempDir dir;
    store::Database db = store::open_agent_store(dir.file("a.db"));
    domain::Instant now = domain::parse_instant("2026-11-23T09:20:00+01:00").value();
    int commits = 0;
    http::KioskCheckin kiosk{db,
                             {{std::chrono::minutes(60), std::chrono::minutes(30)},
                              3,
                              std::chrono::seconds(30),
                              dir.file("a.db.key")},
                             [this] { return now; },
                             [this] { ++commits; }};
};

TEST_F(KioskCheckinTest, CodeCheckInShowsOnlyFirstNameTimeStaffAndPlace) {
    const auto r = post(R"({"code": "k7q 2m9"})");
    ASSERT_EQ(r.status, 200) << r.body;
    const json body = json::parse(r.body);
    EXPECT_EQ(body["status"], "checked_in");
    EXPECT_EQ(body["first_name"], "Amina");
    EXPECT_EQ(body["time"], "09:30");
    EXPECT_EQ(body["staff_name"], "Els Peeters");
    EXPECT_EQ(body["location"], "Wachtzaal 2");
    EXPECT_EQ(r.body.find("Benali"), std::string::npos) << "the last name was shown";
    EXPECT_EQ(r.body.find("Other"), std::string::npos);
    EXPECT_EQ(commits, 1);
}

TEST_F(KioskCheckinTest, TheFactAndItsOutboxEntryAreCommittedTogetherWithTheBaseVersion) {
    ASSERT_EQ(post(R"({"code": "K7Q2M9"})").status, 200);
    EXPECT_EQ(db.query_int64("SELECT count(*) FROM attendance_event WHERE appointment_id = 'a1'"),
              1);
    EXPECT_EQ(db.query_int64(
                  "SELECT count(*) FROM outbox o JOIN attendance_event e ON e.id = o.mutation_id"
                  " WHERE o.state = 'pending' AND o.base_version = 4"),
              1);
}

TEST_F(KioskCheckinTest, ASecondCheckInIsHarmless) {
    ASSERT_EQ(post(R"({"code": "K7Q2M9"})").status, 200);
    const auto again = post(R"({"code": "K7Q2M9"})");
    EXPECT_EQ(again.status, 200);
    EXPECT_EQ(json::parse(again.body)["status"], "already_checked_in");
    EXPECT_EQ(db.query_int64("SELECT count(*) FROM outbox"), 1);
    EXPECT_EQ(commits, 1);
}

TEST_F(KioskCheckinTest, TheWindowIsEnforcedAtItsBounds) {
    at("08:29:59");
    EXPECT_EQ(error_code(post(R"({"code": "K7Q2M9"})")), "checkin.too_early");
    at("08:30:00");
    EXPECT_EQ(post(R"({"code": "K7Q2M9"})").status, 200);
}

TEST_F(KioskCheckinTest, TooEarlySaysWhenToComeBackInBrusselsTime) {
    at("07:10:00");
    const json early = json::parse(post(R"({"code": "K7Q2M9"})").body);
    EXPECT_EQ(early["error"]["code"], "checkin.too_early");
    EXPECT_EQ(early["come_back_at"],
              "08:30");  // the 09:30 appointment's window opens an hour before
    at("10:00:01");
    EXPECT_FALSE(json::parse(post(R"({"code": "K7Q2M9"})").body).contains("come_back_at"));
}

TEST_F(KioskCheckinTest, TooLateAndOtherDaysAreRefused) {
    at("10:00:01");
    EXPECT_EQ(error_code(post(R"({"code": "K7Q2M9"})")), "checkin.too_late");
    now = domain::parse_instant("2026-11-24T09:20:00+01:00").value();
    EXPECT_EQ(error_code(post(R"({"code": "K7Q2M9"})")), "checkin.not_today");
    EXPECT_EQ(db.query_int64("SELECT count(*) FROM attendance_event"), 0);
}

TEST_F(KioskCheckinTest, NationalNumberFindsTheAppointmentAndIsNeverStored) {
    const auto r = post(R"({"national_number": "85.07.30-033.28"})");
    ASSERT_EQ(r.status, 200) << r.body;
    EXPECT_EQ(json::parse(r.body)["first_name"], "Amina");
    for (const char* query :
         {"SELECT count(*) FROM outbox WHERE payload LIKE '%850730%'",
          "SELECT count(*) FROM audit_log WHERE detail LIKE '%850730%'",
          "SELECT count(*) FROM attendance_event WHERE detail LIKE '%850730%'"}) {
        EXPECT_EQ(db.query_int64(query), 0) << query;
    }
    EXPECT_EQ(db.query_int64("SELECT count(*) FROM outbox"), 1);
}

TEST_F(KioskCheckinTest, BadInputGetsClearErrors) {
    EXPECT_EQ(error_code(post(R"({"national_number": "85073003329"})")),
              "national_number.bad_check_digits");
    EXPECT_EQ(error_code(post("{not json")), "bad_request");
    EXPECT_EQ(error_code(post(R"({"code": 12})")), "bad_request");
    EXPECT_EQ(error_code(post(R"({"code": ")" + std::string(500, 'A') + R"("})")), "bad_request");
    EXPECT_EQ(error_code(post(R"({"code": "NOPE00"})")), "unknown_code");
    EXPECT_EQ(error_code(post(R"({"code": "K7Q2M9", "screen": 7})")), "bad_request");
}

TEST_F(KioskCheckinTest, RepeatedFailuresPauseTheScreenWithACountdownThenItRecovers) {
    for (int i = 0; i < 3; ++i) EXPECT_EQ(post(R"({"code": "GUESS1"})").status, 404);
    now += std::chrono::seconds(10);
    const auto paused = post(R"({"code": "K7Q2M9"})");
    EXPECT_EQ(paused.status, 429);
    EXPECT_EQ(error_code(paused), "kiosk_paused");
    EXPECT_EQ(json::parse(paused.body)["retry_after_s"], 20);
    EXPECT_NE(std::find(paused.headers.begin(), paused.headers.end(),
                        std::pair<std::string, std::string>("Retry-After", "20")),
              paused.headers.end());
    now += std::chrono::seconds(20);
    EXPECT_EQ(post(R"({"code": "K7Q2M9"})").status, 200);
}

// Any success, even "already checked in", reset the count: one known code between guesses let
// 67,000 wrong codes be tried in 20 s.
TEST_F(KioskCheckinTest, ASuccessNeverResetsTheCount) {
    for (int i = 0; i < 3; ++i) {
        EXPECT_EQ(post(R"({"code": "K7Q2M9", "screen": "s1"})").status, 200);
        EXPECT_EQ(post(R"({"code": "GUESS)" + std::to_string(i) + R"(", "screen": "s1"})").status,
                  404);
    }
    EXPECT_EQ(post(R"({"code": "K7Q2M9", "screen": "s1"})").status, 429);
}

// Five wrong codes paused every kiosk. Now only the screen that made them waits.
TEST_F(KioskCheckinTest, APausedScreenLeavesTheOtherScreensWorking) {
    for (int i = 0; i < 3; ++i) post(R"({"code": "GUESS1", "screen": "left"})");
    EXPECT_EQ(post(R"({"code": "K7Q2M9", "screen": "left"})").status, 429);
    EXPECT_EQ(post(R"({"code": "K7Q2M9", "screen": "right"})").status, 200);
    EXPECT_EQ(
        error_code(post(R"({"code": "ZZZ999", "screen": ")" + std::string(65, 's') + R"("})")),
        "bad_request");
}

// A code of the new length whose check character does not match is answered before any lookup
// (even were it in the store) and is no guess: the screen is not paused by typos.
TEST_F(KioskCheckinTest, ATypoIsCaughtBeforeAnyLookupAndIsNoGuess) {
    for (const char* typo : {"ANTWERP7Y", "ANTWREP7Z", "ANTW-ERP 7Y", "ANTWERPTZ"}) {
        const auto r = post(R"({"code": ")" + std::string(typo) + R"(", "screen": "s"})");
        EXPECT_EQ(r.status, 400) << typo;
        EXPECT_EQ(error_code(r), "code_typo") << typo;
    }
    EXPECT_EQ(post(R"({"code": "antw erp 7z", "screen": "s"})").status, 200);
    EXPECT_EQ(post(R"({"code": "K7Q2M9", "screen": "s"})").status, 200) << "typos paused it";
}

// The agent's set-up: commits run on a CheckinWriter thread and their answers come back through
// the I/O thread's queue (here a queue this test drains). A check-in that arrives while a commit
// is in flight waits for the next commit, and nobody is answered before their fact is stored.
TEST_F(KioskCheckinTest, CheckInsArrivingDuringACommitGoInTheNextOneAndAreAnsweredAfterIt) {
    std::mutex mutex;
    std::deque<std::function<void()>> io_queue;
    auto post_to_io = [&](std::function<void()> task) {
        std::lock_guard lock(mutex);
        io_queue.push_back(std::move(task));
    };
    auto run_io_until = [&](const std::function<bool()>& done) {
        const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(10);
        while (!done() && std::chrono::steady_clock::now() < deadline) {
            std::function<void()> task;
            {
                std::lock_guard lock(mutex);
                if (!io_queue.empty()) {
                    task = std::move(io_queue.front());
                    io_queue.pop_front();
                }
            }
            if (task)
                task();
            else
                std::this_thread::sleep_for(std::chrono::milliseconds(1));
        }
        return done();
    };
    http::CheckinWriter writer(store::open_agent_store_connection(dir.file("a.db")));
    int wakes = 0;
    std::vector<std::string> order;  // on this (the "I/O") thread only
    http::KioskCheckin threaded{db,
                                {{std::chrono::minutes(60), std::chrono::minutes(30)},
                                 3,
                                 std::chrono::seconds(30),
                                 dir.file("a.db.key")},
                                [this] { return now; },
                                [&wakes] { ++wakes; },
                                post_to_io,
                                [&](std::vector<store::AppointmentView> appointments,
                                    std::string at, std::function<void(http::CommitOutcome)> done) {
                                    order.push_back("commit " + appointments.front().id);
                                    writer.submit(
                                        std::move(appointments), std::move(at),
                                        [&, done](http::CommitOutcome outcome) {
                                            post_to_io([done, outcome] { done(outcome); });
                                        });
                                }};
    auto request = [](const std::string& code) {
        http::HttpRequest r;
        r.method = "POST";
        r.body = R"({"code": ")" + code + R"("})";
        return r;
    };
    std::optional<http::HttpResponse> first, second;
    threaded.handle(request("K7Q2M9"), [&](http::HttpResponse r) {
        order.push_back("answer K7Q2M9");
        first = std::move(r);
    });
    {
        std::lock_guard lock(mutex);
        ASSERT_EQ(io_queue.size(), 1u);  // the posted flush; nothing committed yet
    }
    std::function<void()> flush;
    {
        std::lock_guard lock(mutex);
        flush = std::move(io_queue.front());
        io_queue.pop_front();
    }
    flush();  // hands the first check-in to the writer thread
    threaded.handle(request("ZZZ999"), [&](http::HttpResponse r) {
        order.push_back("answer ZZZ999");
        second = std::move(r);
    });
    EXPECT_FALSE(first);
    EXPECT_FALSE(second);
    ASSERT_TRUE(run_io_until([&] { return first && second; }));
    EXPECT_EQ(first->status, 200) << first->body;
    EXPECT_EQ(second->status, 200) << second->body;
    EXPECT_EQ(json::parse(second->body)["first_name"], "Other");
    EXPECT_EQ(wakes, 2) << "two commits: the second check-in waited for the next one";
    EXPECT_EQ(db.query_int64("SELECT count(*) FROM attendance_event WHERE kind = 'checked_in'"), 2);
    EXPECT_EQ(db.query_int64("SELECT count(*) FROM outbox"), 2);
    // The second commit is handed to the writer before the first batch's answers are written, so
    // its fsync overlaps with that socket work.
    EXPECT_EQ(order, (std::vector<std::string>{"commit a1", "commit a2", "answer K7Q2M9",
                                               "answer ZZZ999"}));
}

TEST_F(KioskCheckinTest, ACommitReportingTooFewResultsAnswersAnErrorInsteadOfStoppingTheAgent) {
    http::KioskCheckin broken{
        db,
        {{std::chrono::minutes(60), std::chrono::minutes(30)},
         3,
         std::chrono::seconds(30),
         dir.file("a.db.key")},
        [this] { return now; },
        {},
        {},
        [](std::vector<store::AppointmentView>, std::string,
           std::function<void(http::CommitOutcome)> done) { done(http::CommitOutcome{}); }};
    http::HttpRequest r;
    r.method = "POST";
    r.body = R"({"code": "K7Q2M9"})";
    EXPECT_EQ(broken.handle(r).status, 500);
}

TEST_F(KioskCheckinTest, WarmingUpBeforeTheFirstClientRecordsNothing) {
    kiosk.warm_up();
    EXPECT_EQ(db.query_int64("SELECT count(*) FROM attendance_event"), 0);
    EXPECT_EQ(db.query_int64("SELECT count(*) FROM outbox"), 0);
    EXPECT_EQ(db.query_int64("SELECT count(*) FROM audit_log"), 0);
    EXPECT_EQ(post(R"({"code": "K7Q2M9"})").status, 200);
}
