// Central's notes key (issue 14 item 3): central opens what a coach's device sealed for it and
// nothing else, seals a note back for one device only, keeps its key in a private file made when
// missing, and will not serve with a key file others can read.
#include "central/notes_key.hpp"

#include <gtest/gtest.h>
#include <sys/stat.h>

#include <filesystem>

#include "tests/support/child_process.hpp"
#include "tests/support/temp_dir.hpp"

using namespace onthaal;
using namespace onthaal::test_support;
using namespace std::chrono_literals;
namespace fs = std::filesystem;

namespace {

constexpr const char* kNote = "Bezoek bij werkgever: afspraken over begeleiding op de vloer.";

unsigned mode_of(const std::string& path) {
    struct stat st {};
    EXPECT_EQ(::stat(path.c_str(), &st), 0) << path;
    return st.st_mode & 0777;
}

}  // namespace

TEST(CentralNotesKey, OpensWhatACoachSealedForItAndNothingElse) {
    TempDir dir;
    const auto central = central::CentralNotesKey::open_or_create(dir.file("central.db.notes.key"));
    const auto other_central =
        central::CentralNotesKey::open_or_create(dir.file("other.notes.key"));
    const auto coach = store::NoteKey::open_or_create(dir.file("laptop.db.notes.key"));

    const std::string sealed = store::seal_for(central.public_key(), kNote, "visit-1");
    EXPECT_EQ(central.open_transport(sealed, "visit-1"), std::string(kNote));
    EXPECT_EQ(central.open_transport(sealed, "visit-2"), std::nullopt) << "moved to another visit";
    EXPECT_EQ(other_central.open_transport(sealed, "visit-1"), std::nullopt);
    EXPECT_EQ(coach.open_sealed_for_me(sealed, "visit-1"), std::nullopt) << "the sender opened it";
    // What the coach sealed for itself, at rest or in a box, is not central's to open.
    EXPECT_EQ(central.open_transport(coach.seal_at_rest(kNote, "visit-1"), "visit-1"),
              std::nullopt);
    EXPECT_EQ(
        central.open_transport(store::seal_for(coach.public_key(), kNote, "visit-1"), "visit-1"),
        std::nullopt);
    std::string tampered = sealed;
    tampered[sealed.size() / 2] = tampered[sealed.size() / 2] == 'A' ? 'B' : 'A';
    EXPECT_EQ(central.open_transport(tampered, "visit-1"), std::nullopt);
    EXPECT_EQ(central.open_transport(kNote, "visit-1"), std::nullopt);
}

TEST(CentralNotesKey, ANoteSealedBackForOneDeviceOpensOnlyThere) {
    TempDir dir;
    const auto central = central::CentralNotesKey::open_or_create(dir.file("central.db.notes.key"));
    const auto laptop = store::NoteKey::open_or_create(dir.file("laptop.db.notes.key"));
    const auto colleague = store::NoteKey::open_or_create(dir.file("colleague.db.notes.key"));
    const std::string sealed = central.seal_for(laptop.public_key(), kNote, "visit-1");
    EXPECT_EQ(laptop.open_sealed_for_me(sealed, "visit-1"), std::string(kNote));
    EXPECT_EQ(colleague.open_sealed_for_me(sealed, "visit-1"), std::nullopt);
    EXPECT_EQ(central.open_transport(sealed, "visit-1"), std::nullopt);
    EXPECT_EQ(central.open_at_rest(central.seal_at_rest(kNote, "visit-1"), "visit-1"),
              std::string(kNote));
}

TEST(CentralNotesKey, TheKeyFileIsMadePrivateKeptAndRefusedWhenLoose) {
    TempDir dir;
    const std::string path = central::default_notes_key_path(dir.file("central.db"));
    EXPECT_EQ(path, dir.file("central.db.notes.key"));
    const std::string public_hex =
        central::CentralNotesKey::open_or_create(path).public_key().hex();
    EXPECT_EQ(mode_of(path), 0600u);
    EXPECT_EQ(central::CentralNotesKey::open_or_create(path).public_key().hex(), public_hex);
    fs::permissions(path, fs::perms::others_read, fs::perm_options::add);
    try {
        central::CentralNotesKey::open_or_create(path);
        FAIL() << "a key file others can read was accepted";
    } catch (const store::NoteKeyError& e) {
        EXPECT_NE(std::string(e.what()).find(path + " has mode 0604"), std::string::npos)
            << e.what();
    }
}

TEST(CentralNotesKey, ServeRefusesALooseOrForeignKeyFileAndTakesTheOneNamed) {
    TempDir dir;
    const std::string db = dir.file("central.db");
    const std::string key = dir.file("elsewhere.notes.key");
    store::NoteKey::open_or_create(key);  // a coach's key, not central's
    const auto foreign = run_command({ONTHAAL_CENTRAL_BINARY, "serve", "--db", db, "--listen",
                                      "127.0.0.1:0", "--notes-key", key},
                                     {}, 20s);
    EXPECT_EQ(foreign.exit_code, 2);
    EXPECT_NE(foreign.err.find(key), std::string::npos) << foreign.err;
    EXPECT_FALSE(fs::exists(db)) << "the key is checked before the database is opened";

    fs::remove(key);
    central::CentralNotesKey::open_or_create(key);
    fs::permissions(key, fs::perms::group_read, fs::perm_options::add);
    const auto loose = run_command({ONTHAAL_CENTRAL_BINARY, "serve", "--db", db, "--listen",
                                    "127.0.0.1:0", "--notes-key", key},
                                   {}, 20s);
    EXPECT_EQ(loose.exit_code, 2);
    EXPECT_NE(loose.err.find(key + " has mode 0640"), std::string::npos) << loose.err;
    EXPECT_FALSE(fs::exists(dir.file("central.db.notes.key"))) << "the default was made instead";
}
