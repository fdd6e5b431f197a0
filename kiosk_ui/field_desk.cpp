// The coach's writes (field_desk.hpp): each checks the body, the caseload and the rules on the
// agent's own state, then hands the change to its entity's local writer
// (entities/field_entity.hpp).
#include "kiosk_ui/field_desk.hpp"

#include <variant>

#include "entities/field_entity.hpp"
#include "entities/service_entity.hpp"
#include "kiosk_ui/field_desk_parts.hpp"
#include "kiosk_ui/service_desk.hpp"
#include "local_store/kiosk_store.hpp"
#include "protocol/validation.hpp"

namespace onthaal::http {
namespace {

using nlohmann::json;

constexpr std::size_t kMaxNotesBytes = 4000;

FieldOutcome bad(std::string problem) {
    return {FieldStatus::bad_request, "", std::move(problem), {}, ""};
}
FieldOutcome unknown() {
    return {FieldStatus::unknown, "", "", {}, ""};
}
FieldOutcome refused(domain::RuleResult r) {
    return {FieldStatus::refused, "", "", std::move(r), ""};
}
FieldOutcome refused(const char* code, const char* nl, const char* en) {
    return refused(domain::RuleResult::deny(code, nl, en));
}

// The body as a payload: the agent's own fields added, the page's id taken out. nullopt with a
// problem when the body is no object, sets the agent's fields, or carries an unusable id.
struct Payload {
    json value;
    std::string page_id;
};
std::optional<Payload> payload_of(const FieldContext& c, const json& body, std::string& problem) {
    if (!body.is_object() || body.contains("occurred_at") || body.contains("recorded_by")) {
        problem = "The body must be an object without occurred_at or recorded_by.";
        return std::nullopt;
    }
    const auto id = page_mutation_id(body);
    if (!id) {
        problem = "id must be 8 to 64 letters, digits or '-'.";
        return std::nullopt;
    }
    Payload p{body, *id};
    p.value.erase("id");
    p.value["occurred_at"] = domain::format_instant(c.now);
    p.value["recorded_by"] = c.staff_id;
    return p;
}

bool mutation_kept(store::Database& db, const std::string& id) {
    if (id.empty()) return false;
    auto q = db.cached("SELECT 1 FROM outbox WHERE mutation_id = ?");
    q->bind_all(id);
    return q->step();
}

// The version an edit made now is made on, checked against the one the page showed.
std::optional<FieldOutcome> changed_meanwhile(const json& body, std::int64_t expected) {
    if (!body.contains("base_version")) return std::nullopt;
    if (!body["base_version"].is_number_integer()) return bad("base_version must be a number.");
    if (body["base_version"].get<std::int64_t>() == expected) return std::nullopt;
    return refused("record.changed_meanwhile",
                   "Dit werd intussen gewijzigd: herlaad de pagina en kijk het opnieuw na.",
                   "This changed meanwhile: reload the page and check it again.");
}

// The notes of a visit sealed twice, or a refusal when they cannot be kept here.
struct SealedNotes {
    std::optional<std::string> for_central, at_rest;
};
std::variant<SealedNotes, FieldOutcome> seal_notes(const FieldContext& c, json& payload,
                                                   const std::string& visit_id) {
    if (!payload.contains("notes")) return SealedNotes{};
    if (!payload["notes"].is_string() ||
        payload["notes"].get_ref<const std::string&>().size() > kMaxNotesBytes)
        return bad("notes must be a text of at most 4,000 bytes.");
    const std::string notes = payload["notes"].get<std::string>();
    payload.erase("notes");
    if (!c.notes)
        return refused("notes.no_key", "Dit toestel kan geen vertrouwelijke notities bewaren.",
                       "This device cannot keep confidential notes.");
    auto central = c.notes->for_central(notes, visit_id);
    if (!central)
        return refused("notes.central_key_unknown",
                       "Synchroniseer eerst één keer; daarna kunnen notities bewaard worden.",
                       "Sync once first; notes can be kept after that.");
    return SealedNotes{std::move(central), c.notes->for_store(notes, visit_id)};
}

}  // namespace

FieldOutcome reapply_edit(const FieldContext& c, const protocol::RecordConflictRecord& conflict) {
    json body = conflict.edit;
    for (const char* agent_field : {"occurred_at", "recorded_by", "service_id"})
        body.erase(agent_field);
    if (conflict.entity == "work_plan") return save_work_plan(c, conflict.entity_id, body);
    body["visit_id"] = conflict.entity_id;
    return record_visit(c, conflict.service_id, body);
}

FieldOutcome record_visit(const FieldContext& c, const std::string& service_id, const json& body) {
    const auto service = coach_service(c, service_id);
    if (!service) return unknown();
    std::string problem;
    auto p = payload_of(c, body, problem);
    if (!p) return bad(problem);
    if (mutation_kept(c.db, p->page_id))
        return {FieldStatus::already_recorded, p->page_id, "", {}, ""};
    std::string visit_id = "vis-" + store::new_mutation_id();
    std::optional<std::int64_t> base;
    if (p->value.contains("visit_id")) {
        if (!p->value["visit_id"].is_string()) return bad("visit_id must be a text.");
        visit_id = p->value["visit_id"].get<std::string>();
        const auto before = entities::find_visit(c.db, visit_id);
        if (!before || before->details.service_id != service_id) return unknown();
        base = expected_version(c.db, "workplace_visit", visit_id, before->version);
        if (auto changed = changed_meanwhile(body, *base)) return *changed;
    }
    for (const char* field : {"visit_id", "base_version"}) p->value.erase(field);
    p->value["service_id"] = service_id;
    auto sealed = seal_notes(c, p->value, visit_id);
    if (auto* no = std::get_if<FieldOutcome>(&sealed)) return *no;
    protocol::VisitMutation m;
    try {
        m.details = protocol::VisitDetails::from_json(p->value, "workplace_visit", visit_id);
    } catch (const protocol::ValidationError& e) {
        return bad(e.what());
    }
    const auto history = entities::service_history(c.db, *service, entities::StoreKind::agent);
    const auto rule =
        domain::check_visit(history, m.details.to_domain(visit_id), domain::brussels_date(c.now));
    if (!rule.allowed) return refused(rule);
    auto& notes = std::get<SealedNotes>(sealed);
    m.notes_sealed = notes.for_central;
    const std::string id = entities::record_visit(c.db, visit_id, base, m, notes.at_rest,
                                                  domain::format_instant(c.now), p->page_id);
    FieldOutcome done{FieldStatus::recorded, id, "", rule, visit_id};
    return done;
}

FieldOutcome record_hours(const FieldContext& c, const std::string& service_id, const json& body) {
    const auto service = coach_service(c, service_id);
    if (!service) return unknown();
    std::string problem;
    auto p = payload_of(c, body, problem);
    if (!p) return bad(problem);
    if (mutation_kept(c.db, p->page_id))
        return {FieldStatus::already_recorded, p->page_id, "", {}, ""};
    protocol::StageHoursMutation entry;
    try {
        entry = protocol::StageHoursMutation::from_json(p->value, service_id);
    } catch (const protocol::ValidationError& e) {
        return bad(e.what());
    }
    const auto history = entities::service_history(c.db, *service, entities::StoreKind::agent);
    const auto work = entities::field_work(c.db, service_id, entities::StoreKind::agent);
    // A correction names the entry it replaces: however close in time, it is the day's hours.
    entry.replaces.clear();
    for (const auto& standing : domain::standing_hours(work))
        if (standing.line_id == entry.line_id && domain::format_date(standing.on) == entry.on)
            entry.replaces = standing.id;
    const auto rule = domain::check_stage_hours(history, work, entry.to_domain("new"),
                                                domain::brussels_date(c.now));
    if (!rule.allowed) return refused(rule);
    const std::string id = entities::record_stage_hours(c.db, service_id, entry,
                                                        domain::format_instant(c.now), p->page_id);
    return {FieldStatus::recorded, id, "", rule, ""};
}

FieldOutcome save_work_plan(const FieldContext& c, const std::string& sheet_id, const json& body) {
    const auto service_id = service_of_sheet(c.db, sheet_id);
    const auto service = service_id ? coach_service(c, *service_id) : std::nullopt;
    if (!service) return unknown();
    std::string problem;
    auto p = payload_of(c, body, problem);
    if (!p) return bad(problem);
    if (mutation_kept(c.db, p->page_id))
        return {FieldStatus::already_recorded, p->page_id, "", {}, ""};
    const auto before = entities::find_work_plan(c.db, sheet_id);
    const std::int64_t base =
        expected_version(c.db, "work_plan", sheet_id, before ? before->version : 0);
    if (auto changed = changed_meanwhile(body, base)) return *changed;
    p->value.erase("base_version");
    p->value["service_id"] = *service_id;
    protocol::WorkPlanMutation plan;
    try {
        plan = protocol::WorkPlanMutation::from_json(p->value, sheet_id);
    } catch (const protocol::ValidationError& e) {
        return bad(e.what());
    }
    const auto history = entities::service_history(c.db, *service, entities::StoreKind::agent);
    const auto rule = domain::check_work_plan(history, plan.to_domain(sheet_id));
    if (!rule.allowed) return refused(rule);
    const std::string id = entities::record_work_plan(c.db, sheet_id, base, plan,
                                                      domain::format_instant(c.now), p->page_id);
    return {FieldStatus::recorded, id, "", rule, ""};
}

FieldOutcome review_conflict(const FieldContext& c, const std::string& conflict_id,
                             const json& body) {
    const auto conflict = entities::find_record_conflict(c.db, conflict_id);
    if (!conflict || !coach_service(c, conflict->service_id)) return unknown();
    std::string problem;
    auto p = payload_of(c, body, problem);
    if (!p) return bad(problem);
    if (conflict->resolved_at || mutation_kept(c.db, p->page_id))
        return {FieldStatus::already_recorded, conflict_id, "", {}, ""};
    protocol::ConflictResolution review;
    try {
        review = protocol::ConflictResolution::from_json(p->value, conflict_id);
    } catch (const protocol::ValidationError& e) {
        return bad(e.what());
    }
    if (review.resolution == "edit_applied") {
        // The edit is made again, on the version kept: an ordinary edit central checks anew.
        FieldOutcome again = reapply_edit(c, *conflict);
        if (again.status != FieldStatus::recorded) return again;
    }
    const std::string id = entities::record_conflict_resolution(
        c.db, conflict_id, review, domain::format_instant(c.now), p->page_id);
    return {FieldStatus::recorded, id, "", domain::RuleResult::ok(), ""};
}

}  // namespace onthaal::http
