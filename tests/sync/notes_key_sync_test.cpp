// Issue 14 item 3 with real processes: central makes its notes key at its first start and hands
// the public half to every device in the hello; a coach's laptop keeps it in its key file (so it
// can seal notes for central offline) and makes its own notes key at start; a kiosk makes none.
#include <gtest/gtest.h>
#include <sys/stat.h>

#include <filesystem>
#include <nlohmann/json.hpp>

#include "local_store/device_key_file.hpp"
#include "local_store/note_seal.hpp"
#include "tests/support/loopback_http.hpp"
#include "tests/support/sync_fixture.hpp"

using namespace onthaal;
using namespace onthaal::test_support;
using namespace std::chrono_literals;
using nlohmann::json;

namespace {

unsigned mode_of(const std::string& path) {
    struct stat st {};
    return ::stat(path.c_str(), &st) == 0 ? (st.st_mode & 0777) : 0;
}

json hello(const CentralProcess& central, const std::string& token_file) {
    const auto answer =
        send_raw(central.port(),
                 "GET /api/v1/sync/hello HTTP/1.1\r\nHost: x\r\nAuthorization: "
                 "Bearer " +
                     read_file(token_file).substr(0, 43) + "\r\nConnection: close\r\n\r\n");
    EXPECT_EQ(answer.status, 200) << answer.body;
    return json::parse(answer.body, nullptr, false);
}

std::optional<store::PublicKey> kept_notes_key(const AgentProcess& agent) {
    try {
        return store::DeviceKeyFile(agent.store_path() + ".key").central_notes_public_key();
    } catch (const store::KeyFileError&) {
        return std::nullopt;  // not written yet
    }
}

}  // namespace

TEST(NotesKeySync, TheHelloCarriesCentralsNotesKeyAndACoachsLaptopKeepsIt) {
    TempDir dir;
    CentralProcess central(dir);
    central.add_site("s1");
    central.import_json("s1", {{"staff", json::array({{{"id", "st1"}, {"name", "Els"}}})}});
    const std::string coach_token = dir.file("laptop.token");
    write_file(coach_token,
               central.admin({"device", "add", "--db", central.db(), "--site", "s1", "--name",
                              "laptop", "--role", "coach", "--staff", "st1"}));
    const std::string kiosk_token = central.add_device("s1", "kiosk1");
    central.start();

    const std::string central_key_file = central.db() + ".notes.key";
    EXPECT_EQ(mode_of(central_key_file), 0600u) << "central made no private key at its start";
    const auto central_key =
        store::NoteKey::open_or_create(central_key_file, store::NoteKey::Owner::central);
    EXPECT_EQ(hello(central, coach_token)["notes_public_key"], central_key.public_key().hex());

    AgentProcess laptop(dir, {"s1", coach_token, central.url(), "laptop", R"(, "role": "coach")"});
    AgentProcess kiosk(dir, {"s1", kiosk_token, central.url(), "kiosk1", ""});
    laptop.start();
    kiosk.start();
    ASSERT_TRUE(eventually([&] { return kept_notes_key(laptop) == central_key.public_key(); }, 20s))
        << laptop.stderr_text();
    EXPECT_EQ(mode_of(laptop.store_path() + ".key"), 0600u);
    EXPECT_EQ(mode_of(laptop.store_path() + ".notes.key"), 0600u) << "the coach made no notes key";
    ASSERT_TRUE(eventually([&] { return kept_notes_key(kiosk).has_value(); }, 20s));
    EXPECT_FALSE(std::filesystem::exists(kiosk.store_path() + ".notes.key"))
        << "a kiosk keeps no notes, so it needs no notes key";
    laptop.stop();
    kiosk.stop();

    // Offline, with only what the laptop kept: a note sealed for central opens at central.
    central.stop();
    const auto kept = kept_notes_key(laptop);
    ASSERT_TRUE(kept.has_value());
    const std::string sealed = store::seal_for(*kept, "Bezoek: afspraken op de vloer", "visit-1");
    EXPECT_EQ(central_key.open_sealed_for_me(sealed, "visit-1"),
              std::string("Bezoek: afspraken op de vloer"));
    // Central keeps its key over a restart, so what devices kept stays right.
    central.start();
    EXPECT_EQ(hello(central, kiosk_token)["notes_public_key"], kept->hex());
}
