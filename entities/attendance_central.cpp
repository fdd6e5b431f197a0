// The attendance entity, central's half: who may push which fact, and applying it under the same
// rules the desk applied offline, on central's own state of the appointment and the client.
#include <nlohmann/json.hpp>
#include <variant>

#include "domain/appointment_rules.hpp"
#include "domain/time_text.hpp"
#include "entities/appointment_entity.hpp"
#include "entities/attendance_entity.hpp"
#include "entities/client_entity.hpp"
#include "protocol/records.hpp"
#include "protocol/validation.hpp"

namespace onthaal::entities {
namespace {

using protocol::AttendanceKind;
using protocol::PushResult;

// A kiosk records arrivals only; a desk also the outcomes; a coach the outcomes of its caseload.
constexpr PushPermission kPermissions[] = {
    {"checked_in", true, true, false},   {"present", false, true, true},
    {"absent_valid", false, true, true}, {"absent_invalid", false, true, true},
    {"rescheduled", false, true, true},
};

struct AppointmentAtCentral {
    protocol::AppointmentRecord record;
    std::string site_id;
    std::optional<std::string> coach_id;  // of the appointment's client: the change's audience
};

// One indexed read: the appointment, its site and its client's coach.
std::optional<AppointmentAtCentral> find_appointment(store::Database& db, const std::string& id) {
    auto q = db.cached(std::string("SELECT a.site_id, c.coach_id, ") + kCentralAppointmentColumns +
                       " FROM appointment a JOIN client c ON c.id = a.client_id WHERE a.id = ?");
    q->bind_all(id);
    if (!q->step()) return std::nullopt;
    return AppointmentAtCentral{appointment_from_row(*q, 2), q->column_text(0),
                                q->column_optional_text(1)};
}

bool checked_in(store::Database& db, const std::string& appointment_id) {
    auto q = db.cached(
        "SELECT 1 FROM attendance_event WHERE appointment_id = ? AND kind = 'checked_in' LIMIT 1");
    q->bind_all(appointment_id);
    return q->step();
}

std::optional<domain::FirstOutcome> first_outcome(AttendanceKind kind) {
    return domain::parse_first_outcome(protocol::to_string(kind));
}

// The outcome rules (002 §2.1.1), as the desk applies them: returns the kind to record (a third
// absence is recorded as invalid) or the rejection. Signals the rules raise are kept.
std::variant<AttendanceKind, PushResult> ruled_outcome(CentralWrite& w,
                                                       const protocol::MutationEnvelope& m,
                                                       const AppointmentAtCentral& a,
                                                       const protocol::AttendanceMutation& fact) {
    const auto outcome = first_outcome(fact.kind);
    if (a.record.kind != protocol::AppointmentKind::first) {
        const auto rule = domain::check_regular_outcome(*outcome, fact.mediator_absent);
        if (!rule.allowed)
            return PushResult::rejected(m.mutation_id, rule.reason_code, rule.message_en);
        return fact.kind;
    }
    const auto start = domain::parse_instant(a.record.starts_at);
    const domain::FirstAppointmentFacts facts{
        start ? domain::brussels_date(*start) : domain::Date{}, a.record.registered,
        fact.mediator_absent, checked_in(w.db, a.record.id)};
    const auto decision = domain::complete_first_appointment(
        first_appointment_state(w.db, a.record.client_id), *outcome, facts);
    if (!decision.result.allowed)
        return PushResult::rejected(m.mutation_id, decision.result.reason_code,
                                    decision.result.message_en);
    for (const auto& signal : decision.result.signals) {
        w.db.cached(
                "INSERT INTO service_signal (site_id, client_id, code, message, mutation_id, "
                "created_at) VALUES (?, ?, ?, ?, ?, ?)")
            ->bind_all(w.device.site_id, a.record.client_id, signal.code, signal.message_en,
                       m.mutation_id, w.now)
            .run();
    }
    return *protocol::parse_enum<AttendanceKind>(domain::to_string(decision.recorded));
}

std::optional<PushResult> reach_problem(CentralWrite& w, const protocol::MutationEnvelope& m,
                                        const std::optional<AppointmentAtCentral>& a,
                                        const protocol::AttendanceMutation& fact) {
    if (!a || a->site_id != w.device.site_id)
        return PushResult::rejected(m.mutation_id, "unknown_appointment",
                                    "No appointment with this id at this site.");
    if (auto outside = check_caseload(w, m, a->coach_id)) return outside;
    if (auto who =
            check_recorded_by(w, m, fact.recorded_by, fact.kind == AttendanceKind::checked_in))
        return who;
    if (protocol::is_outcome(fact.kind) && a->record.outcome)
        return PushResult::rejected(m.mutation_id, "appointment.already_completed",
                                    "This appointment was already completed.");
    return std::nullopt;
}

void keep_fact(CentralWrite& w, const protocol::MutationEnvelope& m, const AppointmentAtCentral& a,
               const protocol::AttendanceRecord& fact) {
    w.db.cached(
            "INSERT INTO attendance_event (mutation_id, site_id, device_id, appointment_id, kind, "
            "occurred_at, recorded_by, device_time, base_version, received_at, queue_number) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
        ->bind_all(fact.id, w.device.site_id, w.device.device_id, fact.appointment_id,
                   protocol::to_string(fact.kind), fact.occurred_at, fact.recorded_by,
                   m.device_time, m.base_version, w.now, fact.queue_number)
        .run();
    // Kiosks see facts (a check-in at another kiosk) until the day after.
    const std::string payload = fact.to_json().dump();
    append_change(
        w.db, {w.device.site_id, a.coach_id, false, w.device.device_id, payload, fact.occurred_at},
        "attendance", fact.id, "upsert", payload);
}

PushResult conflict(CentralWrite& w, const protocol::MutationEnvelope& m,
                    const AppointmentAtCentral& a, std::int64_t version) {
    w.db.cached(
            "INSERT INTO conflict (site_id, mutation_id, entity, entity_id, base_version, "
            "server_version, reason, created_at) VALUES (?, ?, 'attendance', ?, ?, ?, "
            "'appointment_changed', ?)")
        ->bind_all(w.device.site_id, m.mutation_id, a.record.id, m.base_version, version, w.now)
        .run();
    PushResult r;
    r.mutation_id = m.mutation_id;
    r.status = protocol::PushStatus::conflict;
    r.reason = "appointment_changed";
    r.message =
        "The appointment changed on central after this device last saw it; the fact is kept for "
        "review.";
    r.server_version = version;
    r.server_record = central_appointment(w.db, a.record.id).to_json();
    r.base_record = central_appointment_at(w.db, a.record.id, *m.base_version);
    return r;
}

}  // namespace

std::string AttendanceEntity::push_kind(const protocol::MutationEnvelope& m) const {
    const auto kind =
        m.payload.is_object() && m.payload.contains("kind") && m.payload["kind"].is_string()
            ? protocol::parse_enum<AttendanceKind>(m.payload["kind"].get<std::string>())
            : std::nullopt;
    if (!kind) {
        throw MutationRejected("invalid_kind",
                               "payload.kind must be checked_in, present, absent_valid, "
                               "absent_invalid or rescheduled.");
    }
    return std::string(protocol::to_string(*kind));
}

std::span<const PushPermission> AttendanceEntity::push_permissions() const {
    return kPermissions;
}

PushResult AttendanceEntity::apply_pushed(CentralWrite& w,
                                          const protocol::MutationEnvelope& m) const {
    protocol::AttendanceMutation fact;
    try {
        fact = protocol::AttendanceMutation::from_json(m.payload, m.entity_id);
    } catch (const protocol::ValidationError& e) {
        if (e.field() == "occurred_at")
            return PushResult::rejected(m.mutation_id, "invalid_time",
                                        "payload.occurred_at must be an ISO 8601 instant.");
        throw;
    }
    const auto a = find_appointment(w.db, m.entity_id);
    if (auto problem = reach_problem(w, m, a, fact)) return *problem;
    AttendanceKind kind = fact.kind;
    if (protocol::is_outcome(kind)) {
        auto ruled = ruled_outcome(w, m, *a, fact);
        if (auto* rejection = std::get_if<PushResult>(&ruled)) return *rejection;
        kind = std::get<AttendanceKind>(ruled);
    }
    keep_fact(w, m, *a,
              {m.mutation_id, a->record.id, kind, fact.occurred_at, fact.recorded_by,
               w.device.device_id, fact.queue_number});
    std::int64_t version = a->record.version;
    // The one outcome of the appointment, also when the fact is a conflict: it is kept, so it is
    // what happened (DOMAIN: one outcome per appointment).
    if (protocol::is_outcome(kind)) {
        w.db.cached("UPDATE appointment SET outcome = ?, version = version + 1 WHERE id = ?")
            ->bind_all(protocol::to_string(kind), a->record.id)
            .run();
        publish_appointment(w.db, w.device.site_id, a->record.id);
        ++version;
    }
    if (m.base_version && *m.base_version != a->record.version) return conflict(w, m, *a, version);
    return PushResult::applied(m.mutation_id, version);
}

}  // namespace onthaal::entities
