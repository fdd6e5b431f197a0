// Central's notes key (issue 14 item 3; docs/security.md, "Confidential notes"): the X25519 key
// pair coaches' devices seal confidential visit notes for, and the sealing of a note back to one
// device's public key.
//
// The key file (`serve --notes-key FILE`, default the database path followed by ".notes.key") is
// a notes key file like a coach's (local_store/secret_key_file.hpp) labelled as central's: 0600,
// created with a fresh random key when missing, refused when group or others can read it, when it
// is not such a file, or when it cannot be read; the pair derives from it (local_store/
// note_seal.hpp). Its public key goes to every device in the hello answer.
//
// Ownership: owns its secret keys (move only). Thread: every member is const and stateless, so
// the I/O thread and the push thread may share one. Failure: open_or_create throws
// store::NoteKeyError naming the file; the opens answer nullopt for anything they cannot open
// (tampered, sealed for another key, another aad, not a sealed text). Nothing here logs a note.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "local_store/note_seal.hpp"

namespace onthaal::central {

// The database path followed by ".notes.key".
std::string default_notes_key_path(const std::string& db_path);

class CentralNotesKey {
  public:
    static CentralNotesKey open_or_create(const std::string& path);

    // What devices seal for (the hello's notes_public_key).
    const store::PublicKey& public_key() const { return key_.public_key(); }
    // A "b1:" text a device sealed for public_key() with this `aad` (the record's id).
    std::optional<std::string> open_transport(std::string_view sealed, std::string_view aad) const {
        return key_.open_sealed_for_me(sealed, aad);
    }
    // Seals a note for one device (its NoteKey::public_key()); only that device can open it.
    std::string seal_for(const store::PublicKey& device, std::string_view plain,
                         std::string_view aad) const {
        return store::seal_for(device, plain, aad);
    }
    // Central's own at-rest sealing ("s1:" texts), should it keep notes sealed in its database.
    std::string seal_at_rest(std::string_view plain, std::string_view aad) const {
        return key_.seal_at_rest(plain, aad);
    }
    std::optional<std::string> open_at_rest(std::string_view sealed, std::string_view aad) const {
        return key_.open_at_rest(sealed, aad);
    }

  private:
    explicit CentralNotesKey(store::NoteKey key) : key_(std::move(key)) {}
    store::NoteKey key_;
};

}  // namespace onthaal::central
