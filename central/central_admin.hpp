// Central's administrative operations behind the command line: sites, devices and VDAB's month
// categories of a client.
//
// Thread: the caller's, with its own Database. Failure: throws AdminError with a message fit to
// print (naming the flag or record at fault); the store is left unchanged on error.
#pragma once

#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include "local_store/sqlite_database.hpp"

namespace onthaal::central {

class AdminError : public std::runtime_error {
  public:
    using std::runtime_error::runtime_error;
};

// Current UTC time as "YYYY-MM-DDTHH:MM:SSZ" (admin commands are the only clock readers here).
std::string utc_now_iso();

void add_site(store::Database& db, const std::string& id, const std::string& name,
              const std::string& province);

// Enrols a device and returns its bearer token (shown once; only its hash is stored).
// A coach device names its staff id: it then receives only that coach's caseload.
std::string add_device(store::Database& db, const std::string& site_id, const std::string& name,
                       const std::string& role,
                       const std::optional<std::string>& staff_id = std::nullopt);

// Revokes every device of the site with that name; its token gets 401 from then on.
void revoke_device(store::Database& db, const std::string& site_id, const std::string& name);

// Sets the category (active or passive) of a client of the site at the end of `month` ("YYYY-MM"),
// VDAB's data (DOMAIN.md, "monthly category"), and publishes it to the site's desks and the
// client's coach. Returns false when it was so already (nothing published).
bool set_month_category(store::Database& db, const std::string& site_id,
                        const std::string& client_id, const std::string& month,
                        const std::string& category);

// SHA-256 (libsodium generic hash, 32 bytes) of a bearer token, as stored and looked up.
std::vector<unsigned char> token_hash(const std::string& token);

}  // namespace onthaal::central
