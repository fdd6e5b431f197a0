// `onthaal-central export`: a site's appointments, every attendance event as received, conflicts,
// signals, and each client's first-appointment state and services (each with its state derived
// today, Brussels, and every fact with its device and receipt), as one JSON document, for audit.
// Thread: the caller's. Failure: AdminError for an unknown site.
#pragma once

#include <string>

#include "local_store/sqlite_database.hpp"

namespace onthaal::central {

std::string export_site(store::Database& db, const std::string& site_id);

}  // namespace onthaal::central
