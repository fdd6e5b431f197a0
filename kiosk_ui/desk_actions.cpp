#include "kiosk_ui/desk_actions.hpp"

#include "domain/appointment_rules.hpp"
#include "domain/checkin_code.hpp"
#include "entities/appointment_entity.hpp"
#include "entities/attendance_entity.hpp"
#include "entities/residence_check_entity.hpp"
#include "local_store/kiosk_store.hpp"
#include "log/event_log.hpp"

namespace onthaal::http {
namespace {

domain::Date date_of(const std::string& utc_text) {
    const auto instant = domain::parse_instant(utc_text);
    return instant ? domain::brussels_date(*instant) : domain::Date{};
}

template <class Outcome>
Outcome refused(domain::RuleResult result) {
    Outcome o;
    o.status = ActionStatus::refused;
    o.result = std::move(result);
    return o;
}

}  // namespace

domain::GuidanceFacts client_guidance_facts(store::Database& db, store::DeskStore& store,
                                            const std::string& client_id,
                                            const std::string& programme) {
    domain::GuidanceFacts facts;
    facts.programme = domain::parse_programme(programme);
    // The same window and absence rule central applies (entities::first_appointment_window).
    const entities::FirstAppointmentWindow window =
        entities::first_appointment_window(db, client_id);
    std::vector<domain::CompletedFirstAppointment> completed;
    for (const auto& e : store.first_history(client_id)) {
        const auto outcome = domain::parse_first_outcome(e.kind);
        if (!outcome || e.appointment_starts_at < window.since) continue;
        completed.push_back({*outcome, e.registered});
        if (!facts.first_appointment_on)
            facts.first_appointment_on = date_of(e.appointment_starts_at);
        if (*outcome == domain::FirstOutcome::present)
            facts.present_on = date_of(e.appointment_starts_at);
        else
            facts.last_absence_on = date_of(e.appointment_starts_at);
    }
    facts.first = domain::fold_first_appointments(completed, window.rule);
    // The "plan before" line is done once something is planned after the latest absence.
    facts.next_planned =
        facts.first.absences > 0 &&
        !entities::client_appointments(db, client_id, entities::StoreKind::agent).plan_due;
    return facts;
}

CompleteOutcome CompleteAppointment::run(const CompleteInput& in) {
    store::DeskStore desk(db_);
    const auto a = desk.appointment(in.appointment_id);
    if (!a) return {{ActionStatus::not_found, domain::RuleResult::ok(), {}}, in.outcome};
    if (a->outcome) {
        return refused<CompleteOutcome>(domain::RuleResult::deny(
            "appointment.already_completed", "Deze afspraak is al afgewerkt.",
            "This appointment was already completed."));
    }
    CompleteOutcome out;
    out.recorded = in.outcome;
    if (a->kind == "first") {
        const auto facts = client_guidance_facts(db_, desk, a->client_id, a->programme);
        const auto decision =
            domain::complete_first_appointment(facts.first, in.outcome,
                                               {date_of(a->starts_at), a->registered,
                                                in.mediator_absent, a->checked_in_at.has_value()});
        if (!decision.result.allowed) return refused<CompleteOutcome>(decision.result);
        out.recorded = decision.recorded;
        out.result = decision.result;
    } else {
        out.result = domain::check_regular_outcome(in.outcome, in.mediator_absent);
        if (!out.result.allowed) return refused<CompleteOutcome>(out.result);
    }
    const auto view = store::KioskStore(db_).appointment_by_id(in.appointment_id);
    entities::AttendanceWriter(db_).record_attendance(
        *view, *protocol::parse_enum<protocol::AttendanceKind>(domain::to_string(out.recorded)),
        domain::format_instant(in.now), in.staff_id, in.mediator_absent);
    log::info("desk.completed", {{"appointment_id", in.appointment_id},
                                 {"outcome", std::string(domain::to_string(out.recorded))}});
    out.guidance =
        domain::client_guidance(client_guidance_facts(db_, desk, a->client_id, a->programme));
    return out;
}

PlanOutcome PlanAppointment::run(const PlanInput& in) {
    auto client = db_.cached("SELECT site_id FROM client WHERE id = ?");
    client->bind_all(in.client_id);
    if (!client->step()) {
        PlanOutcome none;
        none.status = ActionStatus::not_found;
        return none;
    }
    const std::string site_id = client->column_text(0);
    const domain::ClientAppointments history =
        entities::client_appointments(db_, in.client_id, entities::StoreKind::agent);
    protocol::AppointmentRecord a;
    a.id = "ap-" + store::new_mutation_id().substr(0, 16);
    a.client_id = in.client_id;
    a.staff_id = in.mediator_id.empty() ? in.staff_id : in.mediator_id;
    auto staff = db_.cached("SELECT 1 FROM staff_account WHERE id = ? AND site_id = ?");
    staff->bind_all(a.staff_id, site_id);
    if (!staff->step()) {
        return refused<PlanOutcome>(domain::RuleResult::deny(
            "plan.unknown_mediator", "Kies een bemiddelaar van deze vestiging.",
            "Choose a mediator of this site."));
    }
    a.kind = domain::next_must_be_first(history) ? protocol::AppointmentKind::first
                                                 : protocol::AppointmentKind::regular;
    a.registered = in.registered;
    a.starts_at = domain::format_instant(in.starts_at);
    a.duration_min = in.duration_min;
    a.location = in.location;
    a.checkin_code = domain::new_checkin_code();
    const bool first = a.kind == protocol::AppointmentKind::first;
    const domain::RuleResult rule =
        domain::check_planned_appointment(history, {first, a.registered});
    if (!rule.allowed) return refused<PlanOutcome>(rule);
    if (in.late_reason.find_first_not_of(" \t\r\n") != std::string::npos)
        a.late_reason = in.late_reason;
    const domain::RuleResult late = domain::check_plan_deadline(  // the day it is planned ON
        history, domain::brussels_date(in.now), a.late_reason.has_value());
    if (!late.allowed) return refused<PlanOutcome>(late);
    entities::plan_appointment(db_, a, site_id, domain::format_instant(in.now), in.staff_id);
    log::info("desk.planned", {{"appointment_id", a.id},
                               {"kind", std::string(protocol::to_string(a.kind))},
                               {"registered", a.registered ? "yes" : "no"}});
    PlanOutcome out;
    out.result = rule;
    out.appointment_id = a.id;
    out.checkin_code = a.checkin_code;
    out.first = first;
    out.registered = a.registered;
    return out;
}

TodayAtDesk ListToday::run(domain::Instant now) {
    TodayAtDesk today;
    today.day = domain::brussels_date(now);
    const auto from = domain::brussels_day_start(today.day);
    const auto to = domain::brussels_day_start(
        domain::Date(std::chrono::sys_days(today.day) + std::chrono::days(1)));
    store::DeskStore store(db_);
    const auto checked = entities::residence_checked_on(db_, domain::format_date(today.day));
    for (auto& a :
         store.appointments_between(domain::format_instant(from), domain::format_instant(to))) {
        auto guidance =
            domain::client_guidance(client_guidance_facts(db_, store, a.client_id, a.programme));
        const bool done = checked.contains(a.client_id);
        today.rows.push_back({std::move(a), std::move(guidance), done});
    }
    today.staff = store.active_staff();
    today.sync = store::SyncAccess(db_).status();
    today.conflicts = store.open_conflicts();
    return today;
}

bool CheckResidence::run(const std::string& client_id, const std::string& staff_id,
                         domain::Instant now) {
    auto client = db_.cached("SELECT site_id FROM client WHERE id = ?");
    client->bind_all(client_id);
    if (!client->step()) return false;
    const std::string site_id = client->column_text(0);
    const std::string day = domain::format_date(domain::brussels_date(now));
    if (entities::residence_checked_on(db_, day).contains(client_id)) return true;
    entities::record_residence_check(db_, site_id, client_id, day, staff_id,
                                     domain::format_instant(now));
    return true;
}

bool ReviewConflict::run(const std::string& mutation_id, const std::string& staff_id,
                         domain::Instant now) {
    return store::DeskStore(db_).mark_conflict_reviewed(mutation_id, staff_id,
                                                        domain::format_instant(now));
}

}  // namespace onthaal::http
