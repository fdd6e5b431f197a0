// What the desk's service pages cost on a site's store (issue 13): the client's file (every fact
// of its service folded by the rules, the history, names) and the "to close" list (every service
// of the site derived). A store with CLIENTS clients, each a TIBB4 service with a first
// appointment completed as present, a signed sheet, the start of mediation and LINES training
// lines; a tenth of them due to close. Usage: desk_service_pages [CLIENTS=5000] [LINES=4]
// [FILES=500]; results in docs/performance.md.
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

#include "kiosk_ui/service_desk.hpp"
#include "local_store/store_open.hpp"
#include "local_store/transaction.hpp"
#include "tests/support/temp_dir.hpp"

using namespace onthaal;
using Clock = std::chrono::steady_clock;

namespace {

std::string fact(const std::string& kind, const std::string& on, const std::string& extra = "") {
    return "{\"kind\":\"" + kind + "\",\"on\":\"" + on + "\"" + extra + ",\"occurred_at\":\"" + on +
           "T10:00:00Z\",\"recorded_by\":\"st1\"}";
}

void insert_fact(store::Database& db, const std::string& id, const std::string& service,
                 const std::string& kind, const std::string& payload) {
    db.cached(
          "INSERT INTO service_fact (id, service_id, kind, payload, occurred_at, recorded_by) "
          "VALUES (?, ?, ?, ?, '2026-01-01T10:00:00Z', 'st1')")
        ->bind_all(id, service, kind, payload)
        .run();
}

void fill(store::Database& db, int clients, int lines) {
    store::Transaction tx(db);
    db.exec(
        "INSERT INTO site (id, name, province) VALUES ('s1', 'Site', 'O');"
        "INSERT INTO staff_account (id, site_id, name) VALUES ('st1', 's1', 'Els');");
    for (int i = 0; i < clients; ++i) {
        const std::string c = "c" + std::to_string(i), s = "sv" + std::to_string(i);
        // One in ten has a 6-month maximum: due to close; the others 36 months.
        const int max_months = i % 10 == 0 ? 6 : 36;
        db.cached(
              "INSERT INTO client (id, site_id, first_name, last_name, programme) VALUES "
              "(?, 's1', ?, 'Client', 'TIBB4')")
            ->bind_all(c, "Name" + std::to_string(i))
            .run();
        db.cached(
              "INSERT INTO service (id, client_id, programme, referred_on, "
              "max_duration_months) VALUES (?, ?, 'TIBB4', '2026-01-02', ?)")
            ->bind_all(s, c, max_months)
            .run();
        db.cached(
              "INSERT INTO appointment (id, site_id, client_id, staff_id, kind, starts_at, "
              "duration_min, checkin_code, outcome) VALUES (?, 's1', ?, 'st1', 'first', "
              "'2026-01-05T09:00:00Z', 30, ?, 'present')")
            ->bind_all("a" + c, c, "K" + std::to_string(i))
            .run();
        db.cached(
              "INSERT INTO attendance_event (id, appointment_id, kind, occurred_at, "
              "recorded_by) VALUES (?, ?, 'present', '2026-01-05T09:05:00Z', 'st1')")
            ->bind_all("e" + c, "a" + c)
            .run();
        insert_fact(db, s + "f1", s, "agreement_sheet",
                    fact("agreement_sheet", "2026-01-06", ",\"next_contact\":\"2026-01-20\""));
        insert_fact(db, s + "f2", s, "agreement_sheet_signed",
                    fact("agreement_sheet_signed", "2026-01-06", ",\"refers_to\":\"" + s + "f1\""));
        insert_fact(db, s + "f3", s, "mediation_started", fact("mediation_started", "2026-01-07"));
        for (int l = 0; l < lines; ++l)
            insert_fact(db, s + "l" + std::to_string(l), s, "training_line",
                        fact("training_line", "2026-02-0" + std::to_string(1 + l % 9),
                             ",\"code\":\"953082\",\"until\":\"2026-03-01\",\"hours\":40"));
    }
    tx.commit();
}

double percentile(std::vector<double> v, double p) {
    std::sort(v.begin(), v.end());
    return v[static_cast<std::size_t>(p * static_cast<double>(v.size() - 1))];
}

}  // namespace

int main(int argc, char** argv) {
    const int clients = argc > 1 ? std::atoi(argv[1]) : 5000;
    const int lines = argc > 2 ? std::atoi(argv[2]) : 4;
    const int files = argc > 3 ? std::atoi(argv[3]) : 500;
    if (clients < 1 || lines < 0 || files < 1) {
        std::fprintf(stderr, "usage: desk_service_pages [CLIENTS] [LINES] [FILES]\n");
        return 2;
    }
    test_support::TempDir dir;
    store::Database db = store::open_agent_store(dir.file("agent.db"));
    fill(db, clients, lines);
    const auto now = domain::parse_instant("2026-07-20T10:00:00Z").value();
    std::vector<double> ms;
    for (int i = 0; i < files; ++i) {
        const auto started = Clock::now();
        const auto file = http::client_file(db, "c" + std::to_string((i * 7919) % clients), now);
        ms.push_back(std::chrono::duration<double, std::milli>(Clock::now() - started).count());
        if (!file) return 1;
    }
    const auto started = Clock::now();
    const auto due = http::services_to_close(db, now);
    const double list_ms =
        std::chrono::duration<double, std::milli>(Clock::now() - started).count();
    std::printf(
        "clients %d, lines %d: client file p50 %.2f ms, p99 %.2f ms; to-close list %.0f ms "
        "(%zu due)\n",
        clients, lines, percentile(ms, 0.5), percentile(ms, 0.99), list_ms, due["services"].size());
    return 0;
}
