#include "domain/after_presence.hpp"

#include "domain/calendar.hpp"

namespace onthaal::domain {

Date first_agreement_sheet_due(Date first_presence) {
    return add_days(first_presence, 15);
}

RuleResult check_first_agreement_sheet(const AgreementSheetFacts& f) {
    const Date due = first_agreement_sheet_due(f.first_presence);
    if (days_between(f.first_presence, f.concluded_on) < 0) {
        return RuleResult::deny("agreement_sheet.before_presence",
                                "Het afsprakenblad kan niet vóór de aanwezigheid vallen.",
                                "The agreement sheet cannot predate the client's presence.")
            .with_due(due);
    }
    if (!f.signed_by_partner || !f.signed_by_client) {
        // 002 §2.2: "ondertekend door zowel de opdrachtnemer als de deelnemer".
        return RuleResult::deny(
                   "agreement_sheet.signatures_missing",
                   "Het eerste afsprakenblad moet ondertekend zijn door partner én klant.",
                   "The first agreement sheet needs both the partner's and the client's signature.")
            .with_due(due);
    }
    if (days_between(due, f.concluded_on) > 0) {
        // Recorded (it happened), but late: the desk and the coach see it.
        return RuleResult::allow("agreement_sheet.late",
                                 "Het eerste afsprakenblad is te laat afgesloten.",
                                 "The first agreement sheet was concluded late.")
            .with_due(due)
            .with_signal({"signal.agreement_sheet_late", "Eerste afsprakenblad te laat.",
                          "First agreement sheet late."});
    }
    return RuleResult::ok().with_due(due);
}

RuleResult check_start_mediation(const StartMediationFacts& f) {
    if (!f.present) {
        return RuleResult::deny(
            "mediation.requires_presence",
            "Start bemiddelingsproces kan pas na aanwezigheid op de eerste afspraak.",
            "Mediation can only start after presence at the first appointment.");
    }
    if (f.programme == Programme::twe_wz) {
        // 004 §1.4: the WEO is printed after presence; only once printed and signed can mediation
        // start.
        if (!f.weo_printed || !f.weo_signed) {
            return RuleResult::deny(
                "mediation.weo_required",
                "Druk de werkervaringsovereenkomst af en laat ze tekenen vóór de start.",
                "Print the work experience agreement and have it signed before starting.");
        }
        return RuleResult::ok();
    }
    // 002 §2.3: in 002's tenders, start after drawing up the first sheet and planning a next
    // contact. (reading) The other programmes' seeds set no condition beyond presence.
    const bool tender_002 = f.programme == Programme::tibb4 ||
                            f.programme == Programme::tibb4_anderstaligen ||
                            f.programme == Programme::scraba || f.programme == Programme::sab3 ||
                            f.programme == Programme::wij3;
    if (!tender_002) return RuleResult::ok();
    if (!f.first_sheet_concluded || !f.next_contact_planned) {
        return RuleResult::deny(
            "mediation.requires_sheet_and_next_contact",
            "Maak eerst het eerste afsprakenblad op en plan een volgend contact.",
            "First draw up the first agreement sheet and plan a next contact.");
    }
    return RuleResult::ok();
}

Date work_experience_agreement_end(Date first_appointment_date) {
    return add_years(first_appointment_date, 2);
}

RuleResult contact_prompt() {
    return RuleResult::allow("contact.verify_residence_and_work_permit",
                             "Controleer verblijfsstatuut en arbeidskaart.",
                             "Check residence status and work permit.");
}

}  // namespace onthaal::domain
