// The site import's services, month categories, past outcomes and service facts (issue 13), and
// the export that shows each service's derived state: library calls on a real central store.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "central/central_admin.hpp"
#include "central/central_schema.hpp"
#include "central/change_feed.hpp"
#include "central/site_export.hpp"
#include "central/site_import.hpp"
#include "local_store/store_open.hpp"
#include "tests/support/temp_dir.hpp"

using namespace onthaal;
using nlohmann::json;

namespace {

json client(const std::string& id, const std::string& programme, const char* coach = "st1") {
    return {{"id", id},         {"first_name", "Amina"},  {"last_name", "B"},
            {"language", "nl"}, {"programme", programme}, {"coach_id", coach}};
}

json appointment(const std::string& id, const std::string& client_id, const std::string& starts,
                 const char* outcome = nullptr, const char* kind = "first",
                 bool registered = false) {
    json a = {{"id", id},           {"client_id", client_id},   {"staff_id", "st1"},
              {"kind", kind},       {"registered", registered}, {"starts_at", starts},
              {"duration_min", 30}, {"location", "Room 1"}};
    if (outcome) a["outcome"] = outcome;
    return a;
}

json fact(const std::string& id, const std::string& service, json payload) {
    payload["recorded_by"] = "st1";
    if (!payload.contains("occurred_at"))
        payload["occurred_at"] = payload["on"].get<std::string>() + "T10:00:00Z";
    return {{"id", id}, {"service_id", service}, {"payload", payload}};
}

// A TIBB4 client of 2025: present on 6 January, the first sheet drawn up and signed on the 10th,
// mediation started on the 13th; the tender's maximum is 12 months.
json tibb4_history() {
    return {
        {"staff", {{{"id", "st1"}, {"name", "Els"}}, {{"id", "st2"}, {"name", "Jan"}}}},
        {"clients", {client("c1", "TIBB4")}},
        {"appointments", {appointment("a1", "c1", "2025-01-06T09:00:00+01:00", "present")}},
        {"services",
         {{{"id", "sv1"},
           {"client_id", "c1"},
           {"programme", "TIBB4"},
           {"referred_on", "2024-12-20"},
           {"max_duration_months", 12}}}},
        {"month_categories",
         {{{"client_id", "c1"}, {"month", "2025-01"}, {"category", "active"}},
          {{"client_id", "c1"}, {"month", "2025-02"}, {"category", "passive"}}}},
        {"service_facts",
         {fact("f-sheet", "sv1",
               {{"kind", "agreement_sheet"},
                {"on", "2025-01-10"},
                {"next_contact", "2025-01-24"},
                {"content", {{"work_points", {"Nederlands B1"}}}}}),
          fact(
              "f-signed", "sv1",
              {{"kind", "agreement_sheet_signed"}, {"on", "2025-01-10"}, {"refers_to", "f-sheet"}}),
          fact("f-start", "sv1", {{"kind", "mediation_started"}, {"on", "2025-01-13"}})}}};
}

class ServiceImportTest : public ::testing::Test {
  protected:
    void SetUp() override { central::add_site(db, "s1", "Site 1", "O"); }
    std::string import_error(const json& doc) {
        try {
            central::import_site_file(db, "s1", doc.dump());
        } catch (const central::AdminError& e) {
            return e.what();
        }
        return "";
    }
    // The changes a device of `role` receives, as {entity, id} pairs.
    std::vector<std::pair<std::string, std::string>> received(domain::DeviceRole role) {
        const central::DeviceScope device{
            "dev", "s1", role,
            role == domain::DeviceRole::coach ? std::optional<std::string>("st1") : std::nullopt};
        std::vector<std::pair<std::string, std::string>> out;
        for (const auto& c :
             json::parse(central::read_changes(db, device, 0, 1000, "").changes_json))
            out.emplace_back(c["entity"], c["id"]);
        return out;
    }
    std::int64_t count(const std::string& sql) { return db.query_int64(sql); }

    test_support::TempDir dir;
    store::Database db = store::open_and_migrate(dir.file("c.db"), central::central_schema_steps());
};

bool has(const std::vector<std::pair<std::string, std::string>>& changes, const std::string& entity,
         const std::string& id) {
    return std::find(changes.begin(), changes.end(), std::make_pair(entity, id)) != changes.end();
}

}  // namespace

TEST_F(ServiceImportTest, ServicesCategoriesOutcomesAndFactsReachDesksAndTheCoachNeverKiosks) {
    const auto summary = central::import_site_file(db, "s1", tibb4_history().dump());
    EXPECT_EQ(summary.services, 1u);
    EXPECT_EQ(summary.month_categories, 2u);
    EXPECT_EQ(summary.service_facts, 3u);
    EXPECT_EQ(count("SELECT count(*) FROM service WHERE id = 'sv1' AND max_duration_months = 12"),
              1);
    EXPECT_EQ(count("SELECT count(*) FROM service"), 1) << "no second service for c1";
    EXPECT_EQ(db.query_text("SELECT category FROM month_category WHERE id = 'c1:2025-02'"),
              "passive");
    EXPECT_EQ(db.query_text("SELECT outcome FROM appointment WHERE id = 'a1'"), "present");
    EXPECT_EQ(count("SELECT count(*) FROM attendance_event WHERE appointment_id = 'a1' AND kind = "
                    "'present' AND recorded_by = 'import' AND device_id = 'import'"),
              1);
    EXPECT_EQ(count("SELECT count(*) FROM service_fact WHERE service_id = 'sv1' AND device_id = "
                    "'import' AND recorded_by = 'st1'"),
              3);

    for (const auto role : {domain::DeviceRole::desk, domain::DeviceRole::coach}) {
        const auto changes = received(role);
        EXPECT_TRUE(has(changes, "service", "sv1"));
        EXPECT_TRUE(has(changes, "month_category", "c1:2025-02"));
        EXPECT_TRUE(has(changes, "service_fact", "f-start"));
        EXPECT_TRUE(has(changes, "attendance", "import-a1"));
    }
    for (const auto& [entity, id] : received(domain::DeviceRole::kiosk)) {
        EXPECT_NE(entity, "service") << id;
        EXPECT_NE(entity, "month_category") << id;
        EXPECT_NE(entity, "service_fact") << id;
    }
    // The same file again: nothing new for anyone.
    const auto before = central::last_sequence(db);
    EXPECT_EQ(central::import_site_file(db, "s1", tibb4_history().dump()).changed, 0u);
    EXPECT_EQ(central::last_sequence(db), before);
}

TEST_F(ServiceImportTest, AClientWithAProgrammeButNoServiceInTheFileGetsOne) {
    const json old_file = {{"staff", {{{"id", "st1"}, {"name", "Els"}}}},
                           {"clients", {client("c1", "GLOW"), client("c2", "SAB3")}},
                           // 23:30 UTC on 3 March is 00:30 on 4 March in Brussels.
                           {"appointments",
                            {appointment("a2", "c1", "2025-03-10T09:00:00Z"),
                             appointment("a1", "c1", "2025-03-03T23:30:00Z")}}};
    central::import_site_file(db, "s1", old_file.dump());
    EXPECT_EQ(db.query_text("SELECT programme || ' ' || referred_on FROM service WHERE id = "
                            "'svc-c1'"),
              "GLOW 2025-03-04");
    EXPECT_EQ(count("SELECT count(*) FROM service WHERE id = 'svc-c2' AND programme = 'SAB3'"), 1);
    EXPECT_TRUE(has(received(domain::DeviceRole::desk), "service", "svc-c1"));
    EXPECT_EQ(central::import_site_file(db, "s1", old_file.dump()).changed, 0u);
    EXPECT_EQ(count("SELECT count(*) FROM service"), 2);
}

TEST_F(ServiceImportTest, BadRecordsAreRefusedNamingRecordAndFieldAndNothingIsKept) {
    struct Case {
        const char* list;
        std::size_t index;
        const char* field;
        json value;
        const char* expected;
    };
    const Case cases[] = {
        {"services", 0, "referred_on", "20/12/2024",
         "services[0] (id 'sv1'): field 'referred_on': must be a date YYYY-MM-DD"},
        {"services", 0, "client_id", "nobody",
         "services[0] (id 'sv1'): field 'client_id': refers to unknown client 'nobody'"},
        {"services", 0, "programme", "TIBB5", "services[0] (id 'sv1'): field 'programme'"},
        {"services", 0, "max_duration_months", 0,
         "field 'max_duration_months': must be a whole number of months from 1 to 120"},
        {"month_categories", 1, "month", "2025-13",
         "month_categories[1] (client 'c1', month '2025-13'): field 'month': must be a month"},
        {"month_categories", 0, "category", "idle", "field 'category': must be \"active\" or"},
        {"service_facts", 0, "service_id", "sv9",
         "service_facts[0] (id 'f-sheet'): field 'service_id': refers to unknown service 'sv9'"},
        {"appointments", 0, "outcome", "late", "appointments[0] (id 'a1'): field 'outcome'"},
        {"appointments", 0, "starts_at", "2099-01-06T09:00:00+01:00",
         "appointments[0] (id 'a1'): field 'outcome': is for an appointment that has taken place"},
    };
    for (const Case& c : cases) {
        json doc = tibb4_history();
        doc[c.list][c.index][c.field] = c.value;
        EXPECT_NE(import_error(doc).find(c.expected), std::string::npos)
            << c.list << "." << c.field << ": " << import_error(doc);
    }
    json payload = tibb4_history();
    payload["service_facts"][0]["payload"]["kind"] = "coffee";
    EXPECT_NE(import_error(payload).find("service_facts[0] (id 'f-sheet'): field 'payload.kind'"),
              std::string::npos)
        << import_error(payload);
    json stranger = tibb4_history();
    stranger["service_facts"][2]["payload"]["recorded_by"] = "st-other";
    EXPECT_NE(import_error(stranger).find("field 'payload.recorded_by': must be a staff id"),
              std::string::npos);
    json long_id = tibb4_history();
    long_id["clients"].push_back(client(std::string(98, 'x'), "SAB3"));
    EXPECT_NE(import_error(long_id).find("clients[1] (id 'xxx"), std::string::npos)
        << import_error(long_id);
    EXPECT_NE(import_error(long_id).find("too long for its service's id"), std::string::npos);
    EXPECT_EQ(count("SELECT count(*) FROM client"), 0) << "a refused file keeps nothing";
    EXPECT_EQ(count("SELECT count(*) FROM change_log"), 0);
}

TEST_F(ServiceImportTest, FactsThatBreakARuleAreRefusedWithTheRulesReasonCode) {
    json early = tibb4_history();
    early["appointments"][0].erase("outcome");  // never present: nothing can be registered yet
    EXPECT_NE(import_error(early).find("service_facts[0] (id 'f-sheet'): field 'payload': refused "
                                       "by the rules: mediation.requires_presence"),
              std::string::npos)
        << import_error(early);
    json unsigned_start = tibb4_history();
    unsigned_start["service_facts"].erase(1);  // the sheet is never signed
    EXPECT_NE(import_error(unsigned_start).find("service_facts[1] (id 'f-start')"),
              std::string::npos)
        << import_error(unsigned_start);
    central::import_site_file(db, "s1", tibb4_history().dump());
    json rewritten = tibb4_history();
    rewritten["service_facts"][2]["payload"]["on"] = "2025-01-14";
    EXPECT_NE(import_error(rewritten).find(
                  "service_facts[2] (id 'f-start'): field 'id': is a fact kept already with other "
                  "content"),
              std::string::npos)
        << import_error(rewritten);
}

TEST_F(ServiceImportTest, ProgrammesThatCannotBeCombinedAreRefused) {
    json doc = tibb4_history();
    doc["clients"] = {client("c1", "GLOW"), client("c2", "TWE-wz")};
    doc["appointments"] = json::array();
    doc["service_facts"] = json::array();
    doc["month_categories"] = json::array();
    doc["services"] = {
        {{"id", "glow"}, {"client_id", "c1"}, {"programme", "GLOW"}, {"referred_on", "2025-01-02"}},
        {{"id", "twe"},
         {"client_id", "c2"},
         {"programme", "TWE-wz"},
         {"referred_on", "2025-01-02"}}};
    central::import_site_file(db, "s1", doc.dump());

    json art60 = doc;
    art60["services"].push_back({{"id", "art60"},
                                 {"client_id", "c1"},
                                 {"programme", "TWE-art60"},
                                 {"referred_on", "2025-06-01"}});
    EXPECT_NE(import_error(art60).find("services[2] (id 'art60'): field 'programme': "
                                       "programme.glow_twe_ocmw_exclusive"),
              std::string::npos)
        << import_error(art60);
    json gjc = doc;
    gjc["services"].push_back(
        {{"id", "gjc"}, {"client_id", "c2"}, {"programme", "G-JC"}, {"referred_on", "2025-06-01"}});
    EXPECT_NE(import_error(gjc).find("programme.gjc_incompatible"), std::string::npos)
        << import_error(gjc);
    EXPECT_NE(import_error(gjc).find("TWE-wz ('twe')"), std::string::npos) << import_error(gjc);
    // Once chosen, GLOW stays: not by changing the programme of its service either.
    json switched = doc;
    switched["services"][0]["programme"] = "TWE-art60";
    EXPECT_NE(import_error(switched).find("services[0] (id 'glow'): field 'programme': the service "
                                          "is a GLOW service"),
              std::string::npos)
        << import_error(switched);
    EXPECT_EQ(count("SELECT count(*) FROM service"), 2);
}

TEST_F(ServiceImportTest, AStoppedTweLetsJobCoachingStart) {
    // TWE-wz follows the absence flow: absent without reason, then twice at registered
    // appointments: the service stopped (002 §2.1.1, 004 §1.2.1).
    json doc = tibb4_history();
    doc["clients"] = {client("c2", "TWE-wz")};
    doc["appointments"] = {
        appointment("a1", "c2", "2025-02-03T09:00:00Z", "absent_invalid"),
        appointment("a2", "c2", "2025-02-10T09:00:00Z", "absent_invalid", "first", true)};
    doc["services"] = {
        {{"id", "twe"},
         {"client_id", "c2"},
         {"programme", "TWE-wz"},
         {"referred_on", "2025-01-02"}},
        {{"id", "gjc"}, {"client_id", "c2"}, {"programme", "G-JC"}, {"referred_on", "2025-03-01"}}};
    doc["service_facts"] = json::array();
    doc["month_categories"] = json::array();
    EXPECT_EQ(import_error(doc), "");
    EXPECT_EQ(count("SELECT count(*) FROM service WHERE client_id = 'c2'"), 2);
}

TEST_F(ServiceImportTest, AThirdAbsenceIsKeptAsInvalidAndAReimportChangesNothing) {
    json doc = tibb4_history();
    doc["appointments"] = {
        appointment("a1", "c1", "2025-02-03T09:00:00Z", "absent_valid"),
        appointment("a3", "c1", "2025-02-17T09:00:00Z", "absent_valid", "first", true),
        appointment("a2", "c1", "2025-02-10T09:00:00Z", "absent_valid", "first", true)};
    doc["service_facts"] = json::array();
    central::import_site_file(db, "s1", doc.dump());
    EXPECT_EQ(db.query_text("SELECT outcome FROM appointment WHERE id = 'a3'"), "absent_invalid")
        << "the third absence (in time, not in the file's order)";
    EXPECT_EQ(db.query_text("SELECT outcome FROM appointment WHERE id = 'a2'"), "absent_valid");
    EXPECT_EQ(count("SELECT count(*) FROM service_signal WHERE client_id = 'c1'"), 1);
    EXPECT_EQ(central::import_site_file(db, "s1", doc.dump()).changed, 0u);
    doc["appointments"][1]["outcome"] = "present";
    EXPECT_NE(import_error(doc).find("appointments[1] (id 'a3'): field 'outcome': the appointment "
                                     "was completed as 'absent_invalid' already"),
              std::string::npos)
        << import_error(doc);
}

TEST_F(ServiceImportTest, TheExportShowsEachServicesDerivedStateAndItsFactsForAudit) {
    central::import_site_file(db, "s1", tibb4_history().dump());
    const json doc = json::parse(central::export_site(db, "s1"));
    ASSERT_EQ(doc["clients"].size(), 1u);
    EXPECT_EQ(doc["clients"][0]["first_appointment"]["present"], true);
    ASSERT_EQ(doc["clients"][0]["services"].size(), 1u);
    const json& service = doc["clients"][0]["services"][0];
    EXPECT_EQ(service["id"], "sv1");
    // 12 months from 13 January 2025, then a month for advice that never came: closed without
    // advice on 14 February 2026, and mediation returns to VDAB's head of office.
    EXPECT_EQ(service["state"]["stage"], "closed");
    EXPECT_EQ(service["state"]["mediation_start"], "2025-01-13");
    EXPECT_EQ(service["state"]["closing_reason"], "max_duration");
    EXPECT_EQ(service["state"]["to_close_on"], "2026-01-13");
    EXPECT_EQ(service["state"]["closed_way"], "automatic");
    EXPECT_EQ(service["state"]["closed_on"], "2026-02-14");
    EXPECT_EQ(service["state"]["returns_to"], "head_of_office");
    EXPECT_EQ(service["state"]["first_sheet_signed"], true);
    ASSERT_EQ(service["facts"].size(), 3u);
    const json& sheet = service["facts"][0];
    EXPECT_EQ(sheet["id"], "f-sheet");
    EXPECT_EQ(sheet["kind"], "agreement_sheet");
    EXPECT_EQ(sheet["recorded_by"], "st1");
    EXPECT_EQ(sheet["occurred_at"], "2025-01-10T10:00:00Z");
    EXPECT_EQ(sheet["device_id"], "import");
    EXPECT_TRUE(sheet["received_at"].is_string());
    EXPECT_TRUE(sheet["device_time"].is_string());
    EXPECT_EQ(sheet["content"]["work_points"][0], "Nederlands B1");
    EXPECT_EQ(service["facts"][2]["kind"], "mediation_started");
}

// DOMAIN.md's precisions: GLOW has no automatic stop for absence; the import's outcomes follow
// the client's programme's rule, as a desk's pushed outcome does, and raise GLOW's signal.
TEST_F(ServiceImportTest, ImportedAbsencesFollowTheProgrammesRuleGlowAsksVdabForAnInterview) {
    json doc = tibb4_history();
    doc["clients"] = {client("c1", "GLOW")};
    doc["appointments"] = {
        appointment("a1", "c1", "2025-02-03T09:00:00Z", "absent_invalid"),
        appointment("a2", "c1", "2025-02-10T09:00:00Z", "absent_invalid", "first", true)};
    doc["services"] = {{{"id", "glow"},
                        {"client_id", "c1"},
                        {"programme", "GLOW"},
                        {"referred_on", "2025-01-02"}}};
    doc["service_facts"] = json::array();
    doc["month_categories"] = json::array();
    central::import_site_file(db, "s1", doc.dump());
    const json exported = json::parse(central::export_site(db, "s1"));
    EXPECT_EQ(exported["clients"][0]["first_appointment"]["stopped"], false);
    EXPECT_EQ(exported["clients"][0]["services"][0]["state"]["stage"], "first_appointment");
    EXPECT_EQ(count("SELECT count(*) FROM service_signal WHERE code = "
                    "'signal.request_mediation_interview'"),
              2);
    EXPECT_EQ(count("SELECT count(*) FROM service_signal WHERE code = "
                    "'signal.service_refused_absence'"),
              0);
}
