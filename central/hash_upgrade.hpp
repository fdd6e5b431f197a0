// Converting national-number hashes stored before issue 12 (plain HMAC under the site key) into
// the argon2id form (domain/national_number_hash.hpp) without the numbers, which central never
// kept: the new form is computed from the old value. Each converted client is published again,
// so devices replace the hash they dropped in their own migration.
//
// Runs when central opens its database, in one transaction per client (about 10 ms each), so an
// interrupted upgrade resumes where it stopped. Thread: the caller's, at start-up.
// Failure: StoreError; a client converted is never converted twice (its scheme says so).
#pragma once

#include <cstddef>

#include "local_store/sqlite_database.hpp"

namespace onthaal::central {

// Returns the number of clients converted.
std::size_t upgrade_national_number_hashes(store::Database& db);

}  // namespace onthaal::central
