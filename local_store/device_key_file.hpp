// The device's key file: the site's national-number hash key, kept outside the SQLite store so
// that a copy of the store alone reveals no national number (issue 12, item 5; docs/security.md).
//
// Central hands the key over in every hello; the sync worker stores it here (write_national_-
// number_key) and the kiosk reads it for a check-in by national number. The file is JSON
// ({"national_number_hash_key": "<64 hex>"}), written whole to a temporary file of its own
// (mkstemp, 0600), fsynced and renamed over the old one, so a reader sees the old key or the new,
// never half of one, also when two threads write at once. A damaged file is replaced by the next
// write (the next hello).
//
// Ownership: a value naming a path; each thread may hold its own instance. Thread: one instance
// may be used from several threads (a mutex guards its cache). Failure: KeyFileError naming the
// file when it cannot be written, cannot be read although present, or holds no valid key; a file
// that does not exist yet reads as "no key" (the device has not said hello yet).
#pragma once

#include <mutex>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

namespace onthaal::store {

class KeyFileError : public std::runtime_error {
  public:
    using std::runtime_error::runtime_error;
};

class DeviceKeyFile {
  public:
    explicit DeviceKeyFile(std::string path) : path_(std::move(path)) {}

    const std::string& path() const { return path_; }
    // The key, or nullopt while the file does not exist. Cached once read, for the life of this
    // instance: a site's key does not change (central has no rotation; a new key would be a new
    // site), so a file changed under a running agent is noticed only at its restart.
    std::optional<std::vector<unsigned char>> national_number_key();
    // Writes the key unless the file already holds it.
    void write_national_number_key(const std::vector<unsigned char>& key);

  private:
    std::optional<std::vector<unsigned char>> read_key() const;

    std::string path_;
    std::mutex mutex_;
    std::optional<std::vector<unsigned char>> cached_;
};

}  // namespace onthaal::store
