// Files at rest (issue 12, items 5 and 6): the key lives in its own 0600 file, a store and its
// WAL/SHM are 0600, and a secret someone made readable stops the agent with a message that
// names the file and its mode.
#include <gtest/gtest.h>
#include <sys/stat.h>

#include <filesystem>

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
    EXPECT_FALSE(fs::exists(path + ".new"));
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
