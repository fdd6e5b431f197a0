// The one exception type of the local_store layer.
// Carries SQLite's result code (0 when the error is ours) and a message that names the file
// or the statement involved. Thrown by every local_store function that fails.
#pragma once

#include <stdexcept>
#include <string>

namespace onthaal::store {

class StoreError : public std::runtime_error {
  public:
    StoreError(const std::string& message, int sqlite_code = 0)
        : std::runtime_error(message), sqlite_code_(sqlite_code) {}
    int sqlite_code() const { return sqlite_code_; }

  private:
    int sqlite_code_;
};

}  // namespace onthaal::store
