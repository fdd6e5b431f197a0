// Issue 14's acceptance: one central, a kiosk, a desk and two coach laptops, real processes on
// loopback, going offline and online at scripted moments. Everyone converges; nothing is lost or
// doubled; a coach never receives another coach's caseload or another site's data; a concurrent
// edit of one sheet's work plan at the desk and in the field is a conflict on both devices; a
// coach pushing for a client outside its caseload is refused; and a visit's notes are found in
// no raw SQLite file (store, WAL, SHM) of the laptop or of central.
#include <gtest/gtest.h>

#include <sys/stat.h>

#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "domain/calendar.hpp"
#include "domain/time_text.hpp"
#include "local_store/sqlite_database.hpp"
#include "tests/support/desk_client.hpp"
#include "tests/support/loopback_http.hpp"
#include "tests/support/sync_fixture.hpp"

using namespace onthaal;
using namespace onthaal::test_support;
using namespace std::chrono_literals;
using nlohmann::json;

namespace {

constexpr const char* kNote = "Werkgever tevreden, thuissituatie zwaar: schuldbemiddeling loopt";

std::string days_from_today(int days) {
    const auto today = domain::brussels_date(
        std::chrono::floor<std::chrono::seconds>(std::chrono::system_clock::now()));
    return domain::format_date(domain::add_days(today, days));
}

json staff(const std::string& id, const std::string& name, const std::string& user) {
    return {{"id", id}, {"name", name}, {"username", user}, {"password", kDeskPassword}};
}

json fact(const std::string& id, const std::string& service, json payload, const std::string& by) {
    payload["occurred_at"] = utc_in_minutes(-60);
    payload["recorded_by"] = by;
    return {{"id", id}, {"service_id", service}, {"payload", payload}};
}

// A G-WPL client of `coach` in a GBVS, present at the first appointment two months ago.
void add_client(json& site, const std::string& c, const std::string& coach,
                const std::string& desk = "st1") {
    const std::string sv = "sv-" + c;
    site["clients"].push_back({{"id", c},
                               {"first_name", c},
                               {"last_name", "X"},
                               {"language", "nl"},
                               {"programme", "G-WPL"},
                               {"coach_id", coach}});
    site["services"].push_back({{"id", sv},
                                {"client_id", c},
                                {"programme", "G-WPL"},
                                {"referred_on", days_from_today(-65)}});
    site["appointments"].push_back({{"id", "first-" + c},
                                    {"client_id", c},
                                    {"staff_id", desk},
                                    {"kind", "first"},
                                    {"registered", false},
                                    {"starts_at", days_from_today(-61) + "T09:00:00Z"},
                                    {"duration_min", 30},
                                    {"location", "Bureau 1"},
                                    {"outcome", "present"}});
    auto& facts = site["service_facts"];
    facts.push_back(fact(sv + "-start", sv,
                         {{"kind", "mediation_started"}, {"on", days_from_today(-60)}}, desk));
    facts.push_back(fact(sv + "-953070", sv,
                         {{"kind", "training_line"},
                          {"on", days_from_today(-60)},
                          {"until", days_from_today(200)},
                          {"code", "953070"},
                          {"hours", 10}},
                         desk));
    facts.push_back(fact(sv + "-gbvs", sv,
                         {{"kind", "training_line"},
                          {"on", days_from_today(-30)},
                          {"until", days_from_today(150)},
                          {"code", "GBVS"},
                          {"hours", 800}},
                         desk));
    facts.push_back(
        fact(sv + "-sheet", sv, {{"kind", "agreement_sheet"}, {"on", days_from_today(-59)}}, desk));
}

json site_one() {
    json site = {{"staff",
                  {staff("st1", "Els Peeters", "els"), staff("st-jan", "Jan Coach", "jan"),
                   staff("st-mia", "Mia Coach", "mia")}},
                 {"clients", json::array()},
                 {"services", json::array()},
                 {"appointments", json::array()},
                 {"service_facts", json::array()}};
    add_client(site, "c-amina", "st-jan");
    add_client(site, "c-bart", "st-mia");
    site["appointments"].push_back({{"id", "today-amina"},
                                    {"client_id", "c-amina"},
                                    {"staff_id", "st1"},
                                    {"kind", "regular"},
                                    {"registered", false},
                                    {"starts_at", utc_in_minutes(10)},
                                    {"duration_min", 30},
                                    {"location", "Bureau 2"},
                                    {"code", checked_code_for("f", 0)}});
    return site;
}

json site_two() {
    json site = {{"staff", {staff("st9", "Other", "other")}},
                 {"clients", json::array()},
                 {"services", json::array()},
                 {"appointments", json::array()},
                 {"service_facts", json::array()}};
    add_client(site, "c-elsewhere", "st9", "st9");
    return site;
}

std::string raw_bytes(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    std::stringstream s;
    s << in.rdbuf();
    return s.str();
}

// Whether any of the SQLite files of `db` (the file, its WAL and SHM) holds `text`.
bool raw_files_hold(const std::string& db, const std::string& text) {
    for (const char* suffix : {"", "-wal", "-shm"})
        if (raw_bytes(db + suffix).find(text) != std::string::npos) return true;
    return false;
}

struct Device {
    std::unique_ptr<AgentProcess> agent;
    DeskClient session;

    json get(const std::string& path) const {
        const auto r = session.get(path);
        return r.status == 200 ? json::parse(r.body) : json{{"status", r.status}};
    }
    std::pair<int, json> post(const std::string& path, const json& body) const {
        const auto r = session.post(path, body.dump());
        return {r.status, json::parse(r.body, nullptr, false)};
    }
    json service(const std::string& client) const {
        const json f = get("/api/v1/coach/clients/" + client);
        return f.contains("services") && !f["services"].empty() ? f["services"][0] : json::object();
    }
    bool settled() const {
        const json s = agent->status();
        return s["pending_mutations"] == 0 && s["last_success_at"].is_string();
    }
};

class FieldSync : public ::testing::Test {
  protected:
    void SetUp() override {
        central.add_site("s1");
        central.add_site("s2");
        const std::string kiosk_token = central.add_device("s1", "kiosk1", "kiosk");
        const std::string desk_token = central.add_device("s1", "desk1", "desk");
        const std::string jan_token = central.add_device("s1", "jan-laptop", "coach", "st-jan");
        mia_token = central.add_device("s1", "mia-laptop", "coach", "st-mia");
        central.add_device("s2", "other-desk", "desk");
        central.import_json("s1", site_one());
        central.import_json("s2", site_two());
        central.start();
        port = central.port();
        kiosk.agent = agent(kiosk_token, "kiosk", "kiosk");
        desk = device(desk_token, "desk", "desk", "els");
        jan = device(jan_token, "jan", "coach", "jan");
        mia = device(mia_token, "mia", "coach", "mia");
    }
    std::unique_ptr<AgentProcess> agent(const std::string& token, const std::string& name,
                                        const std::string& role) {
        auto a = std::make_unique<AgentProcess>(
            dir, AgentOptions{"s1", token, central.url(), name, R"(, "role": ")" + role + "\""});
        a->start();
        EXPECT_TRUE(eventually([&] { return a->status()["last_success_at"].is_string(); }, 20s))
            << a->stderr_text();
        return a;
    }
    Device device(const std::string& token, const std::string& name, const std::string& role,
                  const std::string& user) {
        Device d{agent(token, name, role), {}};
        EXPECT_TRUE(eventually(
            [&] {
                d.session = sign_in(d.agent->port(), kDeskPassword, user);
                return !d.session.cookie.empty();
            },
            20s));
        return d;
    }
    void all_settled() {
        for (const Device* d : {&desk, &jan, &mia})
            ASSERT_TRUE(eventually([&] { return d->settled(); }, 30s)) << d->agent->stderr_text();
        ASSERT_TRUE(
            eventually([&] { return kiosk.agent->status()["pending_mutations"] == 0; }, 30s));
    }
    json hours(const std::string& on, double h) {
        return {{"id", "hours-" + on + "-" + std::to_string(static_cast<int>(h))},
                {"line_id", "sv-c-amina-gbvs"},
                {"on", on},
                {"hours", h}};
    }

    TempDir dir;
    CentralProcess central{dir};
    std::uint16_t port = 0;
    std::string mia_token;
    Device kiosk, desk, jan, mia;
};

}  // namespace

TEST_F(FieldSync, KioskDeskAndTwoCoachesOfflineAndOnlineConvergeWithOneConflictOnBoth) {
    ASSERT_TRUE(eventually([&] { return jan.service("c-amina").contains("lines"); }, 20s));
    EXPECT_EQ(jan.get("/api/v1/coach/clients/c-bart")["status"], 404) << "Mia's client";
    EXPECT_EQ(mia.get("/api/v1/coach/clients/c-amina")["status"], 404) << "Jan's client";
    EXPECT_EQ(jan.get("/api/v1/coach/caseload")["clients"].size(), 1u);

    central.stop();  // everyone offline
    ASSERT_EQ(
        jan.post("/api/v1/coach/services/sv-c-amina/visits", {{"id", "visit-jan-000001"},
                                                              {"kind", "evaluation"},
                                                              {"on", days_from_today(0)},
                                                              {"duration_min", 50},
                                                              {"workplace", "Atelier"},
                                                              {"employer", "Maatwerk vzw"},
                                                              {"action_id", "sv-c-amina-gbvs"},
                                                              {"development_plan_updated", true},
                                                              {"notes", kNote}})
            .first,
        201);
    for (int d = -3; d <= -1; ++d)
        ASSERT_EQ(
            jan.post("/api/v1/coach/services/sv-c-amina/hours", hours(days_from_today(d), 7.5))
                .first,
            201);
    // The same day corrected: replaces, never adds.
    ASSERT_EQ(
        jan.post("/api/v1/coach/services/sv-c-amina/hours", hours(days_from_today(-1), 6)).first,
        201);
    EXPECT_EQ(jan.service("c-amina")["progress"]["gbvs"]["hours"], 21.0);
    ASSERT_EQ(mia.post("/api/v1/coach/services/sv-c-bart/hours",
                       {{"line_id", "sv-c-bart-gbvs"}, {"on", days_from_today(-1)}, {"hours", 8}})
                  .first,
              201);
    // The desk and Jan both write Amina's first sheet's work plan, neither knowing of the other.
    ASSERT_EQ(
        desk.post("/api/v1/coach/work-plans/sv-c-amina-sheet", {{"base_version", 0},
                                                                {"work_points", {"Stiptheid"}},
                                                                {"assignments", json::array()}})
            .first,
        201);
    ASSERT_EQ(jan.post("/api/v1/coach/work-plans/sv-c-amina-sheet",
                       {{"base_version", 0},
                        {"work_points", {"Veiligheidsschoenen dragen"}},
                        {"assignments",
                         {{{"text", "Attest VCA halen"}, {"deadline", days_from_today(30)}}}}})
                  .first,
              201);
    EXPECT_EQ(kiosk.agent->check_in(checked_code_for("f", 0)), 200);

    central.start(port);
    all_settled();
    // One conflict, on both devices that wrote the plan, the same on each; the plan itself is one
    // version everywhere.
    ASSERT_TRUE(eventually(
        [&] {
            return jan.service("c-amina")["conflicts"].size() == 1 &&
                   desk.service("c-amina")["conflicts"].size() == 1;
        },
        20s));
    const json on_jan = jan.service("c-amina"), on_desk = desk.service("c-amina");
    EXPECT_EQ(on_jan["conflicts"][0]["changes"], on_desk["conflicts"][0]["changes"]);
    EXPECT_EQ(on_jan["conflicts"][0]["changes"][0]["label"], "Werkpunten");
    EXPECT_EQ(on_jan["sheets"], on_desk["sheets"]);
    EXPECT_EQ(on_jan["sheets"][0]["version"], 1);
    EXPECT_EQ(on_jan["hours"], on_desk["hours"]);
    EXPECT_EQ(on_jan["progress"], on_desk["progress"]);
    EXPECT_EQ(on_desk["visits"][0]["notes"], nullptr) << "no notes at the desk";
    EXPECT_EQ(on_jan["visits"][0]["notes"], kNote);
    EXPECT_EQ(on_jan["visits"][0]["sync"], "synced");

    // The desk reviews it; Jan's laptop learns that.
    ASSERT_EQ(
        desk.post("/api/v1/coach/conflicts/" + on_desk["conflicts"][0]["id"].get<std::string>(),
                  {{"resolution", "kept"}})
            .first,
        201);
    ASSERT_TRUE(eventually(
        [&] { return jan.service("c-amina")["conflicts"][0]["resolved"] == true; }, 20s));

    // Nothing lost, nothing doubled, and each device holds only its own.
    store::Database db = store::Database::open(central.db());
    EXPECT_EQ(db.query_int64("SELECT count(*) FROM stage_hours"), 5);
    EXPECT_EQ(db.query_int64("SELECT count(*) FROM edited_record WHERE entity = 'workplace_visit' "
                             "AND notes_sealed LIKE 'b1:%'"),
              1);
    EXPECT_EQ(
        db.query_int64("SELECT count(*) FROM edited_record_version WHERE entity = 'work_plan'"), 1);
    EXPECT_EQ(db.query_int64("SELECT count(*) FROM record_conflict"), 1);
    EXPECT_EQ(db.query_int64("SELECT count(*) FROM attendance_event WHERE appointment_id = "
                             "'today-amina'"),
              1);
    EXPECT_EQ(mia.get("/api/v1/coach/clients/c-amina")["status"], 404);
    EXPECT_EQ(mia.service("c-bart")["hours"].size(), 1u);
    EXPECT_EQ(jan.get("/api/v1/coach/clients/c-elsewhere")["status"], 404) << "another site";
    EXPECT_FALSE(raw_files_hold(mia.agent->store_path(), "c-amina"));
    EXPECT_FALSE(raw_files_hold(jan.agent->store_path(), "c-bart"));
    EXPECT_FALSE(raw_files_hold(jan.agent->store_path(), "c-elsewhere"));
    EXPECT_FALSE(raw_files_hold(kiosk.agent->store_path(), "Atelier"))
        << "no field work on a kiosk";
}

TEST_F(FieldSync, ACoachPushingForAnotherCoachsClientIsRefusedAndNotesAreInNoRawFile) {
    ASSERT_TRUE(eventually([&] { return jan.service("c-amina").contains("lines"); }, 20s));
    ASSERT_EQ(jan.post("/api/v1/coach/services/sv-c-amina/visits", {{"kind", "follow_up"},
                                                                    {"on", days_from_today(0)},
                                                                    {"duration_min", 30},
                                                                    {"notes", kNote}})
                  .first,
              201);
    all_settled();
    // Mia's laptop, with its own valid token, forges hours for Jan's client.
    const json push = {{"mutations",
                        {{{"mutation_id", "forged-000001"},
                          {"entity", "stage_hours"},
                          {"entity_id", "sv-c-amina"},
                          {"base_version", nullptr},
                          {"device_time", utc_in_minutes(0)},
                          {"payload",
                           {{"line_id", "sv-c-amina-gbvs"},
                            {"on", days_from_today(-1)},
                            {"hours", 8},
                            {"occurred_at", utc_in_minutes(0)},
                            {"recorded_by", "st-mia"}}}}}}};
    std::string token = read_file(mia_token);
    while (!token.empty() && (token.back() == '\n' || token.back() == '\r')) token.pop_back();
    const std::string body = push.dump();
    const auto r =
        send_raw(port,
                 "POST /api/v1/sync/push HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                 "Authorization: Bearer " +
                     token + "\r\nContent-Type: application/json\r\nContent-Length: " +
                     std::to_string(body.size()) + "\r\nConnection: close\r\n\r\n" + body);
    ASSERT_EQ(r.status, 200) << r.body;
    const json result = json::parse(r.body)["results"][0];
    EXPECT_EQ(result["status"], "rejected");
    EXPECT_EQ(result["reason"], "outside_caseload");
    // The note is at central and on Jan's laptop, and in no raw file of either: sealed at rest.
    const std::string words = "thuissituatie zwaar";
    EXPECT_FALSE(raw_files_hold(jan.agent->store_path(), words));
    EXPECT_FALSE(raw_files_hold(central.db(), words));
    EXPECT_FALSE(raw_files_hold(desk.agent->store_path(), words));
    EXPECT_EQ(jan.service("c-amina")["visits"][0]["notes"], kNote);
    jan.agent->stop();
    EXPECT_FALSE(raw_files_hold(jan.agent->store_path(), words)) << "after a checkpoint too";
    // Only an admin's explicit export opens them, for one client, into a file only they read.
    const std::string out = dir.file("amina-notes.json");
    central.admin({"notes", "export", "--db", central.db(), "--site", "s1", "--client", "c-amina",
                   "--out", out});
    EXPECT_EQ(json::parse(raw_bytes(out))["visits"][0]["notes"], kNote);
    struct stat st {};
    ASSERT_EQ(::stat(out.c_str(), &st), 0);
    EXPECT_EQ(st.st_mode & 0777, 0600u);
    EXPECT_THROW(central.admin({"notes", "export", "--db", central.db(), "--site", "s1", "--client",
                                "c-amina", "--out", out}),
                 std::runtime_error)
        << "never over an existing file";
}
