// The desk's actions as plain use cases, under the HTTP layer: today's list, completing an
// appointment, planning the next one, reviewing a conflict. Each takes typed input, applies the
// same domain/ rules central applies again to the pushed fact, commits the fact with its outbox
// entry, and returns a typed result the handler renders. Unit-tested without sockets
// (tests/kiosk_ui/desk_actions_test.cpp).
//
// Ownership: borrows the store. Thread: the owner of the Database (the agent's I/O thread).
// Failure: a refused rule or a missing record is a result, not an exception; StoreError
// propagates.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "domain/first_appointment.hpp"
#include "domain/guidance.hpp"
#include "domain/time_text.hpp"
#include "local_store/desk_store.hpp"
#include "local_store/sync_access.hpp"

namespace onthaal::http {

enum class ActionStatus { done, not_found, refused };

struct ActionOutcome {
    ActionStatus status = ActionStatus::done;
    domain::RuleResult result = domain::RuleResult::ok();  // the rule's word, also when refused
    std::vector<domain::RuleResult> guidance;              // where the client stands afterwards
};

// The client's first-appointment facts as the guidance reads them (DeskStore's history).
domain::GuidanceFacts client_guidance_facts(store::Database& db, store::DeskStore& store,
                                            const std::string& client_id,
                                            const std::string& programme);

struct CompleteInput {
    std::string appointment_id;
    domain::FirstOutcome outcome = domain::FirstOutcome::present;
    bool mediator_absent = false;
    std::string staff_id;  // who records it
    domain::Instant now;
};

struct CompleteOutcome : ActionOutcome {
    domain::FirstOutcome recorded = domain::FirstOutcome::present;  // a 3rd absence: invalid
};

class CompleteAppointment {
  public:
    explicit CompleteAppointment(store::Database& db) : db_(db) {}
    // not_found: no such appointment. refused: already completed (appointment.already_completed)
    // or a rule says no (002 §2.1.1).
    CompleteOutcome run(const CompleteInput& in);

  private:
    store::Database& db_;
};

struct PlanInput {
    std::string client_id;
    domain::Instant starts_at;
    std::int64_t duration_min = 30;
    bool registered = false;
    std::string location;
    std::string staff_id;     // who plans it (audited)
    std::string mediator_id;  // whose appointment it is; "" for staff_id
    std::string late_reason;  // "" for none
    domain::Instant now;
};

struct PlanOutcome : ActionOutcome {
    std::string appointment_id;
    std::string checkin_code;
    bool first = false;  // the kind the history asks for (domain::next_must_be_first)
    bool registered = false;
};

class PlanAppointment {
  public:
    explicit PlanAppointment(store::Database& db) : db_(db) {}
    // not_found: no such client. refused: the planned type breaks a rule, the mediator is no staff
    // member of the client's site (plan.unknown_mediator), or the plan falls past the 7-day
    // target without a reason (plan.late_reason_required).
    PlanOutcome run(const PlanInput& in);

  private:
    store::Database& db_;
};

// Today's list at the desk (Europe/Brussels day of `now`): each appointment with its client's
// guidance, the sync status and the conflicts to review.
struct TodayRow {
    store::DeskAppointment appointment;
    std::vector<domain::RuleResult> guidance;
    bool residence_checked = false;  // the client's residence and work permit, checked today
};
struct TodayAtDesk {
    domain::Date day;
    std::vector<TodayRow> rows;
    std::vector<store::StaffMember> staff;
    store::SyncStatusSnapshot sync;
    std::vector<store::ConflictView> conflicts;
};

class ListToday {
  public:
    explicit ListToday(store::Database& db) : db_(db) {}
    TodayAtDesk run(domain::Instant now);

  private:
    store::Database& db_;
};

// Records that `staff_id` checked the client's residence status and work permit today (002 §3.2):
// false when there is no such client. Checked twice the same day is recorded once.
class CheckResidence {
  public:
    explicit CheckResidence(store::Database& db) : db_(db) {}
    bool run(const std::string& client_id, const std::string& staff_id, domain::Instant now);

  private:
    store::Database& db_;
};

// Marks a conflict reviewed by a staff member (audited); false when no such open conflict.
class ReviewConflict {
  public:
    explicit ReviewConflict(store::Database& db) : db_(db) {}
    bool run(const std::string& mutation_id, const std::string& staff_id, domain::Instant now);

  private:
    store::Database& db_;
};

}  // namespace onthaal::http
