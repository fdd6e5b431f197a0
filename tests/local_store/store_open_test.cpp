#include "local_store/store_open.hpp"

#include <gtest/gtest.h>

#include <filesystem>

#include "local_store/agent_schema.hpp"
#include "local_store/store_error.hpp"
#include "tests/support/temp_dir.hpp"

using namespace onthaal::store;
using onthaal::test_support::TempDir;

namespace {

std::string open_error(const std::string& path) {
    try {
        open_agent_store(path);
    } catch (const StoreError& e) {
        return e.what();
    }
    return "";
}

}  // namespace

TEST(StoreOpen, CreatesAndMigratesANewFile) {
    TempDir dir;
    Database db = open_agent_store(dir.file("new.db"));
    EXPECT_EQ(schema_version(db), agent_schema_steps().back().version);
}

TEST(StoreOpen, AFileThatIsNotADatabaseIsRefusedByName) {
    TempDir dir;
    onthaal::test_support::write_file(dir.file("garbage.db"), std::string(8192, 'x'));
    const std::string e = open_error(dir.file("garbage.db"));
    EXPECT_NE(e.find("garbage.db"), std::string::npos) << e;
    // Never silently recreated: the bytes are still there.
    EXPECT_EQ(onthaal::test_support::read_file(dir.file("garbage.db")), std::string(8192, 'x'));
}

TEST(StoreOpen, ACorruptedDatabaseIsRefusedByName) {
    TempDir dir;
    const std::string path = dir.file("damaged.db");
    {
        Database db = open_agent_store(path);
        db.exec("CREATE TABLE filler (x TEXT)");
        for (int i = 0; i < 300; ++i) {
            db.exec("INSERT INTO filler VALUES ('" +
                    std::string(200, static_cast<char>('a' + i % 26)) + "')");
        }
        db.exec("PRAGMA wal_checkpoint(TRUNCATE)");
    }
    // Overwrite the middle of the file (b-tree pages) with noise, keeping the header intact.
    std::string bytes = onthaal::test_support::read_file(path);
    ASSERT_GT(bytes.size(), 20000u);
    for (size_t i = 8192; i < bytes.size() - 4096; i += 7) bytes[i] = static_cast<char>(i * 31);
    onthaal::test_support::write_file(path, bytes);
    std::filesystem::remove(path + "-wal");
    std::filesystem::remove(path + "-shm");

    const std::string e = open_error(path);
    EXPECT_NE(e.find("damaged.db"), std::string::npos) << e;
}

TEST(StoreOpen, AnUnreadableLocationIsRefusedByName) {
    const std::string e = open_error("/nonexistent-dir/onthaal/store.db");
    EXPECT_NE(e.find("/nonexistent-dir/onthaal/store.db"), std::string::npos) << e;
}
