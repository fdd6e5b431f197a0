// `onthaal-central export`: a site's appointments and every attendance event as received, as one
// JSON document, for audit. Thread: the caller's. Failure: AdminError for an unknown site.
#pragma once

#include <string>

#include "local_store/sqlite_database.hpp"

namespace onthaal::central {

std::string export_site(store::Database& db, const std::string& site_id);

}  // namespace onthaal::central
