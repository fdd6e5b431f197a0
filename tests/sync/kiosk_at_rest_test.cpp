// Issue 12, items 4 to 6, as someone who takes a kiosk home would try it: read every file of a
// real kiosk agent (store, WAL, SHM) after it synced with a real central, and find nothing but
// what check-in needs. Before: last names, programmes, coaches, staff argon2id hashes and the
// site's hash key next to plain-HMAC national-number hashes, in files created 0644.
#include <gtest/gtest.h>
#include <sodium.h>
#include <sys/stat.h>

#include <filesystem>
#include <nlohmann/json.hpp>

#include "local_store/sqlite_database.hpp"
#include "protocol/records.hpp"
#include "tests/support/desk_client.hpp"
#include "tests/support/loopback_http.hpp"
#include "tests/support/sync_fixture.hpp"

using namespace onthaal;
using namespace onthaal::test_support;
using namespace std::chrono_literals;
using nlohmann::json;

namespace {

constexpr const char* kNumber = "85073003328";

json appointment(const std::string& id, const std::string& client, int offset_min,
                 const std::string& code) {
    return {{"id", id},           {"client_id", client},  {"staff_id", "st1"},
            {"kind", "regular"},  {"registered", true},   {"starts_at", utc_in_minutes(offset_min)},
            {"duration_min", 30}, {"location", "Room 1"}, {"code", code}};
}

json client(const std::string& id, const std::string& first, const std::string& last,
            const std::string& programme) {
    return {{"id", id},         {"first_name", first},    {"last_name", last},
            {"language", "nl"}, {"programme", programme}, {"coach_id", "st1"}};
}

json site_file() {
    json amina = client("c1", "Amina", "Benalitest", "TIBB4");
    amina["national_number"] = kNumber;
    return {
        {"staff", json::array({desk_staff_record()})},
        {"clients",
         {amina, client("c2", "Koenpast", "Desmettest", "GLOW"),
          client("c3", "Zeynepnone", "Yilmaztest", "G-WPL")}},
        {"appointments",
         {appointment("a1", "c1", 5, "TODAY1"), appointment("a2", "c2", -3 * 24 * 60, "PAST22")}}};
}

std::string raw(const std::string& path) {
    return std::filesystem::exists(path) ? read_file(path) : std::string();
}

unsigned mode_of(const std::string& path) {
    struct stat st {};
    return ::stat(path.c_str(), &st) == 0 ? (st.st_mode & 0777) : 0;
}

std::vector<unsigned char> site_key(const std::string& central_db) {
    auto db = store::Database::open(central_db);
    auto q = db.prepare("SELECT hash_key FROM site WHERE id = 's1'");
    EXPECT_TRUE(q.step());
    return q.column_blob(0);
}

std::string plain_hmac(const std::vector<unsigned char>& key) {
    unsigned char out[crypto_auth_hmacsha256_BYTES];
    crypto_auth_hmacsha256_state state;
    crypto_auth_hmacsha256_init(&state, key.data(), key.size());
    crypto_auth_hmacsha256_update(&state, reinterpret_cast<const unsigned char*>(kNumber), 11);
    crypto_auth_hmacsha256_final(&state, out);
    return std::string(reinterpret_cast<char*>(out), sizeof out);
}

}  // namespace

TEST(KioskAtRest, TheKioskFilesHoldOnlyWhatCheckInNeedsAndNoNationalNumber) {
    TempDir dir;
    CentralProcess central(dir);
    central.add_site("s1");
    const std::string token = central.add_device("s1", "kiosk1", "kiosk");
    central.import_json("s1", site_file());
    central.start();
    AgentProcess kiosk(dir, {"s1", token, central.url(), "kiosk", ""});
    kiosk.start();
    // A check-in by national number works: the key reached the key file, the hash the store.
    RawHttpResponse checked;
    ASSERT_TRUE(eventually(
        [&] {
            checked = http_post(kiosk.port(), "/api/v1/kiosk/checkin",
                                json{{"national_number", kNumber}}.dump());
            return checked.status == 200;
        },
        20s))
        << checked.status << " " << checked.body;
    EXPECT_EQ(json::parse(checked.body)["first_name"], "Amina");

    const std::string store = kiosk.store_path();
    const std::string files = raw(store) + raw(store + "-wal") + raw(store + "-shm");
    ASSERT_GT(files.size(), 4096u);
    EXPECT_NE(files.find("TODAY1"), std::string::npos) << "the test reads the wrong files";
    for (const char* absent :
         {"Benalitest", "Desmettest", "Yilmaztest", "Koenpast", "Zeynepnone", "TIBB4", "GLOW",
          "G-WPL", "$argon2id", "\"els\"", kNumber, "PAST22"}) {
        EXPECT_EQ(files.find(absent), std::string::npos) << absent << " is in the kiosk's files";
    }
    const auto key = site_key(central.db());
    const std::string key_bytes(key.begin(), key.end());
    EXPECT_EQ(files.find(key_bytes), std::string::npos) << "the site key is in the store";
    EXPECT_EQ(files.find(protocol::to_hex(key)), std::string::npos)
        << "the site key is in the store";
    EXPECT_EQ(files.find(plain_hmac(key)), std::string::npos)
        << "a plain HMAC of the number: with the key, found in seconds";

    // The key is in its own file, which only the service user can read; so is the store.
    const std::string key_file = store + ".key";
    EXPECT_NE(raw(key_file).find(protocol::to_hex(key)), std::string::npos);
    for (const std::string& path : {store, store + "-wal", store + "-shm", key_file})
        EXPECT_EQ(mode_of(path), 0600u) << path;
    kiosk.stop();
}
