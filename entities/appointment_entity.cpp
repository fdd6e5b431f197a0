#include "entities/appointment_entity.hpp"

#include <stdexcept>

#include "domain/time_text.hpp"
#include "entities/client_entity.hpp"
#include "entities/service_central_parts.hpp"
#include "local_store/kiosk_store.hpp"
#include "local_store/transaction.hpp"

namespace onthaal::entities {
namespace {

using protocol::AppointmentKind;

constexpr PushPermission kPermissions[] = {{"plan", false, true, true}};

// On the agent: the fact `e` was not refused by central.
constexpr const char* kNotRefused =
    "NOT EXISTS (SELECT 1 FROM outbox o WHERE o.mutation_id = e.id AND o.state = 'quarantined')";

// The outcome a device recorded for this appointment and central did not refuse (its outbox row
// pending or applied, or a fact pulled from another device): the appointment's one outcome, kept
// when central's record does not carry it yet (a pull that crossed the push, a conflict).
void keep_local_outcome(store::Database& db, const std::string& appointment_id) {
    auto q = db.cached(
        "SELECT e.kind FROM attendance_event e LEFT JOIN outbox o ON o.mutation_id = e.id"
        " WHERE e.appointment_id = ? AND e.kind != 'checked_in'"
        " AND (o.state IS NULL OR o.state != 'quarantined') ORDER BY e.seq DESC LIMIT 1");
    std::string outcome;
    {
        q->bind_all(appointment_id);
        if (!q->step()) return;
        outcome = q->column_text(0);
    }
    db.cached("UPDATE appointment SET outcome = ? WHERE id = ?")
        ->bind_all(outcome, appointment_id)
        .run();
}

template <class... Values>
bool exists(store::Database& db, const char* sql, const Values&... values) {
    auto q = db.cached(sql);
    q->bind_all(values...);
    return q->step();
}

std::optional<protocol::PushResult> plan_problem(CentralWrite& w,
                                                 const protocol::MutationEnvelope& m,
                                                 const protocol::AppointmentRecord& a) {
    using protocol::PushResult;
    store::Database& db = w.db;
    if (!exists(db, "SELECT 1 FROM client WHERE id = ? AND site_id = ?", a.client_id,
                w.device.site_id))
        return PushResult::rejected(m.mutation_id, "unknown_client",
                                    "No client with this id at this site.");
    if (auto outside = check_caseload(w, m, coach_of_client(db, a.client_id))) return outside;
    if (!exists(db, "SELECT 1 FROM staff WHERE id = ? AND site_id = ?", a.staff_id,
                w.device.site_id))
        return PushResult::rejected(m.mutation_id, "appointment.unknown_staff",
                                    "staff_id must be a staff member of this site.");
    if (exists(db, "SELECT 1 FROM appointment WHERE id = ?", a.id))
        return PushResult::rejected(m.mutation_id, "appointment.exists",
                                    "An appointment with this id exists already.");
    if (exists(db, "SELECT 1 FROM appointment WHERE site_id = ? AND checkin_code = ?",
               w.device.site_id, a.checkin_code))
        return PushResult::rejected(m.mutation_id, "appointment.code_taken",
                                    "This check-in code is taken at this site.");
    const auto rule = domain::check_planned_appointment(
        client_appointments(db, a.client_id), {a.kind == AppointmentKind::first, a.registered});
    if (!rule.allowed)
        return PushResult::rejected(m.mutation_id, rule.reason_code, rule.message_en);
    // Judged on the day the device planned it (bounded as every fact's day), not the day the
    // appointment falls on: 002 §2.1.1.
    const auto late =
        domain::check_plan_deadline(client_appointments(db, a.client_id),
                                    judged_on(m.device_time, w.now), a.late_reason.has_value());
    if (!late.allowed)
        return PushResult::rejected(m.mutation_id, late.reason_code, late.message_en);
    return std::nullopt;
}

}  // namespace

void AppointmentEntity::apply_pulled(store::Database& db, const protocol::PulledChange& change,
                                     const store::DeviceIdentity& device) const {
    if (change.op == protocol::ChangeOp::remove) {
        db.cached("DELETE FROM appointment WHERE id = ?")->bind_all(change.id).run();
        return;
    }
    const auto a = protocol::AppointmentRecord::from_json(change.data, change.id);
    // A kiosk's view brings the client along (publish_appointment).
    if (const auto client = change.data.find("client");
        client != change.data.end() && client->is_object()) {
        store_pulled_client(db, protocol::ClientRecord::from_json(*client, a.client_id), device);
    }
    db.cached(
          "INSERT INTO appointment (id, site_id, client_id, staff_id, kind, registered, starts_at,"
          " duration_min, location, checkin_code, outcome, version, late_reason) VALUES (?, ?, ?, "
          "?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT(id) DO UPDATE SET client_id = "
          "excluded.client_id, staff_id = excluded.staff_id, kind = excluded.kind, registered = "
          "excluded.registered, starts_at = excluded.starts_at, duration_min = "
          "excluded.duration_min, location = excluded.location, checkin_code = "
          "excluded.checkin_code, outcome = excluded.outcome, version = excluded.version, "
          "late_reason = excluded.late_reason")
        ->bind_all(
            a.id, device.site_id, a.client_id, a.staff_id, protocol::to_string(a.kind),
            a.registered, a.starts_at, a.duration_min, a.location, a.checkin_code,
            a.outcome ? std::optional<std::string>(protocol::to_string(*a.outcome)) : std::nullopt,
            a.version, a.late_reason)
        .run();
    if (!a.outcome) keep_local_outcome(db, a.id);
}

std::string AppointmentEntity::push_kind(const protocol::MutationEnvelope&) const {
    return "plan";
}

std::span<const PushPermission> AppointmentEntity::push_permissions() const {
    return kPermissions;
}

protocol::PushResult AppointmentEntity::apply_pushed(CentralWrite& w,
                                                     const protocol::MutationEnvelope& m) const {
    const auto a = protocol::AppointmentRecord::from_plan_json(m.payload, m.entity_id);
    if (auto problem = plan_problem(w, m, a)) return *problem;
    w.db.cached(
            "INSERT INTO appointment (id, site_id, client_id, staff_id, kind, registered, "
            "starts_at, duration_min, location, checkin_code, late_reason) VALUES (?, ?, ?, ?, ?, "
            "?, ?, ?, ?, ?, ?)")
        ->bind_all(a.id, w.device.site_id, a.client_id, a.staff_id, protocol::to_string(a.kind),
                   a.registered, a.starts_at, a.duration_min, a.location, a.checkin_code,
                   a.late_reason)
        .run();
    publish_appointment(w.db, w.device.site_id, a.id);
    return protocol::PushResult::applied(m.mutation_id, 1);
}

std::string plan_appointment(store::Database& db, const protocol::AppointmentRecord& a,
                             const std::string& site_id, const std::string& now,
                             const std::string& staff_id) {
    const std::string mutation_id = store::new_mutation_id();
    store::Transaction tx(db);
    db.cached(
          "INSERT INTO appointment (id, site_id, client_id, staff_id, kind, registered, starts_at, "
          "duration_min, location, checkin_code, late_reason, version) VALUES (?, ?, ?, ?, ?, ?, "
          "?, ?, ?, ?, ?, 0)")
        ->bind_all(a.id, site_id, a.client_id, a.staff_id, protocol::to_string(a.kind),
                   a.registered, a.starts_at, a.duration_min, a.location, a.checkin_code,
                   a.late_reason)
        .run();
    db.cached(
          "INSERT INTO outbox (mutation_id, entity, entity_id, base_version, payload, created_at, "
          "device_time) VALUES (?, 'appointment', ?, NULL, ?, ?, ?)")
        ->bind_all(mutation_id, a.id, a.to_plan_json().dump(), now, now)
        .run();
    db.cached(
          "INSERT INTO audit_log (at, actor, action, entity, entity_id) VALUES (?, ?, "
          "'appointment.planned', 'appointment', ?)")
        ->bind_all(now, staff_id, a.id)
        .run();
    tx.commit();
    return mutation_id;
}

std::vector<domain::CompletedFirstAppointment> first_history(store::Database& db,
                                                             const std::string& client_id,
                                                             StoreKind store,
                                                             const std::string& since) {
    static const std::string kFacts =
        "SELECT e.kind, a.registered FROM attendance_event e JOIN appointment a ON a.id = "
        "e.appointment_id WHERE a.client_id = ? AND a.kind = 'first' AND e.kind IN ('present', "
        "'absent_valid', 'absent_invalid') AND a.starts_at >= ?";
    static const std::string kOrder = " ORDER BY e.occurred_at, e.seq";
    auto q = db.cached(store == StoreKind::central ? kFacts + kOrder
                                                   : kFacts + " AND " + kNotRefused + kOrder);
    q->bind_all(client_id, since);
    std::vector<domain::CompletedFirstAppointment> history;
    while (q->step()) {
        history.push_back(
            {*domain::parse_first_outcome(q->column_text(0)), q->column_int64(1) != 0});
    }
    return history;
}

FirstAppointmentWindow first_appointment_window(store::Database& db, const std::string& client_id) {
    FirstAppointmentWindow w;
    auto service = db.cached(
        "SELECT programme, referred_on FROM service WHERE client_id = ? ORDER BY referred_on "
        "DESC, id LIMIT 1");
    service->bind_all(client_id);
    std::optional<domain::Programme> programme;
    if (service->step()) {
        programme = domain::parse_programme(service->column_text(0));
        if (const auto referred = domain::parse_date(service->column_text(1)))
            w.since = domain::format_instant(domain::brussels_day_start(*referred));
    } else {
        auto client = db.cached("SELECT programme FROM client WHERE id = ?");
        client->bind_all(client_id);
        if (client->step()) programme = domain::parse_programme(client->column_text(0));
    }
    if (programme) w.rule = domain::absence_rule(*programme);
    return w;
}

domain::FirstAppointmentState first_appointment_state(store::Database& db,
                                                      const std::string& client_id,
                                                      StoreKind store) {
    const FirstAppointmentWindow w = first_appointment_window(db, client_id);
    return domain::fold_first_appointments(first_history(db, client_id, store, w.since), w.rule);
}

domain::ClientAppointments client_appointments(store::Database& db, const std::string& client_id,
                                               StoreKind store) {
    domain::ClientAppointments c;
    c.first = first_appointment_state(db, client_id, store);
    auto q = db.cached(
        "SELECT kind, registered, outcome, starts_at FROM appointment WHERE client_id = ?"
        " ORDER BY starts_at DESC, id DESC");
    q->bind_all(client_id);
    bool latest = true;
    while (q->step()) {
        c.has_appointment = true;
        const bool first = q->column_text(0) == "first";
        c.has_first_appointment = c.has_first_appointment || first;
        const auto outcome = q->column_optional_text(2).value_or("");
        if (latest && outcome == "rescheduled")
            c.last_rescheduled = domain::AppointmentType{first, q->column_int64(1) != 0};
        // Nothing planned after the latest absence yet: the 7-day target runs, for the services
        // whose seeds set it (002's tenders, TWE-wz by 004 §1.2: the absence flow); GLOW asks
        // for a mediation interview instead, TWE-art60 and GOB only record the absence.
        const bool absence = outcome == "absent_valid" || outcome == "absent_invalid";
        if (latest && first && absence && !c.first.present && !c.first.stopped &&
            c.first.rule == domain::AbsenceRule::stop_flow) {
            if (const auto start = domain::parse_instant(q->column_text(3)))
                c.plan_due = domain::plan_due_after_absence(domain::brussels_date(*start));
        }
        latest = false;
    }
    return c;
}

protocol::AppointmentRecord appointment_from_row(const store::Statement& q, int first) {
    protocol::AppointmentRecord a;
    a.id = q.column_text(first);
    a.client_id = q.column_text(first + 1);
    a.staff_id = q.column_text(first + 2);
    a.kind = protocol::parse_enum<AppointmentKind>(q.column_text(first + 3))
                 .value_or(AppointmentKind::regular);
    a.registered = q.column_int64(first + 4) != 0;
    a.starts_at = q.column_text(first + 5);
    a.duration_min = q.column_int64(first + 6);
    a.location = q.column_text(first + 7);
    a.checkin_code = q.column_text(first + 8);
    if (const auto outcome = q.column_optional_text(first + 9))
        a.outcome = protocol::parse_enum<protocol::AttendanceKind>(*outcome);
    a.version = q.column_int64(first + 10);
    a.late_reason = q.column_optional_text(first + 11);
    return a;
}

protocol::AppointmentRecord central_appointment(store::Database& db, const std::string& id) {
    auto q = db.cached(std::string("SELECT ") + kCentralAppointmentColumns +
                       " FROM appointment a WHERE a.id = ?");
    q->bind_all(id);
    if (!q->step()) throw std::out_of_range("appointment '" + id + "' does not exist");
    return appointment_from_row(*q, 0);
}

std::optional<nlohmann::json> central_appointment_at(store::Database& db, const std::string& id,
                                                     std::int64_t version) {
    auto q = db.cached(
        "SELECT payload FROM change_log WHERE entity = 'appointment' AND entity_id = ? AND op = "
        "'upsert' AND json_extract(payload, '$.version') = ? ORDER BY seq DESC LIMIT 1");
    q->bind_all(id, version);
    if (!q->step()) return std::nullopt;
    auto record = nlohmann::json::parse(q->column_text(0), nullptr, false);
    if (record.is_discarded()) return std::nullopt;
    return record;
}

// A kiosk's view carries the client's kiosk view inside: a kiosk holds exactly the clients of the
// appointments it may check in for (issue 12, item 4), and never a separate client list.
void publish_appointment(store::Database& db, const std::string& site_id, const std::string& id) {
    const auto record = central_appointment(db, id);
    const auto client = central_client(db, record.client_id);
    nlohmann::json kiosk_view = record.to_json();
    kiosk_view["client"] = client.to_kiosk_json();
    kiosk_view.erase("late_reason");  // a staff member's words about the client: not for a kiosk
    append_change(
        db, {site_id, client.coach_id, false, std::nullopt, kiosk_view.dump(), record.starts_at},
        "appointment", id, "upsert", record.to_json().dump());
}

void republish_open_appointments(store::Database& db, const std::string& site_id,
                                 const std::string& client_id) {
    std::vector<std::string> open;
    // Not years-old no-shows: a kiosk forgets an appointment a day after it (central's clock).
    auto q = db.cached(
        "SELECT id FROM appointment WHERE client_id = ? AND outcome IS NULL AND starts_at >= "
        "strftime('%Y-%m-%dT%H:%M:%SZ', 'now', '-1 day')");
    q->bind_all(client_id);
    while (q->step()) open.push_back(q->column_text(0));
    for (const auto& id : open) publish_appointment(db, site_id, id);
}

}  // namespace onthaal::entities
