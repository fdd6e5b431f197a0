// The site import's facts (import_parts.hpp): past outcomes of appointments, kept as central's own
// attendance facts (recorded_by and device "import"), and service facts for demo and history,
// kept as central's own service facts. Each goes through the rules a desk's push meets at
// central, on the history so far, and is published as a pushed fact would be.
#include <algorithm>

#include "central/import_parts.hpp"
#include "domain/appointment_rules.hpp"
#include "domain/calendar.hpp"
#include "domain/time_text.hpp"
#include "entities/appointment_entity.hpp"
#include "entities/client_entity.hpp"
#include "entities/service_entity.hpp"
#include "protocol/validation.hpp"

namespace onthaal::central::import_parts {
namespace {

// The import is the device of what it records (an agent applies a fact's device id as given).
constexpr const char* kImportDevice = "import";

// The recorded outcome under the first-appointment rules (002 §2.1.1: a third absence is kept
// as invalid), or the file is refused naming the appointment and the rule.
std::string ruled_outcome(ImportContext& run, const PendingOutcome& p,
                          const protocol::AppointmentRecord& a) {
    const auto outcome = *domain::parse_first_outcome(p.outcome);
    if (a.kind != protocol::AppointmentKind::first) {
        const auto rule = domain::check_regular_outcome(outcome, false);
        if (!rule.allowed) bad(p.where, "outcome", rule_text(rule));
        return p.outcome;
    }
    auto checked_in = run.db.cached(
        "SELECT 1 FROM attendance_event WHERE appointment_id = ? AND kind = 'checked_in' LIMIT 1");
    checked_in->bind_all(a.id);
    const domain::FirstAppointmentFacts facts{
        domain::brussels_date(*domain::parse_instant(a.starts_at)), a.registered, false,
        checked_in->step()};
    const auto decision = domain::complete_first_appointment(
        entities::first_appointment_state(run.db, a.client_id), outcome, facts);
    if (!decision.result.allowed) bad(p.where, "outcome", rule_text(decision.result));
    for (const auto& signal : decision.result.signals) {
        run.db
            .cached(
                "INSERT INTO service_signal (site_id, client_id, code, message, mutation_id, "
                "created_at) VALUES (?, ?, ?, ?, ?, ?)")
            ->bind_all(run.site_id, a.client_id, signal.code, signal.message_en, "import-" + a.id,
                       run.now)
            .run();
    }
    return std::string(domain::to_string(decision.recorded));
}

void record_outcome(ImportContext& run, const PendingOutcome& p) {
    const auto a = entities::central_appointment(run.db, p.appointment_id);
    const std::string kind = ruled_outcome(run, p, a);
    const protocol::AttendanceRecord fact{
        "import-" + a.id, a.id,          *protocol::parse_enum<protocol::AttendanceKind>(kind),
        p.starts_at,      kImportDevice, kImportDevice,
        std::nullopt};
    run.db
        .cached(
            "INSERT INTO attendance_event (mutation_id, site_id, device_id, appointment_id, kind, "
            "occurred_at, recorded_by, device_time, base_version, received_at) VALUES (?, ?, ?, "
            "?, ?, ?, ?, ?, ?, ?)")
        ->bind_all(fact.id, run.site_id, kImportDevice, a.id, kind, fact.occurred_at, kImportDevice,
                   run.now, a.version, run.now)
        .run();
    run.db.cached("UPDATE appointment SET outcome = ?, version = version + 1 WHERE id = ?")
        ->bind_all(kind, a.id)
        .run();
    entities::publish_appointment(run.db, run.site_id, a.id);
    // As a pushed fact: kiosks hold it until the day after (here: at once a delete).
    const std::string payload = fact.to_json().dump();
    const auto coach = entities::central_client(run.db, a.client_id).coach_id;
    entities::append_change(run.db,
                            {run.site_id, coach, false, std::nullopt, payload, fact.occurred_at},
                            "attendance", fact.id, "upsert", payload);
    ++run.summary.changed;
}

struct FactInFile {
    std::string where;
    std::string id;
    protocol::ServiceRecord service;
    protocol::ServiceFactMutation fact;
};

FactInFile read_fact(ImportContext& run, const json& r, const std::string& where) {
    FactInFile f{where, text_field(r, where, "id"), {}, {}};
    if (f.id.size() > 100) bad(where, "id", "is longer than 100 characters");
    const std::string service_id = text_field(r, where, "service_id");
    bool other_site = false;
    if (!exists_in_site(run.db, "service", service_id, run.site_id, other_site))
        bad(where, "service_id", "refers to unknown service '" + service_id + "'");
    f.service = *entities::find_service(run.db, service_id);
    if (!r.contains("payload")) bad(where, "payload", "is required");
    try {
        f.fact = protocol::ServiceFactMutation::from_json(r["payload"], f.id);
    } catch (const protocol::ValidationError& e) {
        bad(where, "payload" + (e.field().empty() ? "" : "." + e.field()), e.problem());
    }
    if (!exists_in_site(run.db, "staff", f.fact.recorded_by, run.site_id, other_site))
        bad(where, "payload.recorded_by", "must be a staff id of this site");
    return f;
}

// Kept before with this very content: nothing to do. Facts are append-only, so a fact of the
// same id with other content, or an id a device's mutation carried, refuses the file.
bool kept_before(ImportContext& run, const FactInFile& f) {
    auto q = run.db.cached("SELECT service_id, payload FROM service_fact WHERE id = ?");
    q->bind_all(f.id);
    if (q->step()) {
        if (q->column_text(0) == f.service.id && json::parse(q->column_text(1)) == f.fact.to_json())
            return true;
        bad(f.where, "id", "is a fact kept already with other content (facts are append-only)");
    }
    auto m = run.db.cached("SELECT 1 FROM applied_mutation WHERE mutation_id = ?");
    m->bind_all(f.id);
    if (m->step()) bad(f.where, "id", "is the id of a mutation a device pushed");
    return false;
}

// As central judges a pushed fact: on the day it was recorded, never later than today.
domain::Date judged_on(const ImportContext& run, const protocol::ServiceFactMutation& fact) {
    const domain::Date recorded = domain::brussels_date(*domain::parse_instant(fact.occurred_at));
    return domain::days_between(recorded, run.today) < 0 ? run.today : recorded;
}

void keep_fact(ImportContext& run, const FactInFile& f) {
    const auto history = entities::service_history(run.db, f.service, entities::StoreKind::central);
    const auto rule =
        domain::check_service_fact(history, f.fact.to_domain(f.id), judged_on(run, f.fact));
    if (!rule.allowed) bad(f.where, "payload", "refused by the rules: " + rule_text(rule));
    run.db
        .cached(
            "INSERT INTO service_fact (id, site_id, service_id, kind, payload, occurred_at, "
            "recorded_by, device_id, device_time, received_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, "
            "?, ?)")
        ->bind_all(f.id, run.site_id, f.service.id, domain::to_string(f.fact.kind),
                   f.fact.to_json().dump(), f.fact.occurred_at, f.fact.recorded_by, kImportDevice,
                   run.now, run.now)
        .run();
    // The feed row of a pushed fact (entities/service_fact_central.cpp, keep_fact).
    const protocol::ServiceFactRecord record{f.id, f.service.id, kImportDevice, run.now, f.fact};
    const auto coach = entities::central_client(run.db, f.service.client_id).coach_id;
    entities::append_change(run.db,
                            {run.site_id, coach, false, std::nullopt, std::nullopt, std::nullopt},
                            "service_fact", f.id, "upsert", record.to_json().dump());
    ++run.summary.changed;
}

}  // namespace

void record_outcomes(ImportContext& run, std::vector<PendingOutcome> outcomes) {
    // The rules fold a client's first appointments in the order they took place.
    std::stable_sort(outcomes.begin(), outcomes.end(),
                     [](const auto& a, const auto& b) { return a.starts_at < b.starts_at; });
    for (const PendingOutcome& p : outcomes) record_outcome(run, p);
}

void import_service_facts(ImportContext& run, const json& facts) {
    for (std::size_t i = 0; i < facts.size(); ++i) {
        const FactInFile f = read_fact(run, facts[i], where_of("service_facts", i, facts[i]));
        if (!kept_before(run, f)) keep_fact(run, f);
    }
    run.summary.service_facts += facts.size();
}

}  // namespace onthaal::central::import_parts
