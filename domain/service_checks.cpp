// Whether a fact may be recorded in a service now (service_state.hpp): the agent checks it at the
// desk, offline too, and central checks it again on its own history with the same code.
#include <algorithm>

#include "domain/after_presence.hpp"
#include "domain/calendar.hpp"
#include "domain/service_state_parts.hpp"
#include "domain/time_text.hpp"

namespace onthaal::domain {
namespace {

using K = ServiceFactKind;

RuleResult deny(const char* code, const char* nl, const char* en) {
    return RuleResult::deny(code, nl, en);
}

// A fact that must not be dated before an earlier one it follows (a signature before its sheet,
// a start before what allows it): without this, a backdated date moves every deadline with it.
std::optional<RuleResult> not_before(const ServiceFact& f, const ServiceFact* earlier,
                                     const char* code, const char* nl, const char* en) {
    if (earlier && days_between(earlier->on, f.on) < 0) return RuleResult::deny(code, nl, en);
    return std::nullopt;
}

bool may_lie_ahead(K kind) {
    return kind == K::training_line || kind == K::short_job || kind == K::art60_contract;
}

std::optional<RuleResult> check_dates(const ServiceHistory& h, const ServiceFact& f, Date today) {
    if (!may_lie_ahead(f.kind) && days_between(today, f.on) > 0)
        return deny("service.date_in_future", "Deze datum ligt in de toekomst.",
                    "This date lies in the future.");
    if (days_between(h.referred_on, f.on) < 0)
        return deny("service.before_referral", "Deze datum ligt vóór de doorverwijzing.",
                    "This date is before the referral.");
    if (f.until && days_between(f.on, *f.until) < 0)
        return deny("registration.ends_before_start", "De einddatum ligt vóór de startdatum.",
                    "The end date is before the start date.");
    return std::nullopt;
}

std::optional<RuleResult> wrong_programme(const ServiceHistory& h, const ServiceFact& f) {
    const Programme p = h.programme;
    const bool fits = [&] {
        switch (f.kind) {
            case K::weo_printed:
            case K::weo_signed:
                return p == Programme::twe_wz;
            case K::suspended:
            case K::resumed:
                return is_twe(p);
            case K::work_found:
                return p == Programme::gob_gwpl;
            case K::action_plan_signed:
                return p == Programme::gob_gjc;
            case K::short_job:
                return p == Programme::glow;
            case K::art60_contract:
            case K::art60_contract_ended:
                return p == Programme::twe_art60;
            default:
                return true;
        }
    }();
    if (fits) return std::nullopt;
    return deny("service.not_for_programme", "Dit hoort niet bij dit programma.",
                "This does not belong to this programme.");
}

RuleResult check_sheet(const ServiceHistory& h, const ServiceFact& f) {
    if (days_between(*h.first_presence, f.on) < 0)
        return deny("agreement_sheet.before_presence",
                    "Het afsprakenblad kan niet vóór de aanwezigheid vallen.",
                    "The agreement sheet cannot predate the client's presence.");
    if (f.next_contact && days_between(f.on, *f.next_contact) < 0)
        return deny("agreement_sheet.next_contact_before_sheet",
                    "Het volgende contact ligt vóór het afsprakenblad.",
                    "The next contact predates the sheet.");
    return RuleResult::ok();
}

RuleResult check_sheet_signed(const ServiceHistory& h, const ServiceFact& f) {
    const auto sheet = std::find_if(h.facts.begin(), h.facts.end(), [&](const ServiceFact& s) {
        return s.kind == K::agreement_sheet && s.id == f.refers_to;
    });
    if (sheet == h.facts.end())
        return deny("agreement_sheet.unknown", "Dit afsprakenblad bestaat niet.",
                    "No such agreement sheet.");
    const bool again = std::any_of(h.facts.begin(), h.facts.end(), [&](const ServiceFact& s) {
        return s.kind == K::agreement_sheet_signed && s.refers_to == f.refers_to;
    });
    if (again)
        return deny("agreement_sheet.already_signed", "Dit afsprakenblad is al ondertekend.",
                    "This agreement sheet is signed already.");
    if (auto early = not_before(f, &*sheet, "agreement_sheet.signed_before_drawn_up",
                                "De handtekening ligt vóór het opmaken van het blad.",
                                "The signature predates the sheet."))
        return *early;
    if (&*sheet != first_of(h, K::agreement_sheet)) return RuleResult::ok();
    // 002 §2.2 / 004 §1.3: the first sheet, signed by both, within 15 days of presence.
    return check_first_agreement_sheet({*h.first_presence, f.on, true, true});
}

// Allowed, but close to a GBVS limit: the desk says so before the next line is refused.
std::optional<RuleResult> near_gbvs_limits(const std::vector<StageLine>& lines) {
    const auto [hours, first, last] = stage_span(lines);
    if (hours >= 700)
        return RuleResult::allow(
            "registration.gbvs_near_800_hours",
            "Geregistreerd; de GBVS telt nu " + std::to_string(static_cast<int>(hours)) +
                " van maximaal 800 stage-uren.",
            "Recorded; the GBVS now has " + std::to_string(static_cast<int>(hours)) +
                " of at most 800 stage hours.");
    if (days_between(add_months(first, 7), last) >= 0)
        return RuleResult::allow(
                   "registration.gbvs_near_8_months",
                   "Geregistreerd; de GBVS loopt tot " +
                       format_date_for_people(add_months(first, 8)) + " (maximaal 8 maanden).",
                   "Recorded; the GBVS may run until " +
                       format_date_for_people(add_months(first, 8)) + " (at most 8 months).")
            .with_due(add_months(first, 8));
    return std::nullopt;
}

RuleResult check_training_line(const ServiceHistory& h, const ServiceFact& f) {
    if (!f.code || !f.until || f.hours < 0)
        return deny("registration.incomplete", "Code, start- en einddatum en uren zijn nodig.",
                    "A code, start and end dates and hours are needed.");
    const RegistrationFacts facts{*f.code, h.programme, f.on, *f.until,
                                  count_of_code(h, TrainingCode::gob_specialised_953070)};
    RuleResult r = check_registration(facts);
    if (!r.allowed || *f.code != TrainingCode::gbvs_stage) return r;
    // 000: the GBVS is registered from the 953070 line ("vanuit de opleidingslijn 953070").
    if (count_of_code(h, TrainingCode::gob_specialised_953070) == 0)
        return deny("registration.gbvs_needs_953070", "Registreer eerst de opleidingslijn 953070.",
                    "Register the 953070 training line first.");
    // 000: a GBVS is at most 800 stage hours over at most 8 months, over all its lines.
    std::vector<StageLine> lines;
    for (const ServiceFact& l : h.facts)
        if (l.kind == K::training_line && l.code == f.code)
            lines.push_back({l.on, *l.until, l.hours});
    lines.push_back({f.on, *f.until, f.hours});
    const RuleResult stage = check_exploration_stage(lines);
    if (!stage.allowed) return stage;
    return near_gbvs_limits(lines).value_or(r);
}

RuleResult check_advice(const ServiceHistory& h, const ServiceFact& f, Date today) {
    // Advice is given on the day it is recorded: a backdated one could slip past the month.
    if (days_between(f.on, today) != 0)
        return deny("closing.advice_dated_today", "Het eindadvies draagt de datum van vandaag.",
                    "The final advice carries today's date.");
    const ServiceState s = derive_service_state(h, today);
    if (s.stage != ServiceStage::to_close)
        return deny("closing.not_due", "De service staat niet op 'te sluiten'.",
                    "The service is not due to close.");
    if (!f.advice)
        return deny("closing.advice_missing", "Kies een eindadvies.", "Choose a final advice.");
    if (f.delivered_by != "print" && f.delivered_by != "mail")
        return deny("closing.advice_not_delivered", "Druk het adviesdocument af of mail het eerst.",
                    "Print or mail the advice document first.");
    if (f.closing_reason && f.closing_reason != s.closing_reason)
        return deny("closing.reason_changed",
                    "De reden van afsluiten is intussen veranderd; bekijk het dossier opnieuw.",
                    "The reason for closing has changed meanwhile; look at the file again.");
    const RuleResult window = check_final_advice_window(*s.to_close_on, f.on);
    if (!window.allowed) return window;
    return check_final_advice(h.programme, *s.closing_reason, *f.advice);
}

RuleResult check_suspension(const ServiceHistory& h, const ServiceFact& f) {
    if (currently_suspended(h))
        return deny("twe.already_suspended", "Al geschorst.", "Already suspended.");
    return not_before(f, last_of(h, K::resumed), "twe.suspended_before_resumption",
                      "De schorsing ligt vóór de vorige hervatting.",
                      "The suspension predates the last resumption.")
        .value_or(RuleResult::ok());
}

RuleResult check_art60_end(const ServiceHistory& h, const ServiceFact& f) {
    const ServiceFact* contract = first_of(h, K::art60_contract);
    if (!contract || first_of(h, K::art60_contract_ended))
        return deny("twe_art60.no_running_contract", "Er loopt geen arbeidsovereenkomst art. 60.",
                    "No art. 60 contract is running.");
    return not_before(f, contract, "twe_art60.ends_before_it_starts",
                      "Het einde ligt vóór de start van de overeenkomst.",
                      "The end predates the contract's start.")
        .value_or(RuleResult::ok());
}

RuleResult check_after_start(const ServiceHistory& h, const ServiceFact& f, Date today) {
    const ServiceFact* start = first_of(h, K::mediation_started);
    if (!start)
        return deny("mediation.not_started", "Start eerst het bemiddelingsproces.",
                    "Start the mediation process first.");
    if (auto early = not_before(f, start, "service.before_mediation_start",
                                "Deze datum ligt vóór de start van de bemiddeling.",
                                "This date is before the start of mediation."))
        return *early;
    switch (f.kind) {
        case K::training_line:
            return check_training_line(h, f);
        case K::suspended:
            return check_suspension(h, f);
        case K::resumed:
            if (!currently_suspended(h))
                return deny("twe.not_suspended", "Niet geschorst.", "Not suspended.");
            return not_before(f, last_of(h, K::suspended), "twe.resumed_before_suspension",
                              "De hervatting ligt vóór de schorsing.",
                              "The resumption predates the suspension.")
                .value_or(RuleResult::ok());
        case K::work_found:
        case K::art60_contract:
            return first_of(h, f.kind)
                       ? deny("service.registered_already", "Dit is al geregistreerd.",
                              "This is registered already.")
                       : RuleResult::ok();
        case K::art60_contract_ended:
            return check_art60_end(h, f);
        case K::short_job:
            // 001 §1.3.2: short jobs count as preparation only in the first 9 months.
            return days_between(add_months(start->on, 9), f.on) > 0
                       ? deny("glow.short_job_after_9_months",
                              "Korte jobs tellen enkel in de eerste 9 maanden van GLOW.",
                              "Short jobs count only in GLOW's first 9 months.")
                       : RuleResult::ok();
        case K::final_advice:
            return check_advice(h, f, today);
        default:
            return RuleResult::ok();
    }
}

RuleResult check_start(const ServiceHistory& h, const ServiceFact& f) {
    if (first_of(h, K::mediation_started))
        return deny("mediation.already_started", "Het bemiddelingsproces is al gestart.",
                    "The mediation process has started already.");
    if (h.first_presence && days_between(*h.first_presence, f.on) < 0)
        return deny("mediation.before_presence", "De start ligt vóór de aanwezigheid.",
                    "The start is before the client's presence.");
    // Not before what allows it: the signed first sheet (002 §2.3), the signed WEO (004 §1.4).
    const ServiceFact* allowed_by =
        h.programme == Programme::twe_wz ? first_of(h, K::weo_signed) : first_sheet_signature(h);
    if (auto early = not_before(f, allowed_by, "mediation.before_its_conditions",
                                "De start ligt vóór de handtekening die hem toelaat.",
                                "The start predates the signature that allows it."))
        return *early;
    return check_start_mediation({h.programme, h.first.present, first_sheet_signed(h),
                                  next_contact_planned(h), first_of(h, K::weo_printed) != nullptr,
                                  first_of(h, K::weo_signed) != nullptr});
}

RuleResult check_action_plan(const ServiceFact& f) {
    // 000: when the employer takes part, a three-party "Jobcoaching" agreement as well.
    if (f.employer_involved && !f.three_party_agreement)
        return deny("gjc.three_party_agreement_required",
                    "De werkgever doet mee: ook de driepartijenovereenkomst is nodig.",
                    "The employer takes part: the three-party agreement is needed too.");
    return RuleResult::ok();
}

}  // namespace

int count_of_code(const ServiceHistory& h, TrainingCode code) {
    return static_cast<int>(std::count_if(h.facts.begin(), h.facts.end(), [&](const auto& f) {
        return f.kind == K::training_line && f.code == code;
    }));
}

namespace {

// Closed or stopped on the day the fact is recorded (central: on the day it was recorded on the
// device): nothing more. A fact dated before the closing is no exception: a device offline for
// days is judged on the day it recorded the fact, so only a backdated registration would slip in.
std::optional<RuleResult> closed_for(const ServiceHistory& h, Date today) {
    const ServiceState s = derive_service_state(h, today);
    if (s.stage == ServiceStage::stopped)
        return deny("service.stopped", "De service is gestopt wegens afwezigheid.",
                    "The service was stopped because of absence.");
    if (s.stage == ServiceStage::closed)
        return deny("service.closed", "Deze service is afgesloten.", "This service is closed.");
    return std::nullopt;
}

}  // namespace

RuleResult check_service_fact(const ServiceHistory& h, const ServiceFact& f, Date today) {
    if (auto closed = closed_for(h, today)) return *closed;
    if (auto bad = check_dates(h, f, today)) return *bad;
    if (auto other = wrong_programme(h, f)) return *other;
    if (!h.first.present || !h.first_presence)
        return deny("mediation.requires_presence",
                    "Dit kan pas na aanwezigheid op de eerste afspraak.",
                    "This is possible only after presence at the first appointment.");
    switch (f.kind) {
        case K::agreement_sheet:
            return check_sheet(h, f);
        case K::agreement_sheet_signed:
            return check_sheet_signed(h, f);
        case K::weo_printed:
            return RuleResult::ok().with_due(work_experience_agreement_end(*h.first_presence));
        case K::weo_signed:
            if (!first_of(h, K::weo_printed))
                return deny("weo.not_printed", "Druk de overeenkomst eerst af.",
                            "Print the agreement first.");
            return not_before(f, first_of(h, K::weo_printed), "weo.signed_before_printed",
                              "De handtekening ligt vóór het afdrukken.",
                              "The signature predates the printing.")
                .value_or(RuleResult::ok());
        case K::mediation_started:
            return check_start(h, f);
        case K::action_plan_signed:
            return check_action_plan(f);
        case K::final_advice:
            return check_advice(h, f, today);  // TWE-wz may be due to close before any start
        default:
            return check_after_start(h, f, today);
    }
}

}  // namespace onthaal::domain
