// Files at rest (issue 12, items 5 and 6): the key lives in its own 0600 file, a store and its
// WAL/SHM are 0600, and a secret someone made readable stops the agent with a message that
// names the file and its mode.
#include <gtest/gtest.h>
#include <sys/stat.h>

#include <atomic>
#include <filesystem>
#include <thread>

#include "local_store/device_key_file.hpp"
#include "local_store/private_files.hpp"
#include "local_store/store_open.hpp"
#include "tests/support/temp_dir.hpp"

using namespace onthaal;
namespace fs = std::filesystem;

namespace {

unsigned mode_of(const std::string& path) {
    struct stat st {};
    EXPECT_EQ(::stat(path.c_str(), &st), 0) << path;
    return st.st_mode & 0777;
}

}  // namespace

TEST(DeviceKeyFile, TheKeyIsWrittenPrivatelyAndReadBackByAnotherInstance) {
    test_support::TempDir dir;
    const std::string path = dir.file("agent.db.key");
    EXPECT_FALSE(store::DeviceKeyFile(path).national_number_key().has_value())
        << "no file yet: the device has not said hello";
    const std::vector<unsigned char> key(32, 0xab);
    store::DeviceKeyFile(path).write_national_number_key(key);
    EXPECT_EQ(mode_of(path), 0600u);
    EXPECT_EQ(store::DeviceKeyFile(path).national_number_key(), key);
    std::size_t files = 0;
    for ([[maybe_unused]] const auto& entry : fs::directory_iterator(dir.path())) ++files;
    EXPECT_EQ(files, 1u) << "a temporary file was left behind";
}

// The push and pull threads each say hello and write the key: the file is always whole.
TEST(DeviceKeyFile, TwoWritersAtOnceLeaveOneWholeFile) {
    test_support::TempDir dir;
    const std::string path = dir.file("agent.db.key");
    // Two keys in turn, so that every write really writes (a key never changes in use).
    const std::vector<unsigned char> one(32, 0x5c), other(32, 0xc5);
    std::atomic<bool> torn{false};
    auto writer = [&](int first) {
        for (int i = first; i < first + 300; ++i) {
            try {
                store::DeviceKeyFile(path).write_national_number_key(i % 2 ? one : other);
                const auto read = store::DeviceKeyFile(path).national_number_key();
                if (!read || (*read != one && *read != other)) torn = true;
            } catch (const store::KeyFileError&) {
                torn = true;
            }
        }
    };
    std::thread a(writer, 0), b(writer, 1);
    a.join();
    b.join();
    EXPECT_FALSE(torn) << "a reader saw a half-written or missing key";
}

TEST(DeviceKeyFile, ADamagedFileIsAnErrorNamingItNeverAWrongKey) {
    test_support::TempDir dir;
    const std::string path = dir.file("agent.db.key");
    test_support::write_file(path, R"({"national_number_hash_key": "abcd"})");
    try {
        store::DeviceKeyFile(path).national_number_key();
        FAIL() << "a short key was accepted";
    } catch (const store::KeyFileError& e) {
        EXPECT_NE(std::string(e.what()).find(path), std::string::npos) << e.what();
    }
    // The next hello repairs it.
    const std::vector<unsigned char> key(32, 0x11);
    store::DeviceKeyFile(path).write_national_number_key(key);
    EXPECT_EQ(store::DeviceKeyFile(path).national_number_key(), key);
}

// Issue 14: central's notes public key travels in the hello and is kept next to the hash key, so
// a coach's laptop can seal a note for central while offline.
TEST(DeviceKeyFile, CentralsNotesKeyIsKeptNextToTheHashKeyAndAnOlderHelloKeepsIt) {
    test_support::TempDir dir;
    const std::string path = dir.file("agent.db.key");
    const std::vector<unsigned char> key(32, 0x42);
    store::PublicKey notes;
    notes.bytes.fill(0x7e);
    store::DeviceKeyFile(path).write_hello_keys(key, notes);
    EXPECT_EQ(mode_of(path), 0600u);
    EXPECT_EQ(store::DeviceKeyFile(path).national_number_key(), key);
    EXPECT_EQ(store::DeviceKeyFile(path).central_notes_public_key(), notes);
    // A hello without the notes key (a central from before issue 14) keeps the one kept.
    store::DeviceKeyFile(path).write_national_number_key(key);
    EXPECT_EQ(store::DeviceKeyFile(path).central_notes_public_key(), notes);
    const std::vector<unsigned char> other_key(32, 0x43);
    store::DeviceKeyFile(path).write_hello_keys(other_key, std::nullopt);
    EXPECT_EQ(store::DeviceKeyFile(path).national_number_key(), other_key);
    EXPECT_EQ(store::DeviceKeyFile(path).central_notes_public_key(), notes);
}

TEST(DeviceKeyFile, AFileFromBeforeIssue14ReadsAndGainsTheNotesKeyAtTheNextHello) {
    test_support::TempDir dir;
    const std::string path = dir.file("agent.db.key");
    test_support::write_file(path,
                             R"({"national_number_hash_key": ")" + std::string(64, 'a') + "\"}\n");
    store::DeviceKeyFile reader(path);  // like the kiosk's: one instance for the agent's life
    EXPECT_EQ(reader.national_number_key(), std::vector<unsigned char>(32, 0xaa));
    EXPECT_EQ(reader.central_notes_public_key(), std::nullopt);
    store::PublicKey notes;
    notes.bytes.fill(0x01);
    store::DeviceKeyFile(path).write_hello_keys(std::vector<unsigned char>(32, 0xaa), notes);
    EXPECT_EQ(reader.central_notes_public_key(), notes) << "the sync worker's write went unseen";
}

TEST(DeviceKeyFile, ADamagedNotesKeyIsAnErrorNamingTheFile) {
    test_support::TempDir dir;
    const std::string path = dir.file("agent.db.key");
    test_support::write_file(path, R"({"national_number_hash_key": ")" + std::string(64, 'a') +
                                       R"(", "central_notes_public_key": "abcd"})");
    try {
        store::DeviceKeyFile(path).central_notes_public_key();
        FAIL() << "a short notes key was accepted";
    } catch (const store::KeyFileError& e) {
        EXPECT_NE(std::string(e.what()).find(path), std::string::npos) << e.what();
        EXPECT_NE(std::string(e.what()).find("central_notes_public_key"), std::string::npos);
    }
    store::PublicKey notes;
    notes.bytes.fill(0x02);
    store::DeviceKeyFile(path).write_hello_keys(std::vector<unsigned char>(32, 0xaa), notes);
    EXPECT_EQ(store::DeviceKeyFile(path).central_notes_public_key(), notes);
}

TEST(PrivateFiles, ATokenFileOthersCanReadIsRefusedWithItsNameAndMode) {
    test_support::TempDir dir;
    const std::string token = dir.file("device.token");
    test_support::write_file(token, "secret");
    EXPECT_NO_THROW(store::require_private_file(token, "device_token_file"));
    fs::permissions(token, fs::perms::group_read | fs::perms::others_read, fs::perm_options::add);
    try {
        store::require_private_file(token, "device_token_file");
        FAIL() << "a 0644 token file was accepted";
    } catch (const store::PrivateFileError& e) {
        const std::string message = e.what();
        EXPECT_NE(message.find("device_token_file"), std::string::npos) << message;
        EXPECT_NE(message.find(token), std::string::npos) << message;
        EXPECT_NE(message.find("0644"), std::string::npos) << message;
    }
    EXPECT_NO_THROW(store::require_private_file(dir.file("absent"), "key_file"));
}

TEST(PrivateFiles, TheStoreItsWalAndShmAreCreatedPrivateAndAnOpenOldStoreIsTightened) {
    test_support::TempDir dir;
    const std::string path = dir.file("agent.db");
    store::restrict_new_files();
    {
        store::Database db = store::open_agent_store(path);
        db.exec("INSERT INTO site (id, name, province) VALUES ('s1', 'Site', 'O')");
        for (const std::string& file : {path, path + "-wal", path + "-shm"})
            EXPECT_EQ(mode_of(file), 0600u) << file;
    }
    fs::permissions(path, fs::perms::group_read | fs::perms::others_read, fs::perm_options::add);
    store::make_store_files_private(path);
    EXPECT_EQ(mode_of(path), 0600u);
}
