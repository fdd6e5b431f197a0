#include "local_store/sqlite_database.hpp"

#include <sqlite3.h>

#include <chrono>
#include <thread>
#include <utility>

#include "local_store/store_error.hpp"

namespace onthaal::store {
namespace {

// SQLite's own busy handler sleeps in growing steps (up to 100 ms), so a kiosk check-in that
// meets the sync thread's write lock for a moment waited far longer than the lock was held.
// This one retries every 0.2 to 2 ms until the same total timeout.
int short_sleep_busy_handler(void* timeout_ms, int attempts) {
    using namespace std::chrono;
    static thread_local steady_clock::time_point started;
    if (attempts == 0) started = steady_clock::now();
    if (steady_clock::now() - started >= milliseconds(*static_cast<int*>(timeout_ms))) return 0;
    std::this_thread::sleep_for(std::min(
        tunables::kBusyFirstSleep + attempts * tunables::kBusySleepStep, tunables::kBusyMaxSleep));
    return 1;
}

}  // namespace

Database::Database(sqlite3* handle, std::string path) : handle_(handle), path_(std::move(path)) {}

Database Database::open(const std::string& path, const ConnectionSettings& settings) {
    sqlite3* handle = nullptr;
    int flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX;
    if (settings.create_if_missing) flags |= SQLITE_OPEN_CREATE;
    const int rc = sqlite3_open_v2(path.c_str(), &handle, flags, nullptr);
    if (rc != SQLITE_OK) {
        std::string message = handle ? sqlite3_errmsg(handle) : sqlite3_errstr(rc);
        sqlite3_close(handle);
        throw StoreError("cannot open store " + path + ": " + message, rc);
    }
    sqlite3_extended_result_codes(handle, 1);
    Database db(handle, path);
    try {
        db.busy_timeout_ms_ = std::make_unique<int>(settings.busy_timeout_ms);
        sqlite3_busy_handler(handle, short_sleep_busy_handler, db.busy_timeout_ms_.get());
        // journal_mode is the first statement that reads the header, so a file that is not a
        // database fails here with SQLITE_NOTADB.
        const std::string mode = db.query_text("PRAGMA journal_mode=WAL");
        if (mode != "wal")
            throw StoreError("store " + path + ": cannot switch to WAL (got " + mode + ")");
        // temp_store=MEMORY keeps savepoint and statement journals in memory. With the default
        // they spill to a file in /var/tmp after 64 KiB and then cost a pwrite per page for the
        // rest of the connection's life (a third of central's push time). They only undo work
        // inside an open transaction, so durability does not depend on them.
        // secure_delete=ON overwrites what a row update or delete frees (a dropped key, a
        // purged appointment) instead of leaving it readable in free pages of a stolen file.
        db.exec(
            "PRAGMA synchronous=FULL; PRAGMA foreign_keys=ON; PRAGMA temp_store=MEMORY; "
            "PRAGMA secure_delete=ON;");
    } catch (const StoreError& e) {
        throw StoreError("store " + path + " is not a usable SQLite database: " + e.what(),
                         e.sqlite_code());
    }
    return db;
}

Database::~Database() {
    close();
}

Database::Database(Database&& other) noexcept
    : handle_(std::exchange(other.handle_, nullptr)),
      path_(std::move(other.path_)),
      cache_(std::move(other.cache_)),
      busy_timeout_ms_(std::move(other.busy_timeout_ms_)),
      writer_priority_(std::move(other.writer_priority_)),
      writer_role_(other.writer_role_) {}

Database& Database::operator=(Database&& other) noexcept {
    if (this != &other) {
        close();
        handle_ = std::exchange(other.handle_, nullptr);
        path_ = std::move(other.path_);
        cache_ = std::move(other.cache_);
        busy_timeout_ms_ = std::move(other.busy_timeout_ms_);
        writer_priority_ = std::move(other.writer_priority_);
        writer_role_ = other.writer_role_;
    }
    return *this;
}

void Database::set_writer_priority(std::shared_ptr<WriterPriority> priority, WriterRole role) {
    writer_priority_ = std::move(priority);
    writer_role_ = role;
}

void Database::close() noexcept {
    cache_.clear();  // finalize statements before the connection, or close fails with SQLITE_BUSY
    if (handle_) sqlite3_close(handle_);
    handle_ = nullptr;
}

void Database::exec(std::string_view sql) {
    char* error = nullptr;
    const std::string text(sql);
    const int rc = sqlite3_exec(handle_, text.c_str(), nullptr, nullptr, &error);
    if (rc != SQLITE_OK) {
        std::string message = error ? error : sqlite3_errstr(rc);
        sqlite3_free(error);
        throw StoreError(path_ + ": " + message, rc);
    }
}

Statement Database::prepare(std::string_view sql) {
    sqlite3_stmt* stmt = nullptr;
    const int rc =
        sqlite3_prepare_v2(handle_, sql.data(), static_cast<int>(sql.size()), &stmt, nullptr);
    if (rc != SQLITE_OK) {
        throw StoreError(
            path_ + ": cannot prepare: " + sqlite3_errmsg(handle_) + " [" + std::string(sql) + "]",
            rc);
    }
    return Statement(stmt);
}

CachedStatement Database::cached(const std::string& sql) {
    auto it = cache_.find(sql);
    if (it == cache_.end()) {
        it = cache_.emplace(sql, std::make_unique<Statement>(prepare(sql))).first;
    }
    return CachedStatement(*it->second);
}

std::string Database::query_text(std::string_view sql) {
    Statement stmt = prepare(sql);
    return stmt.step() ? stmt.column_text(0) : std::string();
}

std::int64_t Database::query_int64(std::string_view sql) {
    Statement stmt = prepare(sql);
    return stmt.step() ? stmt.column_int64(0) : 0;
}

std::int64_t Database::last_insert_rowid() const {
    return sqlite3_last_insert_rowid(handle_);
}

int Database::changes() const {
    return sqlite3_changes(handle_);
}

}  // namespace onthaal::store
