#include "central/notes_key.hpp"

namespace onthaal::central {

std::string default_notes_key_path(const std::string& db_path) {
    return db_path + ".notes.key";
}

CentralNotesKey CentralNotesKey::open_or_create(const std::string& path) {
    return CentralNotesKey(store::NoteKey::open_or_create(path, store::NoteKey::Owner::central));
}

}  // namespace onthaal::central
