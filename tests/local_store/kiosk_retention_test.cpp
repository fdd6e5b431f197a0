// A kiosk holds only what check-in needs (issue 12, item 4), also after an upgrade from a store
// that held whole client and staff records: the files themselves are read.
#include <gtest/gtest.h>

#include <filesystem>

#include "local_store/kiosk_store.hpp"
#include "local_store/store_open.hpp"
#include "tests/support/temp_dir.hpp"

using namespace onthaal;

namespace {

std::string files_of(const std::string& store) {
    std::string all;
    for (const std::string& path : {store, store + "-wal", store + "-shm"})
        if (std::filesystem::exists(path)) all += test_support::read_file(path);
    return all;
}

}  // namespace

TEST(KioskRetention, PastAppointmentsAndOldWholeRecordsLeaveTheFiles) {
    test_support::TempDir dir;
    const std::string path = dir.file("kiosk.db");
    store::Database db = store::open_agent_store(path);
    db.exec(
        "INSERT INTO site (id, name, province) VALUES ('s1', 'Site', 'O');"
        "INSERT INTO staff_account (id, site_id, name, username, password_hash) VALUES"
        " ('st1', 's1', 'Els', 'legacyuser', '$argon2id$legacyhash');"
        "INSERT INTO client (id, site_id, first_name, last_name, programme, coach_id) VALUES"
        " ('c1', 's1', 'Amina', 'Legacylastname', 'TIBB4', 'st1'),"
        " ('c2', 's1', 'Pastclient', 'Otherlastname', 'GLOW', NULL);"
        "INSERT INTO appointment (id, site_id, client_id, kind, starts_at, duration_min,"
        " checkin_code) VALUES ('a1', 's1', 'c1', 'regular', '2026-11-24T09:00:00Z', 30, "
        "'TODAYCODE'), ('a2', 's1', 'c2', 'regular', '2026-11-20T09:00:00Z', 30, 'PASTCODE');"
        "INSERT INTO pulled_set_aside VALUES (9, 'client', 'c3', '{\"last_name\": "
        "\"Setasidename\"}', 'x', '2026-11-24T08:00:00Z');"
        "INSERT INTO sync_conflict (mutation_id, entity, entity_id, reason, message, "
        "server_record, detected_at) VALUES ('m1', 'attendance', 'a2', 'r', 'm', "
        "'{\"checkin_code\": \"PASTCONFLICT\"}', '2026-11-20T09:05:00Z');");
    ASSERT_NE(files_of(path).find("Legacylastname"), std::string::npos);

    EXPECT_EQ(store::KioskStore(db).keep_only_checkin_data("2026-11-23T09:00:00Z"), 1);
    const std::string files = files_of(path);
    EXPECT_NE(files.find("TODAYCODE"), std::string::npos) << "today's appointment is kept";
    EXPECT_NE(files.find("Amina"), std::string::npos);
    for (const char* gone :
         {"Legacylastname", "Otherlastname", "Pastclient", "TIBB4", "GLOW", "legacyuser",
          "$argon2id", "Setasidename", "PASTCODE", "PASTCONFLICT"}) {
        EXPECT_EQ(files.find(gone), std::string::npos) << gone << " is still in the files";
    }
    EXPECT_TRUE(store::KioskStore(db).appointment_by_code("TODAYCODE").has_value());
}
