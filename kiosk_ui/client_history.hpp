// The history of a client's file in order (client_file.cpp): attendance facts of the client's
// appointments and the facts of its services, each with when it happened on the device, who
// recorded it, from which device, when central received it, and its sync state; labels in Dutch
// and English. Thread: the Database's owner. Failure: StoreError.
#pragma once

#include <nlohmann/json.hpp>
#include <string>

#include "local_store/sqlite_database.hpp"

namespace onthaal::http {

// `services`: the file's services as client_file renders them (their "facts" are used).
nlohmann::json client_history(store::Database& db, const std::string& client_id,
                              const nlohmann::json& services);

// The Dutch and English label of an attendance kind or a service fact kind.
std::pair<std::string, std::string> history_label(const std::string& kind);

}  // namespace onthaal::http
