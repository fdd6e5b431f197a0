// The records and the mutation of a client's service (issue 13): the service itself and the
// month-end categories, which central sends (VDAB's data, never a device's), and the facts the
// partner registers in it (entity "service_fact"), which devices push and central sends on to
// the site's other devices. JSON as docs/sync-protocol.md documents it.
//
// Pure: no I/O. Thread: any. Failure: from_json throws ValidationError naming the entity, the id
// and the field; to_json never throws.
#pragma once

#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>

#include "domain/service_state.hpp"

namespace onthaal::protocol {

// A client's enrolment in a programme, with the tender's parameters (dates "YYYY-MM-DD").
struct ServiceRecord {
    std::string id;
    std::string client_id;
    std::string programme;    // a name of domain::kProgrammeNames
    std::string referred_on;  // the referral by VDAB: TWE-wz's 24 months run from it
    std::optional<std::int64_t> max_duration_months;  // TIBB4 family: the tender's maximum
    std::optional<std::string> project_end;           // WIJ3: the projects' end
    std::int64_t version = 1;

    nlohmann::json to_json() const;
    static ServiceRecord from_json(const nlohmann::json& data, const std::string& id);
};

// The job seeker's category at the end of a month ("YYYY-MM"), active or passive.
struct MonthCategoryRecord {
    std::string id;
    std::string client_id;
    std::string month;
    bool passive = false;

    nlohmann::json to_json() const;
    static MonthCategoryRecord from_json(const nlohmann::json& data, const std::string& id);
    // "YYYY-MM" of a real month, or nullopt.
    static std::optional<std::chrono::year_month> parse_month(const std::string& text);
};

// The payload of a "service_fact" mutation (entity_id: the service). Which fields a kind uses is
// in domain/service_state.hpp; `content` is the sheet's text (work points, assignments), bounded.
struct ServiceFactMutation {
    domain::ServiceFactKind kind = domain::ServiceFactKind::agreement_sheet;
    std::string on;  // "YYYY-MM-DD"
    std::optional<std::string> until;
    std::optional<std::string> next_contact;
    std::string refers_to;
    std::optional<std::string> code;  // "953030", ..., "recognised_training"
    double hours = 0;
    std::optional<std::string>
        place;  // training_line: school, local_government, non_profit, company
    std::optional<std::string> advice;  // no_need, need, exhausted, new_assessment
    std::string delivered_by;           // "print" or "mail"
    bool open_actions_or_contacts = false;
    std::optional<std::string> closing_reason;  // final_advice: the reason it was given for
    bool employer_involved = false;
    bool three_party_agreement = false;
    nlohmann::json content = nlohmann::json::object();
    std::string occurred_at;  // UTC text: when it was recorded on the device
    std::string recorded_by;  // the staff id

    nlohmann::json to_json() const;
    static ServiceFactMutation from_json(const nlohmann::json& payload, const std::string& id);
    // The fact as the rules see it (`id`: the mutation id).
    domain::ServiceFact to_domain(const std::string& id) const;
};

// A fact as central keeps and sends it: the mutation with its ids and central's receipt.
struct ServiceFactRecord {
    std::string id;  // the mutation id
    std::string service_id;
    std::string device_id;
    std::string received_at;  // when central kept it
    ServiceFactMutation fact;

    nlohmann::json to_json() const;
    static ServiceFactRecord from_json(const nlohmann::json& data, const std::string& id);
};

// A service's derived state as the desk API and central's export show it, so a test can compare
// the two sides field by field: stage, dates "YYYY-MM-DD" (null when not set), the closing and
// its return to VDAB, and the notices {code, allowed, nl, en, due}.
nlohmann::json service_state_json(const domain::ServiceState& state);

// The rules' history of a service from its record (the first-appointment part and the facts are
// filled in by the caller from its own store). Throws ValidationError for a bad record.
domain::ServiceHistory service_history_base(const ServiceRecord& service);

}  // namespace onthaal::protocol
