// The desk's use cases for a client's service (issue 13): the client's file (the read model the
// client page renders), recording a fact under the rules (offline too: committed with its outbox
// entry, checked again by central), the "to close" list and the client search. Each rule comes
// from domain/service_state.hpp, applied to the agent's own history of the service.
//
// Ownership: each use case borrows the agent's Database. Thread: the agent's I/O thread (the
// Database's owner). Failure: StoreError propagates; a refused fact is a result, not an error.
#pragma once

#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "domain/service_state.hpp"
#include "domain/time_text.hpp"
#include "local_store/sqlite_database.hpp"

namespace onthaal::http {

// The client's file as JSON (docs/architecture.md, "A client's service at the desk"): the client,
// the site, each service with its derived state, fitting actions, sheets, lines and facts (with
// their sync status), the appointments and the history in order. nullopt: no such client.
std::optional<nlohmann::json> client_file(store::Database& db, const std::string& client_id,
                                          domain::Instant now);

// The page's id for what it records ("id": 8 to 64 letters, digits or '-'), which becomes the
// mutation id: "" when absent, nullopt when it is not a usable id.
std::optional<std::string> page_mutation_id(const nlohmann::json& body);

enum class FactStatus { recorded, already_recorded, unknown_service, bad_request, refused };
struct FactOutcome {
    FactStatus status = FactStatus::recorded;
    std::string id;       // the fact's (mutation) id, when recorded
    std::string problem;  // bad_request: what is wrong with the body
    domain::RuleResult result;
    nlohmann::json state;  // the service's state after it, when recorded
};

// Records one fact the desk registers in a service: the body's fields (service_records.hpp) with
// the time and the signed-in staff member added by the agent. The body may carry the fact's "id"
// (8 to 64 letters, digits and '-', chosen by the page): the same id again is the same fact
// (already_recorded), so a double click or a retry after a lost answer records it once.
class RecordServiceFact {
  public:
    explicit RecordServiceFact(store::Database& db) : db_(db) {}
    FactOutcome run(const std::string& service_id, const nlohmann::json& body,
                    const std::string& staff_id, domain::Instant now);

  private:
    store::Database& db_;
};

// Services whose stage is "to close", soonest advice deadline first, with the days left.
nlohmann::json services_to_close(store::Database& db, domain::Instant now);

// Clients whose first or last name starts with `query` (any case; all when empty), at most 50 by
// name, each with its newest service's stage.
nlohmann::json search_clients(store::Database& db, const std::string& query, domain::Instant now);

}  // namespace onthaal::http
