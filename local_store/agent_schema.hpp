// The agent's local schema as forward-only migration steps (see migrations.hpp).
// Never edit a released step: add a new one. Times are UTC ISO 8601 text ("2026-11-22T09:30:00Z"),
// local dates are "YYYY-MM-DD" (Europe/Brussels). `version` columns hold central's record version,
// the base version for the next local change (ODK Central's idea).
#pragma once

#include <span>

#include "local_store/migrations.hpp"

namespace onthaal::store {

std::span<const MigrationStep> agent_schema_steps();

}  // namespace onthaal::store
