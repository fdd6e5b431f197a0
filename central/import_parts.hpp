// Internal to the site import (site_import.cpp, service_import.cpp, service_fact_import.cpp): the
// field readers that name the record and field of every problem, and the run's shared state.
//
// Thread: the caller's, inside the import's one transaction. Failure: AdminError naming the
// record and field ("services[1] (id 'sv2'): field 'referred_on': ..."); the caller rolls back.
#pragma once

#include <nlohmann/json.hpp>
#include <set>
#include <string>

#include "central/site_import.hpp"
#include "domain/rule_result.hpp"
#include "local_store/sqlite_database.hpp"

namespace onthaal::central::import_parts {

using nlohmann::json;

[[noreturn]] void bad(const std::string& where, const std::string& field, const std::string& why);

// A string field (at most 200 characters); required ones must not be empty.
std::string text_field(const json& r, const std::string& where, const std::string& field,
                       bool required = true);
// The array `name` of the file (empty when absent).
const json& records(const json& doc, const char* name);
// "list[i] (id 'x')"; throws when the record is no object.
std::string where_of(const char* list, std::size_t i, const json& r);
// Whether a row `id` of `table` exists at `site_id`; `other_site` tells it exists elsewhere.
bool exists_in_site(store::Database& db, const char* table, const std::string& id,
                    const std::string& site_id, bool& other_site);
// "reason_code: message" of a refused rule, for an error text.
std::string rule_text(const domain::RuleResult& rule);

struct ImportContext {
    store::Database& db;
    std::string site_id;
    std::string now;                   // UTC text: when central keeps what the file brings
    domain::Date today;                // Brussels
    std::set<std::string> staff_ids;   // in the file
    std::set<std::string> client_ids;  // in the file
    ImportSummary summary;

    // The id refers to a record of the file or of this site, else the file is refused.
    void check_reference(const std::string& where, const std::string& field, const std::string& id,
                         const std::set<std::string>& in_file, const char* table);
};

// A past outcome an appointment of the file carries, recorded once its appointments are written.
struct PendingOutcome {
    std::string where;
    std::string appointment_id;
    std::string outcome;  // present, absent_valid, absent_invalid
    std::string starts_at;
};

// service_import.cpp: services (each checked against the client's other programmes), a service
// for every client of the file that has none, and VDAB's month categories.
void import_services(ImportContext& run, const json& services);
void add_missing_services(ImportContext& run, const json& clients);
void import_month_categories(ImportContext& run, const json& categories);
// The category of `client_id` (a client of `site_id`) at the end of `month` ("YYYY-MM", checked
// by the caller), kept and published unless it was so already. Returns whether it changed.
bool write_month_category(store::Database& db, const std::string& site_id,
                          const std::string& client_id, const std::string& month,
                          const std::string& category);

// service_fact_import.cpp: the outcomes (central's own attendance facts, recorded_by "import",
// in the order of the appointments' times) and the demo's and history's service facts, each
// checked by the rules on the history so far.
void record_outcomes(ImportContext& run, std::vector<PendingOutcome> outcomes);
void import_service_facts(ImportContext& run, const json& facts);

}  // namespace onthaal::central::import_parts
