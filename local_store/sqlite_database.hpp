// RAII owner of one SQLite connection (sqlite3*), with a statement cache.
//
// Ownership: a Database closes its connection on destruction, after finalizing its cached
// statements. Move-only. Statements it hands out must not outlive it.
// Thread safety: one Database per thread. The agent's HTTP thread and its sync thread each open
// their own connection to the same file; WAL lets readers run beside the single writer and the
// busy timeout absorbs the brief writer-writer waits.
// Failure: every function throws StoreError naming the file and SQLite's message.
#pragma once

#include "local_store/tunables.hpp"

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>

#include "local_store/sqlite_statement.hpp"
#include "local_store/writer_priority.hpp"

struct sqlite3;

namespace onthaal::store {

// A statement from the cache, reset and cleared of bindings when this guard leaves scope,
// so the next user always starts from a clean statement.
class CachedStatement {
  public:
    explicit CachedStatement(Statement& statement) : statement_(&statement) {}
    ~CachedStatement() { statement_->reset(); }
    CachedStatement(const CachedStatement&) = delete;
    CachedStatement& operator=(const CachedStatement&) = delete;
    Statement* operator->() { return statement_; }
    Statement& operator*() { return *statement_; }

  private:
    Statement* statement_;
};

struct ConnectionSettings {
    int busy_timeout_ms = tunables::kBusyTimeoutMs;
    bool create_if_missing = true;
};

class Database {
  public:
    // Opens (or creates) the file and applies the durability settings: WAL, synchronous=FULL,
    // foreign_keys=ON, a busy timeout. Does not check integrity or migrate: see store_open.hpp.
    static Database open(const std::string& path, const ConnectionSettings& settings = {});

    ~Database();
    Database(Database&& other) noexcept;
    Database& operator=(Database&& other) noexcept;
    Database(const Database&) = delete;
    Database& operator=(const Database&) = delete;

    // Runs one or more statements that return no rows we need (DDL, PRAGMA writes).
    void exec(std::string_view sql);
    // A fresh statement, owned by the caller.
    Statement prepare(std::string_view sql);
    // A statement from this connection's cache, prepared once per distinct SQL text.
    CachedStatement cached(const std::string& sql);

    // Runs a single-value query (e.g. a PRAGMA) and returns its first column as text.
    std::string query_text(std::string_view sql);
    std::int64_t query_int64(std::string_view sql);

    std::int64_t last_insert_rowid() const;
    int changes() const;
    const std::string& path() const { return path_; }

    // Joins this connection to the process's write ordering (writer_priority.hpp): its
    // transactions then go ahead of (foreground) or give way to (background) those of the other
    // connections sharing `priority`. Without it, transactions meet only SQLite's own lock.
    void set_writer_priority(std::shared_ptr<WriterPriority> priority, WriterRole role);
    WriterPriority* writer_priority() const { return writer_priority_.get(); }
    WriterRole writer_role() const { return writer_role_; }

  private:
    Database(sqlite3* handle, std::string path);
    void close() noexcept;

    sqlite3* handle_ = nullptr;
    std::string path_;
    std::unordered_map<std::string, std::unique_ptr<Statement>> cache_;
    std::unique_ptr<int> busy_timeout_ms_;  // stable address for the busy handler's argument
    std::shared_ptr<WriterPriority> writer_priority_;
    WriterRole writer_role_ = WriterRole::foreground;
};

}  // namespace onthaal::store
