// Sealing confidential notes (issue 14 item 3; the confidential part of a client's file): at rest
// in the store, and in transit to central or back to one coach's device. docs/security.md,
// "Confidential notes", says what each key opens.
//
// All of it is libsodium (Debian's libsodium23, already linked for argon2id and random ids):
//   * at rest: XChaCha20-Poly1305 (crypto_aead_xchacha20poly1305_ietf) under a key derived from
//     the coach's NoteKey, a random 24-byte nonce per note, the caller's `aad` (the record's id)
//     authenticated with it. Text: "s1:" + base64url(nonce || ciphertext || tag).
//   * in transit: an anonymous sealed box (crypto_box_seal: X25519 + XSalsa20-Poly1305) for the
//     recipient's public key; only the holder of its secret key opens it, the sender included
//     cannot. A sealed box takes no associated data, so `aad` is sealed inside (its length, then
//     itself, then the note) and compared on opening. Text: "b1:" + base64url(sealed box).
// With `aad` = the record's id, a sealed note moved onto another record does not open there.
// Every open answers nullopt, never a partial or wrong text, for anything it cannot open: a
// tampered or truncated text, another key, another `aad`, not a sealed text at all. These are one
// case for the caller (the note cannot be read here) and AEAD cannot tell them apart anyway.
//
// Ownership: NoteKey and BoxKeyPair own their secret keys in SecretBytes (never copied; move
// only); PublicKey is a plain value. Thread: every member is const and stateless: one NoteKey
// may be used from every thread at once. Failure: NoteKey::open_or_create throws NoteKeyError
// naming the file (secret_key_file.hpp); the seal functions throw only std::bad_alloc or
// std::runtime_error when libsodium cannot start. No text here is ever logged.
#pragma once

#include <array>
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

#include "local_store/secret_key_file.hpp"

namespace onthaal::store {

inline constexpr std::size_t kPublicKeyBytes = 32;

// An X25519 public key (crypto_box): whom a note is sealed for. Not secret.
struct PublicKey {
    std::array<unsigned char, kPublicKeyBytes> bytes{};

    // nullopt unless exactly 64 hex characters.
    static std::optional<PublicKey> from_hex(std::string_view hex);
    std::string hex() const;  // lower case
    bool operator==(const PublicKey&) const = default;
};

// Seals `plain` for the holder of `recipient`'s secret key ("b1:" text; see above).
std::string seal_for(const PublicKey& recipient, std::string_view plain, std::string_view aad);

// An X25519 key pair; its secret half never leaves SecretBytes.
class BoxKeyPair {
  public:
    // crypto_box_seed_keypair: the same 32-byte seed always gives the same pair.
    static BoxKeyPair from_seed(const SecretBytes& seed);
    const PublicKey& public_key() const { return public_; }
    // The note of a "b1:" text sealed for this pair's public key with this `aad`.
    std::optional<std::string> open(std::string_view sealed, std::string_view aad) const;

  private:
    BoxKeyPair(PublicKey public_key, SecretBytes secret)
        : public_(public_key), secret_(std::move(secret)) {}
    PublicKey public_;
    SecretBytes secret_;
};

// The keys a notes key file stands for. From the file's 32 random bytes (crypto_kdf, context
// "onthnote") come two: subkey 1 seals at rest, subkey 2 seeds the X25519 pair. The file's own
// bytes are wiped as soon as both are derived.
class NoteKey {
  public:
    enum class Owner { coach, central };  // whose file it is: its label must say so
    // The key in `path`, created (0600) with a fresh random key when the file does not exist.
    static NoteKey open_or_create(const std::string& path, Owner owner = Owner::coach);

    std::string seal_at_rest(std::string_view plain, std::string_view aad) const;
    std::optional<std::string> open_at_rest(std::string_view sealed, std::string_view aad) const;

    // This key's X25519 public key: what central seals a note for this device with.
    const PublicKey& public_key() const { return box_.public_key(); }
    // A "b1:" text sealed for public_key() (by central, with seal_for).
    std::optional<std::string> open_sealed_for_me(std::string_view sealed,
                                                  std::string_view aad) const {
        return box_.open(sealed, aad);
    }

  private:
    NoteKey(SecretBytes at_rest, BoxKeyPair box)
        : at_rest_(std::move(at_rest)), box_(std::move(box)) {}
    SecretBytes at_rest_;
    BoxKeyPair box_;
};

}  // namespace onthaal::store
