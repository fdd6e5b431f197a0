// The desk's conflicts as JSON for people (desk_conflicts.js words them in nl, fr or en): one per
// record, whom it is about by name, the facts this device kept, and what central changed, with
// the mediator by name. Internal ids stay out of what is shown (the group's id only serves to
// mark it reviewed, the client's id only links to the file).
// Thread: the agent's I/O thread (reads staff names from `db`). Failure: StoreError propagates.
#pragma once

#include <nlohmann/json.hpp>
#include <vector>

#include "local_store/desk_store.hpp"

namespace onthaal::http {

nlohmann::json desk_conflicts_json(store::Database& db,
                                   const std::vector<store::ConflictView>& open);

}  // namespace onthaal::http
