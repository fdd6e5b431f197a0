// A secret key kept in a file of its own (the coach's notes key, central's notes key; issue 14,
// docs/security.md "Confidential notes"), and memory fit to hold it.
//
// The file is one line, "<label> <64 hex>\n": the label says whose key it is, so central's key
// copied onto a laptop (or the other way round) is refused rather than used. It is created when
// missing with 32 fresh random bytes (libsodium's randombytes), 0600, written whole and never
// replacing a file that appeared meanwhile (local_store/atomic_file.hpp). It is refused, never
// repaired, when group or others may read or write it, when it is not one such line, or when it
// cannot be read: replacing it would make every note sealed with it unreadable here.
//
// The key's bytes go from the file straight into SecretBytes; the text read or written is wiped
// (sodium_memzero) before its buffer is released, and no message ever quotes it.
//
// Ownership: SecretBytes owns its sodium_malloc'd region (RAII; move-only). Thread: SecretBytes
// is a value; open_or_create_secret_file may be called from any thread. Failure: NoteKeyError
// naming the file and what is wrong; std::bad_alloc when secure memory cannot be had.
#pragma once

#include <cstddef>
#include <stdexcept>
#include <string>
#include <string_view>

namespace onthaal::store {

class NoteKeyError : public std::runtime_error {
  public:
    using std::runtime_error::runtime_error;
};

// Bytes in sodium_malloc'd memory: guard pages around it and locked out of swap (when the system
// lets us lock it); wiped with sodium_memzero and freed on destruction. Never copied.
class SecretBytes {
  public:
    explicit SecretBytes(std::size_t size);
    ~SecretBytes();
    SecretBytes(SecretBytes&& other) noexcept;
    SecretBytes& operator=(SecretBytes&& other) noexcept;
    SecretBytes(const SecretBytes&) = delete;
    SecretBytes& operator=(const SecretBytes&) = delete;

    unsigned char* data() { return data_; }
    const unsigned char* data() const { return data_; }
    std::size_t size() const { return size_; }

  private:
    unsigned char* data_ = nullptr;
    std::size_t size_ = 0;
};

// Whose key a file holds (its first word).
inline constexpr std::string_view kCoachNotesKeyLabel = "onthaal-coach-notes-key-v1";
inline constexpr std::string_view kCentralNotesKeyLabel = "onthaal-central-notes-key-v1";

inline constexpr std::size_t kSecretKeyBytes = 32;

// The 32-byte secret in the file at `path` with `label`; a new one (file created) when the file
// does not exist.
SecretBytes open_or_create_secret_file(const std::string& path, std::string_view label);

}  // namespace onthaal::store
