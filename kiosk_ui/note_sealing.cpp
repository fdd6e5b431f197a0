#include "kiosk_ui/note_sealing.hpp"

namespace onthaal::http {

std::string KeyFileNoteSealing::for_store(std::string_view plain,
                                          const std::string& visit_id) const {
    return key_.seal_at_rest(plain, visit_id);
}

std::optional<std::string> KeyFileNoteSealing::from_store(std::string_view sealed,
                                                          const std::string& visit_id) const {
    return key_.open_at_rest(sealed, visit_id);
}

std::optional<std::string> KeyFileNoteSealing::for_central(std::string_view plain,
                                                           const std::string& visit_id) const {
    try {
        const auto central = keys_.central_notes_public_key();
        if (!central) return std::nullopt;
        return store::seal_for(*central, plain, visit_id);
    } catch (const store::KeyFileError&) {
        return std::nullopt;  // unreadable: as if unknown; the next hello writes it again
    }
}

}  // namespace onthaal::http
