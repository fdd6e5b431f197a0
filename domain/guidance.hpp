// The guidance the desk shows next to a client: the rules engine's results for where the client
// stands now (next appointment registered or not and by when, service stopped and VDAB signalled,
// first agreement sheet due, work experience agreement, residence and work permit check).
// Pure: everything is passed in.
#pragma once

#include <optional>
#include <vector>

#include "domain/first_appointment.hpp"
#include "domain/programme.hpp"
#include "domain/rule_result.hpp"

namespace onthaal::domain {

struct GuidanceFacts {
    std::optional<Programme> programme;
    FirstAppointmentState first;
    std::optional<Date> last_absence_on;  // date of the latest first-appointment absence
    std::optional<Date> present_on;       // date the client was present at the first appointment
    std::optional<Date> first_appointment_on;
    // An appointment was planned after the latest absence: the "plan before" line is done.
    bool next_planned = false;
};

std::vector<RuleResult> client_guidance(const GuidanceFacts& facts);

}  // namespace onthaal::domain
