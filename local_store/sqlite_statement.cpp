#include "local_store/sqlite_statement.hpp"

#include <sqlite3.h>

#include <utility>

#include "local_store/store_error.hpp"

namespace onthaal::store {

Statement::Statement(sqlite3_stmt* handle) : handle_(handle) {}

Statement::~Statement() {
    sqlite3_finalize(handle_);
}

Statement::Statement(Statement&& other) noexcept : handle_(std::exchange(other.handle_, nullptr)) {}

Statement& Statement::operator=(Statement&& other) noexcept {
    if (this != &other) {
        sqlite3_finalize(handle_);
        handle_ = std::exchange(other.handle_, nullptr);
    }
    return *this;
}

void Statement::fail(int rc, const char* what) const {
    sqlite3* db = sqlite3_db_handle(handle_);
    throw StoreError(std::string(what) + " failed: " + sqlite3_errmsg(db) + " [" + sql() + "]", rc);
}

Statement& Statement::bind(int index, std::int64_t value) {
    if (int rc = sqlite3_bind_int64(handle_, index, value); rc != SQLITE_OK) fail(rc, "bind");
    return *this;
}

Statement& Statement::bind(int index, double value) {
    if (int rc = sqlite3_bind_double(handle_, index, value); rc != SQLITE_OK) fail(rc, "bind");
    return *this;
}

Statement& Statement::bind(int index, std::string_view text) {
    // SQLITE_TRANSIENT: SQLite copies, so callers may pass temporaries.
    int rc = sqlite3_bind_text(handle_, index, text.data(), static_cast<int>(text.size()),
                               SQLITE_TRANSIENT);
    if (rc != SQLITE_OK) fail(rc, "bind");
    return *this;
}

Statement& Statement::bind(int index, std::nullptr_t) {
    if (int rc = sqlite3_bind_null(handle_, index); rc != SQLITE_OK) fail(rc, "bind");
    return *this;
}

Statement& Statement::bind(int index, const std::optional<std::string>& text) {
    return text ? bind(index, std::string_view(*text)) : bind(index, nullptr);
}

Statement& Statement::bind(int index, const std::optional<std::int64_t>& value) {
    return value ? bind(index, *value) : bind(index, nullptr);
}

Statement& Statement::bind_blob(int index, const std::vector<unsigned char>& bytes) {
    int rc = sqlite3_bind_blob(handle_, index, bytes.data(), static_cast<int>(bytes.size()),
                               SQLITE_TRANSIENT);
    if (rc != SQLITE_OK) fail(rc, "bind");
    return *this;
}

bool Statement::step() {
    const int rc = sqlite3_step(handle_);
    if (rc == SQLITE_ROW) return true;
    if (rc == SQLITE_DONE) return false;
    fail(rc, "step");
}

void Statement::run() {
    while (step()) {
    }
}

void Statement::reset() noexcept {
    sqlite3_reset(handle_);
    sqlite3_clear_bindings(handle_);
}

std::int64_t Statement::column_int64(int column) const {
    return sqlite3_column_int64(handle_, column);
}

double Statement::column_double(int column) const {
    return sqlite3_column_double(handle_, column);
}

std::string Statement::column_text(int column) const {
    const auto* text = sqlite3_column_text(handle_, column);
    const int size = sqlite3_column_bytes(handle_, column);
    return text ? std::string(reinterpret_cast<const char*>(text), static_cast<size_t>(size))
                : std::string();
}

std::optional<std::string> Statement::column_optional_text(int column) const {
    if (column_is_null(column)) return std::nullopt;
    return column_text(column);
}

std::optional<std::int64_t> Statement::column_optional_int64(int column) const {
    if (column_is_null(column)) return std::nullopt;
    return column_int64(column);
}

std::vector<unsigned char> Statement::column_blob(int column) const {
    const auto* data = static_cast<const unsigned char*>(sqlite3_column_blob(handle_, column));
    const int size = sqlite3_column_bytes(handle_, column);
    return data ? std::vector<unsigned char>(data, data + size) : std::vector<unsigned char>();
}

bool Statement::column_is_null(int column) const {
    return sqlite3_column_type(handle_, column) == SQLITE_NULL;
}

std::string Statement::sql() const {
    const char* text = handle_ ? sqlite3_sql(handle_) : nullptr;
    return text ? text : "";
}

}  // namespace onthaal::store
