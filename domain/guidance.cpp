#include "domain/guidance.hpp"

#include "domain/after_presence.hpp"
#include "domain/appointment_rules.hpp"
#include "domain/calendar.hpp"
#include "domain/time_text.hpp"

namespace onthaal::domain {

std::vector<RuleResult> client_guidance(const GuidanceFacts& f) {
    std::vector<RuleResult> out;
    if (f.first.stopped) {
        // 002 §2.1.1: the service stopped automatically and VDAB's mediator was signalled.
        out.push_back(RuleResult::allow(
            "guidance.service_stopped",
            "De service is gestopt wegens afwezigheid; de VDAB-bemiddelaar kreeg een signaal.",
            "The service stopped because of absence; the VDAB mediator was signalled."));
        return out;
    }
    if (!f.first.present && f.first.absences > 0 && f.last_absence_on && !f.next_planned) {
        const bool registered = f.first.rule == AbsenceRule::stop_flow &&
                                (f.first.last_absence_invalid || f.first.absences >= 2);
        const Date due = plan_due_after_absence(*f.last_absence_on);
        out.push_back(
            (registered
                 ? RuleResult::allow(
                       "guidance.plan_registered",
                       "Plan vóór " + format_date(due) + " een aangetekende afspraak.",
                       "Plan a registered appointment before " + format_date(due) + ".")
                 : RuleResult::allow("guidance.plan_ordinary",
                                     "Plan vóór " + format_date(due) + " een nieuwe afspraak.",
                                     "Plan a new appointment before " + format_date(due) + "."))
                .with_due(due));
    }
    if (f.first.present && f.present_on) {
        const Date due = first_agreement_sheet_due(*f.present_on);
        out.push_back(RuleResult::allow(
                          "guidance.first_agreement_sheet_due",
                          "Eerste afsprakenblad ten laatste op " + format_date(due) +
                              ", door beiden getekend.",
                          "First agreement sheet due on " + format_date(due) + ", signed by both.")
                          .with_due(due));
        if (f.programme == Programme::twe_wz && f.first_appointment_on) {
            const Date end = work_experience_agreement_end(*f.first_appointment_on);
            out.push_back(
                RuleResult::allow(
                    "guidance.print_weo",
                    "Druk de werkervaringsovereenkomst af en laat ze tekenen (loopt tot " +
                        format_date(end) + ").",
                    "Print the work experience agreement and have it signed (runs until " +
                        format_date(end) + ").")
                    .with_due(end));
        }
    }
    out.push_back(contact_prompt());
    return out;
}

}  // namespace onthaal::domain
