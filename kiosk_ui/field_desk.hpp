// The field coach's use cases (issue 14), on the coach's laptop, offline for days: the caseload,
// one client's file with progress bars and warnings, and recording a visit, stage hours, a sheet's
// work plan or a conflict's review under the rules (domain/field_work.hpp), each committed with
// its outbox entry and checked again by central. Only the signed-in coach's own clients are
// reached: any other id answers "unknown", as if it did not exist.
//
// A visit's notes are confidential (003 §4): sealed for this store and, separately, for central
// (NoteSealing) before anything is written; the plain text lives only in the request and the
// response of the coach's own page, and is never logged.
//
// Ownership: each use case borrows the agent's Database and the NoteSealing. Thread: the agent's
// I/O thread. Failure: StoreError propagates; a refused change is a result, not an error.
#pragma once

#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>

#include "domain/rule_result.hpp"
#include "domain/time_text.hpp"
#include "local_store/sqlite_database.hpp"

namespace onthaal::http {

// How the coach's notes are sealed (the agent wires local_store/note_seal.hpp in).
class NoteSealing {
  public:
    virtual ~NoteSealing() = default;
    // For this device's store; `visit_id` binds the sealed text to its visit.
    virtual std::string for_store(std::string_view plain, const std::string& visit_id) const = 0;
    // The plain notes, or nullopt when they cannot be opened here (another key, tampered).
    virtual std::optional<std::string> from_store(std::string_view sealed,
                                                  const std::string& visit_id) const = 0;
    // For central, bound to the visit; nullopt while central's key is unknown (the device has
    // never synced).
    virtual std::optional<std::string> for_central(std::string_view plain,
                                                   const std::string& visit_id) const = 0;
};

struct FieldContext {
    store::Database& db;
    const std::string& staff_id;  // the signed-in coach
    domain::Instant now;
    const NoteSealing* notes;  // nullptr: notes cannot be kept on this device
    // A desk device reaches the site's every client (it draws up their sheets); a coach's laptop
    // only the coach's own.
    bool whole_site = false;
};

enum class FieldStatus { recorded, already_recorded, unknown, bad_request, refused };
struct FieldOutcome {
    FieldStatus status = FieldStatus::recorded;
    std::string id;       // the mutation id, when recorded
    std::string problem;  // bad_request: what is wrong
    domain::RuleResult result;
    std::string record_id;  // a visit: its id (new or edited)
};

// The coach's clients, by name: each with its newest service's stage, its open warnings, the next
// deadline and the conflicts to review.
nlohmann::json coach_caseload(const FieldContext& c);
// One client's file for the coach (docs/architecture.md, "A coach's laptop"); nullopt: not one of
// this coach's clients.
std::optional<nlohmann::json> coach_client_file(const FieldContext& c,
                                                const std::string& client_id);
// The client's visits and stage hours as CSV (";"-separated, dd/mm/yyyy, UTF-8): never the notes.
std::optional<std::string> coach_client_csv(const FieldContext& c, const std::string& client_id);

// Each body may carry the page's "id" (service_desk.hpp: page_mutation_id): the same id again is
// the same change (already_recorded).
//   visit:   {kind, on, duration_min, workplace, employer, action_id, development_plan_updated,
//             notes?, visit_id? (an edit), base_version? (the version edited)}
//   hours:   {line_id, on, hours}
//   plan:    {base_version?, work_points: [...], assignments: [{text, deadline?, done}]}
//   review:  {resolution: "kept" | "edit_applied"}
FieldOutcome record_visit(const FieldContext& c, const std::string& service_id,
                          const nlohmann::json& body);
FieldOutcome record_hours(const FieldContext& c, const std::string& service_id,
                          const nlohmann::json& body);
FieldOutcome save_work_plan(const FieldContext& c, const std::string& sheet_id,
                            const nlohmann::json& body);
FieldOutcome review_conflict(const FieldContext& c, const std::string& conflict_id,
                             const nlohmann::json& body);

}  // namespace onthaal::http
