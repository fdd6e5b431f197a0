// What every rule returns: allowed or denied, a stable reason code, a message in Dutch and English,
// the date of a deadline when one is involved, and signals to raise (to VDAB's mediator, to the
// desk). Results, not booleans: the desk shows them, central rejects with the same code.
// Pure value type.
#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <vector>

namespace onthaal::domain {

using Date = std::chrono::year_month_day;

struct Signal {
    std::string code;  // e.g. "signal.service_refused_absence"
    std::string message_nl;
    std::string message_en;
};

struct RuleResult {
    bool allowed = true;
    std::string reason_code;  // "ok" when allowed without remark
    std::string message_nl;
    std::string message_en;
    std::optional<Date> due;  // a deadline the rule sets or checks
    std::vector<Signal> signals;

    static RuleResult ok() { return {true, "ok", "In orde.", "OK.", std::nullopt, {}}; }
    static RuleResult allow(std::string code, std::string nl, std::string en) {
        return {true, std::move(code), std::move(nl), std::move(en), std::nullopt, {}};
    }
    static RuleResult deny(std::string code, std::string nl, std::string en) {
        return {false, std::move(code), std::move(nl), std::move(en), std::nullopt, {}};
    }
    RuleResult& with_due(Date date) {
        due = date;
        return *this;
    }
    RuleResult& with_signal(Signal s) {
        signals.push_back(std::move(s));
        return *this;
    }
};

}  // namespace onthaal::domain
