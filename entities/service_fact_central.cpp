// The service entities, central's half: who may push which service fact, applying one under the
// same rules the desk applied offline (domain/service_state.hpp) on central's own history of the
// service, and publishing services, categories and facts to the site's devices (never kiosks).
#include <nlohmann/json.hpp>

#include "domain/time_text.hpp"
#include "entities/service_central_parts.hpp"
#include "entities/service_entity.hpp"
#include "protocol/validation.hpp"

namespace onthaal::entities {
namespace {

using protocol::PushResult;

// The desk registers everything; a coach what happens in the field, for its caseload (issue 14
// gives it its pages); a kiosk nothing.
constexpr PushPermission kPermissions[] = {
    {"agreement_sheet", false, true, true},
    {"agreement_sheet_signed", false, true, true},
    {"weo_printed", false, true, false},
    {"weo_signed", false, true, false},
    {"mediation_started", false, true, false},
    {"training_line", false, true, true},
    {"suspended", false, true, false},
    {"resumed", false, true, false},
    {"work_found", false, true, true},
    {"action_plan_signed", false, true, true},
    {"short_job", false, true, true},
    {"art60_contract", false, true, false},
    {"art60_contract_ended", false, true, false},
    {"final_advice", false, true, false},
};

// A fact of this id is kept already (the site import's, under an id a device's mutation now
// carries): its INSERT would break the primary key and fail the whole push with a 500, which the
// device retries for ever.
bool fact_kept(store::Database& db, const std::string& id) {
    auto q = db.cached("SELECT 1 FROM service_fact WHERE id = ?");
    q->bind_all(id);
    return q->step();
}

void keep_fact(CentralWrite& w, const protocol::MutationEnvelope& m, const ServiceAtCentral& s,
               const protocol::ServiceFactMutation& fact) {
    const std::string payload = fact.to_json().dump();
    w.db.cached(
            "INSERT INTO service_fact (id, site_id, service_id, kind, payload, occurred_at, "
            "recorded_by, device_id, device_time, received_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, "
            "?, ?)")
        ->bind_all(m.mutation_id, w.device.site_id, s.record.id, domain::to_string(fact.kind),
                   payload, fact.occurred_at, fact.recorded_by, w.device.device_id, m.device_time,
                   w.now)
        .run();
    const protocol::ServiceFactRecord record{m.mutation_id, s.record.id, w.device.device_id, w.now,
                                             fact};
    // Sent back to the device that recorded it too: its copy then learns when central received
    // it, which the client's history shows.
    append_change(w.db, site_audience(w.device.site_id, s.coach_id, std::nullopt), "service_fact",
                  m.mutation_id, "upsert", record.to_json().dump());
}

}  // namespace

std::optional<ServiceAtCentral> find_service_at_central(store::Database& db,
                                                        const std::string& id) {
    auto q = db.cached(
        "SELECT c.site_id, c.coach_id FROM service s JOIN client c ON c.id = s.client_id WHERE "
        "s.id = ?");
    q->bind_all(id);
    if (!q->step()) return std::nullopt;
    std::string site_id = q->column_text(0);
    std::optional<std::string> coach_id = q->column_optional_text(1);
    auto record = find_service(db, id);
    if (!record) return std::nullopt;
    return ServiceAtCentral{std::move(*record), std::move(site_id), std::move(coach_id)};
}

// The day the rules judge a fact on: the day it was recorded on the device (a desk offline for
// a week gave its advice in time), never later than central's today and never earlier than
// kMaxOfflineDays before it. (reading, docs/rules.md)
domain::Date judged_on(const std::string& occurred_at, const std::string& now) {
    const auto recorded = domain::parse_instant(occurred_at);
    const auto central_now = domain::parse_instant(now);
    if (!central_now) return domain::brussels_date(recorded.value_or(domain::Instant{}));
    const domain::Instant oldest = *central_now - std::chrono::days(kMaxOfflineDays);
    domain::Instant at = *central_now;
    if (recorded && *recorded < at) at = std::max(*recorded, oldest);
    return domain::brussels_date(at);
}

ChangeAudience site_audience(const std::string& site_id, const std::optional<std::string>& coach,
                             const std::optional<std::string>& origin) {
    return {site_id, coach, false, origin, std::nullopt, std::nullopt};
}

std::string ServiceFactEntity::push_kind(const protocol::MutationEnvelope& m) const {
    const auto kind =
        m.payload.is_object() && m.payload.contains("kind") && m.payload["kind"].is_string()
            ? domain::parse_service_fact_kind(m.payload["kind"].get<std::string>())
            : std::nullopt;
    if (!kind) throw MutationRejected("invalid_kind", "payload.kind is not a service fact kind.");
    return std::string(domain::to_string(*kind));
}

std::span<const PushPermission> ServiceFactEntity::push_permissions() const {
    return kPermissions;
}

PushResult ServiceFactEntity::apply_pushed(CentralWrite& w,
                                           const protocol::MutationEnvelope& m) const {
    protocol::ServiceFactMutation fact;
    try {
        fact = protocol::ServiceFactMutation::from_json(m.payload, m.mutation_id);
    } catch (const protocol::ValidationError& e) {
        return PushResult::rejected(m.mutation_id, "invalid_payload", e.what());
    }
    if (fact_kept(w.db, m.mutation_id))
        return PushResult::rejected(m.mutation_id, "mutation_id_reused",
                                    "A fact with this id is kept already.");
    const auto s = find_service_at_central(w.db, m.entity_id);
    if (!s || s->site_id != w.device.site_id)
        return PushResult::rejected(m.mutation_id, "unknown_service",
                                    "No service with this id at this site.");
    if (auto outside = check_caseload_at(w, m, s->record.client_id, s->coach_id, fact.occurred_at,
                                         kMaxOfflineDays))
        return *outside;
    if (auto who = check_recorded_by(w, m, fact.recorded_by, false)) return *who;
    const domain::ServiceHistory history = service_history(w.db, s->record, StoreKind::central);
    const domain::RuleResult rule = domain::check_service_fact(
        history, fact.to_domain(m.mutation_id), judged_on(fact.occurred_at, w.now));
    if (!rule.allowed)
        return PushResult::rejected(m.mutation_id, rule.reason_code, rule.message_en);
    keep_fact(w, m, *s, fact);
    // The signals the rule raises (a late first sheet, a training that ends GLOW) are VDAB's to
    // see, as for attendance.
    for (const auto& signal : rule.signals)
        w.db.cached(
                "INSERT INTO service_signal (site_id, client_id, code, message, mutation_id, "
                "created_at) VALUES (?, ?, ?, ?, ?, ?)")
            ->bind_all(w.device.site_id, s->record.client_id, signal.code, signal.message_en,
                       m.mutation_id, w.now)
            .run();
    return PushResult::applied(m.mutation_id, s->record.version);
}

void publish_service(store::Database& db, const std::string& site_id, const std::string& id) {
    const auto s = find_service_at_central(db, id);
    if (!s) throw std::out_of_range("service '" + id + "' does not exist");
    append_change(db, site_audience(site_id, s->coach_id, std::nullopt), "service", id, "upsert",
                  s->record.to_json().dump());
}

void publish_month_category(store::Database& db, const std::string& site_id,
                            const std::string& id) {
    auto q = db.cached(
        "SELECT m.client_id, m.month, m.category, c.coach_id FROM month_category m JOIN client c "
        "ON c.id = m.client_id WHERE m.id = ?");
    q->bind_all(id);
    if (!q->step()) throw std::out_of_range("month category '" + id + "' does not exist");
    const protocol::MonthCategoryRecord record{id, q->column_text(0), q->column_text(1),
                                               q->column_text(2) == "passive"};
    append_change(db, site_audience(site_id, q->column_optional_text(3), std::nullopt),
                  "month_category", id, "upsert", record.to_json().dump());
}

}  // namespace onthaal::entities
