// What the desk shows with a service's state: open deadlines, warnings and the next step, each a
// RuleResult with its reason code (docs/rules.md). `allowed == false` marks a warning (late, or
// a limit about to be reached); the others inform.
#include "domain/after_presence.hpp"
#include "domain/calendar.hpp"
#include "domain/service_state_parts.hpp"
#include "domain/time_text.hpp"

namespace onthaal::domain {
namespace {

RuleResult info(std::string code, std::string nl, std::string en, Date due) {
    return RuleResult::allow(std::move(code), std::move(nl), std::move(en)).with_due(due);
}

RuleResult warning(std::string code, std::string nl, std::string en, std::optional<Date> due) {
    RuleResult r = RuleResult::deny(std::move(code), std::move(nl), std::move(en));
    if (due) r.with_due(*due);
    return r;
}

bool has_first_sheet_rule(Programme p) {
    return is_tibb_family(p) || p == Programme::wij3 || p == Programme::twe_wz;  // 002, 004
}

void after_presence(const ServiceHistory& h, const ServiceState& s, Date today,
                    std::vector<RuleResult>& out) {
    if (has_first_sheet_rule(h.programme) && s.first_sheet_due && !s.first_sheet_signed) {
        const Date due = *s.first_sheet_due;
        out.push_back(
            days_between(due, today) > 0
                ? warning("agreement_sheet.overdue",
                          "Het eerste afsprakenblad is te laat (uiterlijk " +
                              format_date_for_people(due) + ").",
                          "The first agreement sheet is late (due " + format_date_for_people(due) +
                              ").",
                          due)
                : info("agreement_sheet.due",
                       "Eerste afsprakenblad uiterlijk op " + format_date_for_people(due) + ".",
                       "First agreement sheet due by " + format_date_for_people(due) + ".", due));
    }
    if (h.programme == Programme::twe_wz && !first_of(h, ServiceFactKind::weo_signed)) {
        const bool printed = first_of(h, ServiceFactKind::weo_printed) != nullptr;
        out.push_back(info(printed ? "weo.to_sign" : "weo.to_print",
                           printed ? "Laat de werkervaringsovereenkomst tekenen."
                                   : "Druk de werkervaringsovereenkomst af.",
                           printed ? "Have the work experience agreement signed."
                                   : "Print the work experience agreement.",
                           *s.weo_end));
    }
    if (s.stage != ServiceStage::present) return;
    const StartMediationFacts facts{h.programme,
                                    true,
                                    first_sheet_signed(h),
                                    next_contact_planned(h),
                                    first_of(h, ServiceFactKind::weo_printed) != nullptr,
                                    first_of(h, ServiceFactKind::weo_signed) != nullptr};
    const RuleResult start = check_start_mediation(facts);
    out.push_back(start.allowed ? RuleResult::allow("mediation.can_start",
                                                    "Het bemiddelingsproces kan starten.",
                                                    "The mediation process can start.")
                                : start);
}

void programme_limits(const ServiceHistory& h, const ServiceState& s, Date today,
                      std::vector<RuleResult>& out) {
    const Date start = *s.mediation_start;
    if (is_gob(h.programme) && s.stage_hours >= 700) {
        out.push_back(warning("registration.gbvs_near_800_hours",
                              "GBVS: " + std::to_string(static_cast<int>(s.stage_hours)) +
                                  " stage-uren gepland op de lijnen, van maximaal 800.",
                              "GBVS: " + std::to_string(static_cast<int>(s.stage_hours)) +
                                  " stage hours planned on the lines, of at most 800.",
                              std::nullopt));
    }
    if (h.programme == Programme::gob_gwpl && !s.aftercare_end)  // 000: at every intake
        out.push_back(info("gwpl.derbop_open",
                           "De lijn DERBOP (begeleiding tijdens opleiding) loopt sinds " +
                               format_date_for_people(start) + ".",
                           "The DERBOP line (guidance during training) runs since " +
                               format_date_for_people(start) + ".",
                           start));
    if (h.programme == Programme::gob_gwpl && s.aftercare_end) {
        const bool over = days_between(*s.aftercare_end, today) >= 0;
        out.push_back(info(over ? "gwpl.derbop_closed" : "gwpl.aftercare",
                           over ? "Nazorg voorbij: de lijn DERBOP is afgesloten."
                                : "Nazorg tot " + format_date_for_people(*s.aftercare_end) +
                                      "; daarna sluit de lijn DERBOP.",
                           over ? "Aftercare over: the DERBOP line is closed."
                                : "Aftercare until " + format_date_for_people(*s.aftercare_end) +
                                      "; then the DERBOP line closes.",
                           *s.aftercare_end));
    }
    if (h.programme == Programme::gob_gjc && !first_of(h, ServiceFactKind::action_plan_signed))
        out.push_back(warning("gjc.action_plan_missing",
                              "Nog geen actieplan ondertekend door werknemer en GOB.",
                              "No action plan signed by employee and GOB yet.", std::nullopt));
    if (h.programme == Programme::glow && days_between(today, add_months(start, 9)) >= 0)
        out.push_back(info("glow.short_jobs_until",
                           "Korte jobs tellen als voorbereiding tot " +
                               format_date_for_people(add_months(start, 9)) + ".",
                           "Short jobs count as preparation until " +
                               format_date_for_people(add_months(start, 9)) + ".",
                           add_months(start, 9)));
}

void art60(const ServiceHistory& h, const ServiceState& s, Date today,
           std::vector<RuleResult>& out) {
    if (h.programme != Programme::twe_art60) return;
    const Date contract_due = add_months(h.referred_on, 2);  // 003: at most 2 months before AO
    const ServiceFact* contract = first_of(h, ServiceFactKind::art60_contract);
    if (!contract)
        out.push_back(
            days_between(contract_due, today) > 0
                ? warning("twe_art60.contract_overdue",
                          "Meer dan 2 maanden zonder arbeidsovereenkomst art. 60.",
                          "More than 2 months without the art. 60 contract.", contract_due)
                : info("twe_art60.contract_due",
                       "Arbeidsovereenkomst art. 60 uiterlijk " +
                           format_date_for_people(contract_due) + ".",
                       "Art. 60 contract by " + format_date_for_people(contract_due) + ".",
                       contract_due));
    Date active = *s.mediation_start;  // 003: inactivity over 3 months: review suspend or stop
    for (const ServiceFact& f : h.facts)
        if (days_between(active, f.until.value_or(f.on)) > 0 && days_between(f.on, today) >= 0)
            active = f.until.value_or(f.on);
    if (days_between(add_months(active, 3), today) > 0)
        out.push_back(warning(
            "twe_art60.review_due", "Langer dan 3 maanden inactief: evalueer schorsen of stoppen.",
            "Inactive for over 3 months: review suspending or stopping.", add_months(active, 3)));
}

void closing(const ServiceState& s, std::vector<RuleResult>& out) {
    if (s.stage == ServiceStage::to_close)
        out.push_back(info(
            "closing.advice_due",
            "Te sluiten: eindadvies uiterlijk op " + format_date_for_people(*s.advice_deadline) +
                ", anders sluit de service "
                "automatisch zonder advies.",
            "To close: final advice by " + format_date_for_people(*s.advice_deadline) +
                ", else the service closes automatically without advice.",
            *s.advice_deadline));
    else if (s.max_end)
        out.push_back(
            info("service.max_end", "Maximale duur tot " + format_date_for_people(*s.max_end) + ".",
                 "Maximum duration until " + format_date_for_people(*s.max_end) + ".", *s.max_end));
}

}  // namespace

std::vector<RuleResult> service_notices(const ServiceHistory& h, const ServiceState& s,
                                        Date today) {
    std::vector<RuleResult> out;
    if (s.stage == ServiceStage::closed) {
        if (is_twe(h.programme))
            out.push_back(info(
                "twe.c91_available", "Het C91-attest (einde leertraject) kan afgedrukt worden.",
                "The C91 certificate (end of learning path) can be printed.", *s.closed_on));
        return out;
    }
    if (s.first_sheet_due) after_presence(h, s, today, out);
    if (!s.mediation_start) return out;
    out.push_back(contact_prompt());  // 002 §3.2 / 004 §2.2: at every contact
    programme_limits(h, s, today, out);
    art60(h, s, today, out);
    closing(s, out);
    return out;
}

}  // namespace onthaal::domain
