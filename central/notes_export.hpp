// `onthaal-central notes export`: the one way a visit's confidential notes leave central opened,
// asked for explicitly by an admin for one client (a handover, a request from the client): every
// visit of the client's services with its notes opened under central's notes key, as JSON written
// to a new file only its owner may read (0600; an existing file is refused, never overwritten).
//
// Thread: the caller's. Failure: AdminError (unknown client, file exists or cannot be written);
// a note that does not open under this key is exported as null with "notes_unreadable": true.
// Nothing of the notes is logged or printed.
#pragma once

#include <string>

#include "central/notes_key.hpp"
#include "local_store/sqlite_database.hpp"

namespace onthaal::central {

// Returns how many visits were written.
std::size_t export_client_notes(store::Database& db, const CentralNotesKey& key,
                                const std::string& site_id, const std::string& client_id,
                                const std::string& out_path);

}  // namespace onthaal::central
