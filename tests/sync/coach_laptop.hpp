// A field coach's laptop against a real central (issue 14, items 6 and 7): a site whose caseload
// of `clients` clients, each with a regular appointment an hour ago, belongs to coach st1 (the
// desk user of desk_client.hpp), and a coach device enrolled for st1.
#pragma once

#include <cstdio>
#include <nlohmann/json.hpp>
#include <string>

#include "local_store/sqlite_database.hpp"
#include "local_store/transaction.hpp"
#include "tests/support/desk_client.hpp"
#include "tests/support/sync_fixture.hpp"

namespace onthaal::test_support {

inline nlohmann::json coach_caseload(int clients) {
    using nlohmann::json;
    json doc = {{"staff", json::array({desk_staff_record()})},
                {"clients", json::array()},
                {"appointments", json::array()}};
    const std::string when = utc_in_minutes(-60);
    for (int i = 0; i < clients; ++i) {
        const std::string n = std::to_string(i);
        doc["clients"].push_back({{"id", "c" + n},
                                  {"first_name", "First" + n},
                                  {"last_name", "Last" + n},
                                  {"language", "nl"},
                                  {"programme", "TIBB4"},
                                  {"coach_id", "st1"}});
        doc["appointments"].push_back({{"id", "a" + n},
                                       {"client_id", "c" + n},
                                       {"staff_id", "st1"},
                                       {"kind", "regular"},
                                       {"registered", false},
                                       {"starts_at", when},
                                       {"duration_min", 30},
                                       {"location", "Huisbezoek"}});
    }
    return doc;
}

// Returns the token file of a coach device for st1.
inline std::string add_coach_device(const TempDir& dir, CentralProcess& central,
                                    const std::string& name) {
    const std::string path = dir.file(name + ".token");
    write_file(path, central.admin({"device", "add", "--db", central.db(), "--site", "s1", "--name",
                                    name, "--role", "coach", "--staff", "st1"}));
    return path;
}

// What a coach device of this site is sent, counted on central's own tables: the staff record
// and, per client of its caseload, the client, its service and its appointment.
inline std::int64_t changes_for_coach(CentralProcess& central) {
    store::Database db = store::Database::open(central.db());
    return db.query_int64("SELECT count(*) FROM staff WHERE site_id = 's1'") +
           db.query_int64("SELECT count(*) FROM client WHERE coach_id = 'st1'") +
           db.query_int64(
               "SELECT count(*) FROM service s JOIN client c ON c.id = s.client_id "
               "WHERE c.coach_id = 'st1'") +
           db.query_int64(
               "SELECT count(*) FROM appointment a JOIN client c ON c.id = a.client_id "
               "WHERE c.coach_id = 'st1'");
}

// Queues `count` outcomes "present" for a0.. in a coach's outbox, as if recorded during a week
// offline. Their ids sort backwards (the last recorded first), so a push that went by id or by
// time instead of the outbox order would show.
inline void queue_outcomes(const std::string& store_path, int count) {
    store::Database db = store::Database::open(store_path);
    store::Transaction tx(db);
    const std::string at = utc_in_minutes(-30);
    const std::string payload =
        R"({"kind":"present","occurred_at":")" + at + R"(","recorded_by":"st1"})";
    for (int i = 0; i < count; ++i) {
        char id[40];
        std::snprintf(id, sizeof id, "%032x", 0x7fffffff - i);
        db.cached(
              "INSERT INTO outbox (mutation_id, entity, entity_id, base_version, payload, "
              "created_at, device_time) VALUES (?, 'attendance', ?, 1, ?, ?, ?)")
            ->bind_all(std::string(id), "a" + std::to_string(i), payload, at, at)
            .run();
    }
    tx.commit();
}

}  // namespace onthaal::test_support
