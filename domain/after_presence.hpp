// Rules after the client was present at the first appointment: the first agreement sheet, starting
// the mediation process, TWE-wz's work experience agreement, and the prompt at every contact.
// Seeds: 002 §2.2–2.3, §3.2; 004 §1.3–1.5, §2.2. Pure.
#pragma once

#include "domain/programme.hpp"
#include "domain/rule_result.hpp"

namespace onthaal::domain {

// 002 §2.2 / 004 §1.3: the first sheet is concluded at the latest 15 calendar days after presence.
Date first_agreement_sheet_due(Date first_presence);

struct AgreementSheetFacts {
    Date first_presence;
    Date concluded_on;
    bool signed_by_partner = false;
    bool signed_by_client = false;
};
RuleResult check_first_agreement_sheet(const AgreementSheetFacts& facts);

struct StartMediationFacts {
    Programme programme = Programme::tibb4;
    bool present = false;                // first appointment completed as present
    bool first_sheet_concluded = false;  // TIBB4 family
    bool next_contact_planned = false;   // TIBB4 family
    bool weo_printed = false;            // TWE-wz
    bool weo_signed = false;             // TWE-wz
};
RuleResult check_start_mediation(const StartMediationFacts& facts);

// 004 §1.4: the work experience agreement (and the availability exemption) runs 2 years from the
// date of the first appointment.
Date work_experience_agreement_end(Date first_appointment_date);

// 002 §3.2 / 004 §2.2: at every contact, verify residence status and work permit.
RuleResult contact_prompt();

}  // namespace onthaal::domain
