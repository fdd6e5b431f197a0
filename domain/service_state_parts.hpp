// Internal to domain/service_*.cpp: the small questions the derivation, the notices and the
// checks of a service all ask of its history. Pure; thread-safe.
#pragma once

#include "domain/service_state.hpp"

namespace onthaal::domain {

bool is_tibb_family(Programme p);
bool is_twe(Programme p);
bool is_gob(Programme p);

// The first (last) fact of a kind, or nullptr; pointers into `h.facts`.
const ServiceFact* first_of(const ServiceHistory& h, ServiceFactKind kind);
const ServiceFact* last_of(const ServiceHistory& h, ServiceFactKind kind);
int count_of(const ServiceHistory& h, ServiceFactKind kind);
// Training lines with this code.
int count_of_code(const ServiceHistory& h, TrainingCode code);

// The first agreement sheet, signed by partner and client (002 §2.2).
bool first_sheet_signed(const ServiceHistory& h);
// The signature of the first agreement sheet, or nullptr.
const ServiceFact* first_sheet_signature(const ServiceHistory& h);
// A next contact: the first sheet names one, or a later appointment is planned (002 §2.3).
bool next_contact_planned(const ServiceHistory& h);
// TWE: the latest of "suspended" and "resumed" is a suspension.
bool currently_suspended(const ServiceHistory& h);

// The open deadlines, warnings and next steps shown with the state (service_notices.cpp).
std::vector<RuleResult> service_notices(const ServiceHistory& h, const ServiceState& s, Date today);

}  // namespace onthaal::domain
