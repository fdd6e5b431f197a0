// Central's own schema as forward-only migration steps (see local_store/migrations.hpp).
#pragma once

#include <span>

#include "local_store/migrations.hpp"

namespace onthaal::central {

std::span<const store::MigrationStep> central_schema_steps();

}  // namespace onthaal::central
