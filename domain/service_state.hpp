// A client's service (one programme enrolment) from referral to closing: the facts the partner
// registers, the month-end categories central sends, and the state both the agent and central
// derive from them with this one code (issue 13). Nothing here is stored: each side reads its own
// facts into a ServiceHistory, calls derive_service_state, and checks a new fact with
// check_service_fact before keeping it. Seeds: 002 §2.2–§4, 003, 004 §1.3–§3, 001 §1.3, 000.
//
// Pure: `today` (a Brussels date) is passed in. Thread: any. Failure: none; rules answer with a
// RuleResult (reason codes as in docs/rules.md).
#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "domain/closing.hpp"
#include "domain/first_appointment.hpp"
#include "domain/programme.hpp"
#include "domain/registrations.hpp"

namespace onthaal::domain {

enum class ServiceStage {
    referred,           // known to central, no first appointment completed yet
    first_appointment,  // a first appointment planned or missed
    stopped,            // stopped for absence at the first appointment (002 §2.1.1)
    present,            // present at the first appointment: mediatorship with the partner
    mediation_started,  // "start bemiddelingsproces" registered
    suspended,          // TWE: suspended (counts inside the 24 months)
    to_close,           // a closing reason holds: final advice within one month
    closed,
};

enum class ServiceFactKind {
    agreement_sheet,         // drawn up: work points, assignments, next contact
    agreement_sheet_signed,  // by partner and client; refers_to the sheet
    weo_printed,             // TWE-wz: work experience agreement printed
    weo_signed,
    mediation_started,
    training_line,  // a training or stage line with its code, dates and hours
    suspended,      // TWE
    resumed,
    work_found,            // G-WPL: the client starts work; 3 months of aftercare follow
    action_plan_signed,    // G-JC: by employee and GOB
    short_job,             // GLOW: a short interim or economy job as preparation
    art60_contract,        // TWE-art60: the employment contract starts
    art60_contract_ended,  // TWE-art60: it stops, and with it the trajectory
    final_advice,          // closes the service at once
};

// One registered fact. Which fields count depends on the kind (the others stay empty).
struct ServiceFact {
    std::string id;
    ServiceFactKind kind = ServiceFactKind::agreement_sheet;
    Date on;                                      // the day it took effect (a line: its start)
    std::optional<Date> until;                    // training_line, short_job: the last day
    std::optional<Date> next_contact;             // agreement_sheet
    std::string refers_to;                        // agreement_sheet_signed: the sheet's id
    std::optional<TrainingCode> code;             // training_line
    double hours = 0;                             // training_line
    std::optional<PlaceKind> place;               // training_line: where (community service)
    std::optional<FinalAdvice> advice;            // final_advice
    std::string delivered_by;                     // final_advice: "print" or "mail" (002 §4.3)
    bool open_actions_or_contacts = false;        // final_advice: the annexes' override
    std::optional<ClosingReason> closing_reason;  // final_advice: the reason it was given for
    bool employer_involved = false;               // action_plan_signed (G-JC)
    bool three_party_agreement = false;           // action_plan_signed: employer, employee and GOB
};

// The tender's parameters, from central: TIBB4 family's maximum duration, WIJ3's project end.
struct TenderParameters {
    std::optional<int> max_duration_months;
    std::optional<Date> project_end;
};

// VDAB's category of the job seeker at a month end (CATWZ): central's data, never the partner's.
struct MonthCategory {
    std::chrono::year_month month;
    bool passive = false;
};

struct ServiceHistory {
    Programme programme = Programme::tibb4;
    Date referred_on;
    TenderParameters tender;
    FirstAppointmentState first;  // folded from the first-appointment outcomes
    bool first_appointment_planned = false;
    std::optional<Date> first_presence;  // the day of the first appointment completed present
    bool contact_planned_after_presence = false;  // a later appointment exists
    std::vector<MonthCategory> categories;
    std::vector<ServiceFact> facts;  // in the order they were recorded
};

struct ServiceState {
    ServiceStage stage = ServiceStage::referred;
    std::optional<Date> mediation_start;
    std::optional<Date> first_sheet_due;  // 15 calendar days after presence
    bool first_sheet_signed = false;
    std::optional<Date> weo_end;        // TWE-wz: 2 years from the first appointment
    std::optional<Date> max_end;        // the programme's maximum duration ends
    std::optional<Date> aftercare_end;  // G-WPL: 3 months after work was found
    std::optional<ClosingReason> closing_reason;
    std::optional<Date> to_close_on;
    std::optional<Date> advice_deadline;  // one month after to_close_on
    std::optional<ClosingWay> closed_way;
    std::optional<Date> closed_on;
    std::optional<FinalAdvice> advice;
    ReturnDecision returns;
    double stage_hours = 0;  // G-WPL / G-JC: GBVS hours (953030 lines)
    // Open deadlines, warnings and what may be done next, each with its reason code and due date.
    std::vector<RuleResult> notices;
};

ServiceState derive_service_state(const ServiceHistory& history, Date today);

// Whether `fact` may be recorded now. Allowed results may carry a remark (a late sheet) and
// signals; a denied one says why in Dutch and English.
RuleResult check_service_fact(const ServiceHistory& history, const ServiceFact& fact, Date today);

// The kinds of fact that fit the service now (its programme and stage), for the desk's actions:
// a kind listed may still be refused by check_service_fact (a start without a signed sheet), and
// the refusal says why; a kind not listed makes no sense now (a WEO in GLOW, advice before "to
// close", anything once closed).
std::vector<ServiceFactKind> fitting_fact_kinds(const ServiceHistory& history,
                                                const ServiceState& state);

std::string_view to_string(ServiceStage stage);
std::string_view to_string(ServiceFactKind kind);
std::optional<ServiceFactKind> parse_service_fact_kind(std::string_view text);
std::string_view to_string(ClosingReason reason);
std::string_view to_string(ClosingWay way);
std::string_view to_string(ReturnTo to);
std::optional<FinalAdvice> parse_final_advice(std::string_view text);
std::optional<ClosingReason> parse_closing_reason(std::string_view text);

}  // namespace onthaal::domain
