// Issue 13's acceptance: whole service paths through the desk API of a real agent on loopback,
// done partly while central is away and then synced; central's exported state of each service
// must equal the agent's. Dates are set relative to today so the paths are real: a first
// appointment months ago (imported with its outcome, as VDAB's file carries it), facts the desk
// registers backdated to when they happened, categories central sets for past month ends.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "domain/calendar.hpp"
#include "domain/time_text.hpp"
#include "tests/support/desk_client.hpp"
#include "tests/support/sync_fixture.hpp"

using namespace onthaal;
using namespace onthaal::test_support;
using namespace std::chrono_literals;
using nlohmann::json;

namespace {

domain::Date today() {
    return domain::brussels_date(
        std::chrono::floor<std::chrono::seconds>(std::chrono::system_clock::now()));
}
std::string iso(domain::Date d) {
    return domain::format_date(d);
}
std::string months_ago(int m, int days = 0) {
    return iso(domain::add_days(domain::add_months(today(), -m), -days));
}

// A site with the desk user, one client in `programme` with its service, and its first
// appointment on `presence` (10:00 Brussels-ish, UTC 09:00) completed as present.
json site_with_client(const std::string& programme, const std::string& referred,
                      const std::string& presence, const json& service_extra = json::object()) {
    json service = {
        {"id", "sv1"}, {"client_id", "c1"}, {"programme", programme}, {"referred_on", referred}};
    service.update(service_extra);
    return {{"staff", json::array({desk_staff_record()})},
            {"clients",
             {{{"id", "c1"},
               {"first_name", "Amina"},
               {"last_name", "Benali"},
               {"language", "ar"},
               {"programme", programme}}}},
            {"services", {service}},
            {"appointments",
             {{{"id", "a1"},
               {"client_id", "c1"},
               {"staff_id", "st1"},
               {"kind", "first"},
               {"registered", false},
               {"starts_at", presence + "T09:00:00Z"},
               {"duration_min", 30},
               {"location", "Bureau 1"},
               {"outcome", "present"}}}}};
}

struct Path {
    TempDir dir;
    CentralProcess central{dir};
    std::unique_ptr<AgentProcess> agent;
    std::uint16_t central_port = 0;
    DeskClient desk;

    void start(const json& import) {
        central.add_site("s1");
        const std::string token = central.add_device("s1", "desk1", "desk");
        central.import_json("s1", import);
        central.start();
        central_port = central.port();
        agent = std::make_unique<AgentProcess>(
            dir, AgentOptions{"s1", token, central.url(), "agent", R"(, "role": "desk")"});
        agent->start();
        ASSERT_TRUE(eventually([&] { return service_state()["stage"].is_string(); }, 15s))
            << agent->stderr_text();
    }
    void sign_in_desk() { desk = sign_in(agent->port(), kDeskPassword); }
    json file() {
        if (desk.cookie.empty()) sign_in_desk();
        const auto r = desk.get("/api/v1/desk/clients/c1");
        return r.status == 200 ? json::parse(r.body) : json::object();
    }
    json service_state() {
        const json f = file();
        return f.contains("services") && !f["services"].empty() ? f["services"][0]["state"]
                                                                : json::object();
    }
    // POSTs a fact; returns {status, body}.
    std::pair<int, json> fact(const json& body) {
        const auto r = desk.post("/api/v1/desk/services/sv1/facts", body.dump());
        return {r.status, json::parse(r.body, nullptr, false)};
    }
    std::string record(const json& body) {
        const auto [status, answer] = fact(body);
        EXPECT_EQ(status, 201) << body.dump() << " -> " << answer.dump();
        return answer.value("id", "");
    }
    void central_away() { central.stop(); }
    void central_back() {
        central.start(central_port);
        ASSERT_TRUE(eventually(
            [&] {
                const json s = agent->status();
                return s["pending_mutations"] == 0 && s["quarantined_mutations"] == 0;
            },
            20s))
            << agent->stderr_text();
    }
    // Central's exported state of the service, which must be the agent's.
    json exported_state() {
        const json exported = central.export_site("s1");
        for (const auto& client : exported["clients"])
            for (const auto& s : client["services"])
                if (s["id"] == "sv1") return s["state"];
        return json::object();
    }
};

}  // namespace

TEST(ServicePaths, Tibb4FromPresenceToAdviceWithThreePassiveMonthsFromCentral) {
    // Mediation started 6 months and 3 days ago; presence 2 weeks before that.
    const std::string start = months_ago(6, 3), presence = months_ago(6, 17);
    Path p;
    p.start(site_with_client("TIBB4", months_ago(7), presence, {{"max_duration_months", 24}}));
    p.central_away();  // the sheet, its signature, the start and a line: all offline
    const auto [early, refusal] = p.fact({{"kind", "mediation_started"}, {"on", start}});
    EXPECT_EQ(early, 409);
    EXPECT_EQ(refusal["error"]["code"], "mediation.requires_sheet_and_next_contact");
    const std::string sheet = p.record({{"kind", "agreement_sheet"},
                                        {"on", months_ago(6, 14)},
                                        {"next_contact", months_ago(6, 3)},
                                        {"content", {{"work_points", {"Nederlands B1"}}}}});
    p.record({{"kind", "agreement_sheet_signed"}, {"on", months_ago(6, 10)}, {"refers_to", sheet}});
    p.record({{"kind", "mediation_started"}, {"on", start}});
    p.record({{"kind", "training_line"},
              {"code", "953082"},
              {"on", months_ago(6)},
              {"until", months_ago(4)},
              {"hours", 120}});
    EXPECT_EQ(p.service_state()["stage"], "mediation_started");
    EXPECT_EQ(p.file()["services"][0]["facts"][0]["sync"], "pending");
    p.central_back();
    EXPECT_EQ(p.file()["services"][0]["facts"][0]["sync"], "applied");

    // VDAB's categories: passive at the three month ends before the six months were reached.
    for (int m = 1; m <= 3; ++m) {
        const domain::Date end = domain::add_days(
            domain::Date(domain::add_months(domain::parse_date(start).value(), 6).year() /
                         domain::add_months(domain::parse_date(start).value(), 6).month() / 1),
            -1);
        const domain::Date month = domain::add_months(end, -(m - 1));
        p.central.admin({"category", "set", "--db", p.central.db(), "--site", "s1", "--client",
                         "c1", "--month", iso(month).substr(0, 7), "--category", "passive"});
    }
    ASSERT_TRUE(eventually([&] { return p.service_state()["stage"] == "to_close"; }, 15s))
        << p.service_state().dump();
    const json due = p.service_state();
    EXPECT_EQ(due["closing_reason"], "passive_category_3x");
    EXPECT_EQ(due["to_close_on"], iso(domain::add_months(domain::parse_date(start).value(), 6)));
    EXPECT_EQ(p.file()["services"][0]["advice_options"].size(), 4u) << "002 §4.3: four options";

    p.central_away();
    const auto [undelivered, why] =
        p.fact({{"kind", "final_advice"}, {"on", iso(today())}, {"advice", "need"}});
    EXPECT_EQ(undelivered, 409);
    EXPECT_EQ(why["error"]["code"], "closing.advice_not_delivered");
    p.record({{"kind", "final_advice"},
              {"on", iso(today())},
              {"advice", "need"},
              {"delivered_by", "print"}});
    const json closed = p.service_state();
    EXPECT_EQ(closed["stage"], "closed");
    EXPECT_EQ(closed["returns_to_vdab"], false) << "002 annex 3: 3x passive, manual: no";
    p.central_back();
    EXPECT_EQ(p.exported_state(), closed);
}

TEST(ServicePaths, TweWzNeedsItsSignedWeoAndRunsFromTheReferral) {
    const std::string referred = months_ago(0, 10), presence = months_ago(0, 3);
    Path p;
    p.start(site_with_client("TWE-wz", referred, presence));
    p.central_away();
    const std::string start = months_ago(0, 1);
    EXPECT_EQ(p.fact({{"kind", "mediation_started"}, {"on", start}}).second["error"]["code"],
              "mediation.weo_required");
    EXPECT_EQ(p.fact({{"kind", "weo_signed"}, {"on", presence}}).second["error"]["code"],
              "weo.not_printed");
    p.record({{"kind", "weo_printed"}, {"on", presence}});
    p.record({{"kind", "weo_signed"}, {"on", months_ago(0, 2)}});
    p.record({{"kind", "mediation_started"}, {"on", start}});
    // A WES of 5 months is a stage: the 3 months of TWE are for trainings only.
    p.record({{"kind", "training_line"},
              {"code", "953081"},
              {"on", start},
              {"until", iso(domain::add_months(domain::parse_date(start).value(), 5))},
              {"hours", 500}});
    const json state = p.service_state();
    EXPECT_EQ(state["stage"], "mediation_started");
    EXPECT_EQ(state["max_end"], iso(domain::add_months(domain::parse_date(referred).value(), 24)))
        << "24 months from the referral, not from the start";
    EXPECT_EQ(state["weo_end"], iso(domain::add_years(domain::parse_date(presence).value(), 2)))
        << "2 years from the first appointment";
    p.central_back();
    EXPECT_EQ(p.exported_state(), state);
}

// The history of months ago comes in central's file (judged on the days it was recorded); the
// closing for 2 months without contract days and the advice happen at the desk, offline.
TEST(ServicePaths, TweWzClosesAfterTwoMonthsWithoutContractDaysAndOffersTheC91) {
    const std::string referred = months_ago(6), presence = months_ago(5, 20);
    json import = site_with_client("TWE-wz", referred, presence);
    const auto fact = [&](const std::string& id, json payload) {
        payload["occurred_at"] = payload["on"].get<std::string>() + "T10:00:00Z";
        payload["recorded_by"] = "st1";
        return json{{"id", id}, {"service_id", "sv1"}, {"payload", payload}};
    };
    import["service_facts"] = {fact("h1", {{"kind", "weo_printed"},
                                           { "on",
                                             months_ago(5, 19) }}),
                               fact("h2", {{"kind", "weo_signed"},
                                           { "on",
                                             months_ago(5, 19) }}),
                               fact("h3", {{"kind", "mediation_started"},
                                           { "on",
                                             months_ago(5, 18) }}),
                               fact("h4", {{"kind", "training_line"},
                                           {"code", "953081"},
                                           {"on", months_ago(5, 15)},
                                           {"until", months_ago(2, 5)},
                                           { "hours",
                                             300 }})};
    Path p;
    p.start(import);
    p.central_away();
    const json state = p.service_state();
    EXPECT_EQ(state["stage"], "to_close") << state.dump();
    EXPECT_EQ(state["closing_reason"], "no_contract_days_2_months");
    EXPECT_EQ(p.file()["services"][0]["advice_options"].size(), 3u) << "TWE: three options";
    p.record({{"kind", "final_advice"},
              {"on", iso(today())},
              {"advice", "need"},
              {"delivered_by", "mail"}});
    const json closed = p.service_state();
    EXPECT_EQ(closed["stage"], "closed");
    EXPECT_EQ(closed["returns_to"], "head_of_office")
        << "004 annex 2: need, manual: head of office";
    ASSERT_FALSE(closed["notices"].empty());
    EXPECT_EQ(closed["notices"][0]["code"], "twe.c91_available");
    p.central_back();
    EXPECT_EQ(p.exported_state(), closed);
}

TEST(ServicePaths, GwplStageHoursStopAt800And8MonthsAndAftercareClosesTheLine) {
    Path p;
    p.start(site_with_client("G-WPL", months_ago(10), months_ago(9, 20)));
    p.central_away();
    p.record({{"kind", "mediation_started"}, {"on", months_ago(9, 15)}});
    const auto line = [&](int from, int to, double hours) {
        return json{{"kind", "training_line"},
                    {"code", "GBVS"},
                    {"on", months_ago(from)},
                    {"until", months_ago(to)},
                    {"hours", hours}};
    };
    // 000: the GBVS is registered from the GOB's own training line 953070.
    EXPECT_EQ(p.fact(line(9, 6, 400)).second["error"]["code"], "registration.gbvs_needs_953070");
    p.record({{"kind", "training_line"},
              {"code", "953070"},
              {"on", months_ago(9, 14)},
              {"until", months_ago(0)},
              {"hours", 0}});
    p.record(line(9, 6, 400));
    p.record(line(6, 4, 350));
    EXPECT_EQ(p.fact(line(4, 3, 51)).second["error"]["code"], "registration.gbvs_max_800_hours");
    EXPECT_EQ(p.fact(line(4, 0, 40)).second["error"]["code"], "registration.gbvs_max_8_months");
    p.record(line(4, 3, 50));
    p.record({{"kind", "work_found"}, {"on", months_ago(3, 2)}});
    const json state = p.service_state();
    EXPECT_EQ(state["stage_hours"], 800);
    EXPECT_EQ(state["stage"], "to_close");
    EXPECT_EQ(state["closing_reason"], "aftercare_ended");
    bool derbop_closed = false;
    for (const auto& n : state["notices"]) derbop_closed |= n["code"] == "gwpl.derbop_closed";
    EXPECT_TRUE(derbop_closed) << state.dump();
    p.central_back();
    EXPECT_EQ(p.exported_state(), state);
}

TEST(ServicePaths, TheAdviceMonthEndsWhileTheDeskIsOfflineAndBothSidesCloseAutomatically) {
    const std::string start = months_ago(8);
    Path p;
    p.start(
        site_with_client("TIBB4", months_ago(9), months_ago(8, 10), {{"max_duration_months", 6}}));
    p.central_away();
    const std::string sheet =
        p.record({{"kind", "agreement_sheet"}, {"on", months_ago(8, 9)}, {"next_contact", start}});
    p.record({{"kind", "agreement_sheet_signed"}, {"on", months_ago(8, 9)}, {"refers_to", sheet}});
    p.record({{"kind", "mediation_started"}, {"on", start}});
    const json closed = p.service_state();
    EXPECT_EQ(closed["stage"], "closed") << closed.dump();
    EXPECT_EQ(closed["closed_way"], "automatic");
    EXPECT_TRUE(closed["advice"].is_null());
    EXPECT_EQ(closed["returns_to"], "head_of_office") << "002 annex 3: max duration, automatic";
    EXPECT_EQ(p.fact({{"kind", "final_advice"},
                      {"on", iso(today())},
                      {"advice", "need"},
                      {"delivered_by", "print"}})
                  .second["error"]["code"],
              "service.closed");
    p.central_back();
    EXPECT_EQ(p.exported_state(), closed);
}
