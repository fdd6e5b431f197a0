// The coach API's NoteSealing (field_desk.hpp) on the coach's own keys: notes sealed at rest
// under the laptop's NoteKey, and for central under central's public key from the device key
// file (written at each hello), bound to the visit's id both times (local_store/note_seal.hpp).
//
// Ownership: borrows the NoteKey (it must outlive this); owns its DeviceKeyFile reader. Thread:
// any (NoteKey is stateless, DeviceKeyFile guards its cache). Failure: for_central answers
// nullopt while central's key is unknown or its key file unreadable; nothing is ever logged.
#pragma once

#include "kiosk_ui/field_desk.hpp"
#include "local_store/device_key_file.hpp"
#include "local_store/note_seal.hpp"

namespace onthaal::http {

class KeyFileNoteSealing final : public NoteSealing {
  public:
    KeyFileNoteSealing(const store::NoteKey& key, std::string device_key_file)
        : key_(key), keys_(std::move(device_key_file)) {}

    std::string for_store(std::string_view plain, const std::string& visit_id) const override;
    std::optional<std::string> from_store(std::string_view sealed,
                                          const std::string& visit_id) const override;
    std::optional<std::string> for_central(std::string_view plain,
                                           const std::string& visit_id) const override;

  private:
    const store::NoteKey& key_;
    mutable store::DeviceKeyFile keys_;
};

}  // namespace onthaal::http
