// Confidential visit notes (issue 14 item 3): sealed at rest with the coach's NoteKey, sealed in
// transit for one recipient's public key, and a key file that is created private, kept, and
// refused (never repaired) when others can read it or it is not a notes key file.
#include "local_store/note_seal.hpp"

#include <gtest/gtest.h>
#include <sys/stat.h>
#include <unistd.h>

#include <filesystem>
#include <thread>
#include <vector>

#include "tests/support/temp_dir.hpp"

using namespace onthaal;
using store::NoteKey;
using store::NoteKeyError;
namespace fs = std::filesystem;

namespace {

constexpr const char* kNote = "Werkplek bezocht: klant voelt zich niet veilig bij ploegbaas. é ✓";

unsigned mode_of(const std::string& path) {
    struct stat st {};
    EXPECT_EQ(::stat(path.c_str(), &st), 0) << path;
    return st.st_mode & 0777;
}

// The text with one character of its encoded part replaced by another valid one.
std::string with_one_character_changed(std::string text, std::size_t at) {
    text[at] = text[at] == 'A' ? 'B' : 'A';
    return text;
}

// The message of the NoteKeyError opening `path` throws (fails the test when none is thrown).
std::string refusal(const std::string& path, NoteKey::Owner owner = NoteKey::Owner::coach) {
    try {
        NoteKey::open_or_create(path, owner);
    } catch (const NoteKeyError& e) {
        return e.what();
    }
    ADD_FAILURE() << path << " was accepted";
    return "";
}

}  // namespace

TEST(NoteSeal, ANoteSealedAtRestOpensWithItsKeyAndRecordAndEachSealIsFresh) {
    test_support::TempDir dir;
    const NoteKey key = NoteKey::open_or_create(dir.file("coach.notes.key"));
    const std::string sealed = key.seal_at_rest(kNote, "visit-1");
    EXPECT_TRUE(sealed.starts_with("s1:")) << sealed;
    EXPECT_EQ(sealed.find("Werkplek"), std::string::npos);
    EXPECT_EQ(sealed.find_first_of(" '\"\\\n"), std::string::npos) << "not plain text for SQL/JSON";
    EXPECT_EQ(key.open_at_rest(sealed, "visit-1"), std::string(kNote));
    EXPECT_NE(key.seal_at_rest(kNote, "visit-1"), sealed) << "a nonce was reused";
    EXPECT_EQ(key.open_at_rest(key.seal_at_rest("", "visit-1"), "visit-1"), std::string());
    const std::string large(200000, 'x');
    EXPECT_EQ(key.open_at_rest(key.seal_at_rest(large, "visit-1"), "visit-1"), large);
}

TEST(NoteSeal, ATamperedOrTruncatedNoteIsRefusedNeverHalfRead) {
    test_support::TempDir dir;
    const NoteKey key = NoteKey::open_or_create(dir.file("coach.notes.key"));
    const std::string sealed = key.seal_at_rest(kNote, "visit-1");
    for (std::size_t at = 3; at < sealed.size(); ++at)
        ASSERT_EQ(key.open_at_rest(with_one_character_changed(sealed, at), "visit-1"), std::nullopt)
            << "changed at " << at;
    EXPECT_EQ(key.open_at_rest(sealed.substr(0, sealed.size() - 2), "visit-1"), std::nullopt);
    EXPECT_EQ(key.open_at_rest("s1:", "visit-1"), std::nullopt);
    EXPECT_EQ(key.open_at_rest("s1:not base64!", "visit-1"), std::nullopt);
    EXPECT_EQ(key.open_at_rest("s2:" + sealed.substr(3), "visit-1"), std::nullopt);
    EXPECT_EQ(key.open_at_rest(kNote, "visit-1"), std::nullopt) << "a plain note is no sealed one";
}

TEST(NoteSeal, AnotherKeyCannotOpenANote) {
    test_support::TempDir dir;
    const NoteKey mine = NoteKey::open_or_create(dir.file("mine.notes.key"));
    const NoteKey other = NoteKey::open_or_create(dir.file("other.notes.key"));
    EXPECT_EQ(other.open_at_rest(mine.seal_at_rest(kNote, "visit-1"), "visit-1"), std::nullopt);
    EXPECT_NE(mine.public_key(), other.public_key());
    EXPECT_EQ(
        other.open_sealed_for_me(store::seal_for(mine.public_key(), kNote, "visit-1"), "visit-1"),
        std::nullopt);
}

TEST(NoteSeal, ANoteMovedOntoAnotherRecordDoesNotOpenThere) {
    test_support::TempDir dir;
    const NoteKey key = NoteKey::open_or_create(dir.file("coach.notes.key"));
    EXPECT_EQ(key.open_at_rest(key.seal_at_rest(kNote, "visit-1"), "visit-2"), std::nullopt);
    EXPECT_EQ(key.open_at_rest(key.seal_at_rest(kNote, "visit-1"), ""), std::nullopt);
    const std::string boxed = store::seal_for(key.public_key(), kNote, "visit-1");
    EXPECT_EQ(key.open_sealed_for_me(boxed, "visit-1"), std::string(kNote));
    EXPECT_EQ(key.open_sealed_for_me(boxed, "visit-2"), std::nullopt);
    EXPECT_EQ(key.open_sealed_for_me(boxed, "visit-"), std::nullopt);
    EXPECT_EQ(key.open_sealed_for_me(boxed, "visit-10"), std::nullopt);
}

TEST(NoteSeal, ANoteSealedForThisDeviceOpensOnlyHereAndOnlyWhole) {
    test_support::TempDir dir;
    const NoteKey key = NoteKey::open_or_create(dir.file("coach.notes.key"));
    const std::string boxed = store::seal_for(key.public_key(), kNote, "visit-1");
    EXPECT_TRUE(boxed.starts_with("b1:")) << boxed;
    EXPECT_EQ(boxed.find("Werkplek"), std::string::npos);
    EXPECT_NE(store::seal_for(key.public_key(), kNote, "visit-1"), boxed);
    for (std::size_t at = 3; at < boxed.size(); ++at)
        ASSERT_EQ(key.open_sealed_for_me(with_one_character_changed(boxed, at), "visit-1"),
                  std::nullopt)
            << "changed at " << at;
    // An at-rest text is no sealed box and the other way round.
    EXPECT_EQ(key.open_sealed_for_me(key.seal_at_rest(kNote, "visit-1"), "visit-1"), std::nullopt);
    EXPECT_EQ(key.open_at_rest(boxed, "visit-1"), std::nullopt);
    EXPECT_EQ(key.open_sealed_for_me("b1:", "visit-1"), std::nullopt);
}

TEST(NoteSeal, APublicKeyReadsOnlyAs64Hex) {
    test_support::TempDir dir;
    const NoteKey key = NoteKey::open_or_create(dir.file("coach.notes.key"));
    const std::string hex = key.public_key().hex();
    EXPECT_EQ(hex.size(), 64u);
    EXPECT_EQ(store::PublicKey::from_hex(hex), key.public_key());
    EXPECT_EQ(store::PublicKey::from_hex(hex.substr(2)), std::nullopt);
    EXPECT_EQ(store::PublicKey::from_hex(hex + "00"), std::nullopt);
    EXPECT_EQ(store::PublicKey::from_hex(std::string(63, 'a') + "g"), std::nullopt);
}

TEST(NoteKeyFile, AMissingFileIsCreatedPrivateAndTheSameKeyOpensItsNotesLater) {
    test_support::TempDir dir;
    const std::string path = dir.file("agent.db.notes.key");
    std::string sealed, public_hex;
    {
        const NoteKey key = NoteKey::open_or_create(path);
        sealed = key.seal_at_rest(kNote, "visit-1");
        public_hex = key.public_key().hex();
    }
    EXPECT_EQ(mode_of(path), 0600u);
    const std::string text = test_support::read_file(path);
    EXPECT_TRUE(text.starts_with(std::string(store::kCoachNotesKeyLabel) + " ")) << text;
    EXPECT_EQ(text.size(), store::kCoachNotesKeyLabel.size() + 1 + 64 + 1);
    const NoteKey again = NoteKey::open_or_create(path);
    EXPECT_EQ(again.open_at_rest(sealed, "visit-1"), std::string(kNote));
    EXPECT_EQ(again.public_key().hex(), public_hex) << "the key pair derives from the file";
    EXPECT_EQ(test_support::read_file(path), text) << "an existing key was rewritten";
    std::size_t files = 0;
    for ([[maybe_unused]] const auto& entry : fs::directory_iterator(dir.path())) ++files;
    EXPECT_EQ(files, 1u) << "a temporary file was left behind";
}

// Two processes (an agent and `onthaal-agent sync`, or a restart racing a stop) may both find the
// file missing: one creates it, the other must use that key, never replace it.
TEST(NoteKeyFile, ManyCreatingAtOnceAllGetTheOneKeyThatWasKept) {
    for (int round = 0; round < 20; ++round) {
        test_support::TempDir dir;
        const std::string path = dir.file("agent.db.notes.key");
        std::vector<std::string> sealed(4);
        std::vector<std::thread> threads;
        for (std::size_t i = 0; i < sealed.size(); ++i)
            threads.emplace_back([&, i] {
                sealed[i] = NoteKey::open_or_create(path).seal_at_rest(kNote, "visit-1");
            });
        for (auto& t : threads) t.join();
        const NoteKey kept = NoteKey::open_or_create(path);
        for (const std::string& s : sealed)
            ASSERT_EQ(kept.open_at_rest(s, "visit-1"), std::string(kNote)) << "round " << round;
    }
}

TEST(NoteKeyFile, AFileGroupOrOthersCanReadIsRefusedNamingItAndItsMode) {
    test_support::TempDir dir;
    const std::string path = dir.file("agent.db.notes.key");
    NoteKey::open_or_create(path);
    const std::string text = test_support::read_file(path);
    fs::permissions(path, fs::perms::group_read | fs::perms::others_read, fs::perm_options::add);
    const std::string message = refusal(path);
    EXPECT_NE(message.find(path + " has mode 0644"), std::string::npos) << message;
    EXPECT_NE(message.find("chmod 600"), std::string::npos) << message;
    EXPECT_EQ(test_support::read_file(path), text) << "the key was replaced";
    EXPECT_EQ(mode_of(path), 0644u) << "refused, not repaired";
    fs::permissions(path, fs::perms::group_write, fs::perm_options::replace);
    fs::permissions(path, fs::perms::owner_read | fs::perms::owner_write, fs::perm_options::add);
    EXPECT_NE(refusal(path).find("0620"), std::string::npos);
}

TEST(NoteKeyFile, AMalformedFileIsRefusedNamingItWithoutQuotingIt) {
    test_support::TempDir dir;
    const std::string path = dir.file("agent.db.notes.key");
    const std::string label(store::kCoachNotesKeyLabel);
    const std::string key_like(64, 'c');
    for (const std::string& text :
         {std::string(), std::string("{}\n"), key_like + "\n", label + "\n", label + " " + key_like,
          label + " " + key_like.substr(2) + "\n", label + " " + key_like + "00\n",
          label + " " + std::string(63, 'c') + "g\n", label + "  " + key_like + "\n",
          label + " " + key_like + "\n\n", label + " " + key_like + "\n" + std::string(200, 'c'),
          "onthaal-coach-notes-key-v2 " + key_like + "\n", std::string(26, 'c') + " " + key_like}) {
        test_support::write_file(path, text);
        ::chmod(path.c_str(), 0600);
        if (text == label + " " + key_like) {
            EXPECT_NO_THROW(NoteKey::open_or_create(path)) << "no newline at the end is fine";
            continue;
        }
        const std::string message = refusal(path);
        EXPECT_NE(message.find(path), std::string::npos) << message;
        EXPECT_NE(message.find("not a notes key file"), std::string::npos) << message;
        EXPECT_EQ(message.find("cccccccc"), std::string::npos) << "quoted the file: " << message;
        EXPECT_EQ(test_support::read_file(path), text) << "a malformed key file was replaced";
    }
}

TEST(NoteKeyFile, CentralsKeyIsNeverTakenForACoachsNorTheOtherWayRound) {
    test_support::TempDir dir;
    const std::string central = dir.file("central.db.notes.key");
    NoteKey::open_or_create(central, NoteKey::Owner::central);
    EXPECT_TRUE(test_support::read_file(central).starts_with(store::kCentralNotesKeyLabel));
    const std::string message = refusal(central, NoteKey::Owner::coach);
    EXPECT_NE(message.find(central), std::string::npos) << message;
    EXPECT_NE(message.find("onthaal-central-notes-key-v1"), std::string::npos) << message;
    const std::string coach = dir.file("agent.db.notes.key");
    NoteKey::open_or_create(coach);
    EXPECT_NE(refusal(coach, NoteKey::Owner::central).find(coach), std::string::npos);
}

TEST(NoteKeyFile, AFileThatCannotBeReadOrCreatedIsRefusedNamingIt) {
    test_support::TempDir dir;
    const std::string folder = dir.file("agent.db.notes.key");
    fs::create_directory(folder);
    EXPECT_NE(refusal(folder).find(folder + ": is not a regular file"), std::string::npos);
    const std::string fifo = dir.file("fifo.notes.key");
    ASSERT_EQ(::mkfifo(fifo.c_str(), 0600), 0);
    EXPECT_NE(refusal(fifo).find(fifo + ": is not a regular file"), std::string::npos);
    const std::string nowhere = dir.file("missing-folder/agent.db.notes.key");
    EXPECT_NE(refusal(nowhere).find(nowhere), std::string::npos);
    if (::geteuid() != 0) {  // root reads whatever the mode says
        const std::string locked = dir.file("locked.notes.key");
        NoteKey::open_or_create(locked);
        fs::permissions(locked, fs::perms::none, fs::perm_options::replace);
        EXPECT_NE(refusal(locked).find(locked + ": cannot be read"), std::string::npos);
    }
}
