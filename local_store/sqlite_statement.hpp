// RAII owner of one prepared statement (sqlite3_stmt*), with typed binding and reading.
//
// Ownership: a Statement finalizes its handle on destruction; it is move-only and must not outlive
// the Database that prepared it. Parameters are 1-based, columns 0-based, as in SQLite.
// Thread safety: use a Statement only on the thread that owns its Database.
// Failure: bind/step/run throw StoreError with SQLite's message and the statement's SQL.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

struct sqlite3_stmt;

namespace onthaal::store {

class Statement {
  public:
    explicit Statement(sqlite3_stmt* handle);
    ~Statement();
    Statement(Statement&& other) noexcept;
    Statement& operator=(Statement&& other) noexcept;
    Statement(const Statement&) = delete;
    Statement& operator=(const Statement&) = delete;

    Statement& bind(int index, std::int64_t value);
    Statement& bind(int index, int value) { return bind(index, static_cast<std::int64_t>(value)); }
    Statement& bind(int index, bool value) { return bind(index, static_cast<std::int64_t>(value)); }
    Statement& bind(int index, double value);
    Statement& bind(int index, std::string_view text);
    Statement& bind(int index, const char* text) { return bind(index, std::string_view(text)); }
    Statement& bind(int index, const std::string& text) {
        return bind(index, std::string_view(text));
    }
    Statement& bind(int index, std::nullptr_t);
    Statement& bind(int index, const std::optional<std::string>& text);
    Statement& bind(int index, const std::optional<std::int64_t>& value);
    Statement& bind_blob(int index, const std::vector<unsigned char>& bytes);

    // Binds every argument in order from parameter 1.
    template <class... Args>
    Statement& bind_all(const Args&... args) {
        int index = 1;
        (bind(index++, args), ...);
        return *this;
    }

    // Advances; true when a row is available, false when done.
    bool step();
    // Steps to completion, expecting no rows (INSERT/UPDATE/DELETE).
    void run();
    // Rewinds and clears all bindings so the statement can be reused.
    void reset() noexcept;

    std::int64_t column_int64(int column) const;
    double column_double(int column) const;
    std::string column_text(int column) const;
    std::optional<std::string> column_optional_text(int column) const;
    std::optional<std::int64_t> column_optional_int64(int column) const;
    std::vector<unsigned char> column_blob(int column) const;
    bool column_is_null(int column) const;
    std::string sql() const;

  private:
    [[noreturn]] void fail(int rc, const char* what) const;
    sqlite3_stmt* handle_;
};

}  // namespace onthaal::store
