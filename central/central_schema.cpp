#include "central/central_schema.hpp"

namespace onthaal::central {
namespace {

// Step 1: sites and their enrolled devices. A device's bearer token is stored only as a hash;
// hash_key is the site's key for national-number hashes, handed to its devices.
constexpr const char* kStep1 = R"sql(
CREATE TABLE site (
  id TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  province TEXT NOT NULL CHECK (province IN ('A','L','O','V','W','B')),
  hash_key BLOB NOT NULL,
  created_at TEXT NOT NULL
);
CREATE TABLE device (
  id TEXT PRIMARY KEY,
  site_id TEXT NOT NULL REFERENCES site(id),
  name TEXT NOT NULL,
  role TEXT NOT NULL CHECK (role IN ('kiosk', 'desk', 'coach')),
  token_hash BLOB NOT NULL UNIQUE,
  revoked INTEGER NOT NULL DEFAULT 0 CHECK (revoked IN (0, 1)),
  created_at TEXT NOT NULL
);
CREATE INDEX device_by_site ON device(site_id);
)sql";

constexpr store::MigrationStep kSteps[] = {
    {1, "sites and enrolled devices (hashed bearer tokens)", kStep1},
};

}  // namespace

std::span<const store::MigrationStep> central_schema_steps() { return kSteps; }

}  // namespace onthaal::central
