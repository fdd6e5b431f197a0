// The device's key file: the site's national-number hash key, kept outside the SQLite store so
// that a copy of the store alone reveals no national number (issue 12, item 5; docs/security.md),
// and central's public key for confidential notes (issue 14), so a coach's device can seal a note
// for central while offline.
//
// Central hands both over in every hello; the sync worker stores them here (write_hello_keys)
// and the kiosk reads the hash key for a check-in by national number. The file is JSON
// ({"national_number_hash_key": "<64 hex>", "central_notes_public_key": "<64 hex>"}; a file from
// before issue 14 has only the first and still reads), written whole to a temporary file of its
// own (mkstemp, 0600), fsynced and renamed over the old one (atomic_file.hpp), so a reader sees
// the old keys or the new, never half of them, also when two threads write at once. A damaged
// file is replaced by the next write (the next hello).
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

#include "local_store/note_seal.hpp"

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
    // Central's notes public key, or nullopt while no hello has brought one (no file, a file
    // from before issue 14, a central that has none). Once read it is cached like the hash key;
    // while absent every call reads the file again, so the sync worker's write is seen at once.
    std::optional<PublicKey> central_notes_public_key();

    // Writes what a hello brought, unless the file already holds exactly that. Without a notes
    // key (a central from before issue 14) the one the file holds is kept.
    void write_hello_keys(const std::vector<unsigned char>& national_number_key,
                          const std::optional<PublicKey>& central_notes_public_key);
    // write_hello_keys without a notes key.
    void write_national_number_key(const std::vector<unsigned char>& key) {
        write_hello_keys(key, std::nullopt);
    }

  private:
    struct Contents {
        std::vector<unsigned char> national_number_key;
        std::optional<PublicKey> central_notes_public_key;
        bool operator==(const Contents&) const = default;
    };
    std::optional<Contents> read_file() const;

    std::string path_;
    std::mutex mutex_;
    std::optional<Contents> cached_;
};

}  // namespace onthaal::store
