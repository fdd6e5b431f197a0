// The small questions asked of a service's history (service_state_parts.hpp), and the names of
// the service's enums on the wire and in the export.
#include <algorithm>
#include <array>

#include "domain/calendar.hpp"
#include "domain/service_state_parts.hpp"

namespace onthaal::domain {

bool is_tibb_family(Programme p) {
    return p == Programme::tibb4 || p == Programme::tibb4_anderstaligen || p == Programme::scraba ||
           p == Programme::sab3;
}

bool is_twe(Programme p) {
    return p == Programme::twe_wz || p == Programme::twe_art60;
}

bool is_gob(Programme p) {
    return p == Programme::gob_gwpl || p == Programme::gob_gjc;
}

const ServiceFact* first_of(const ServiceHistory& h, ServiceFactKind kind) {
    for (const ServiceFact& f : h.facts)
        if (f.kind == kind) return &f;
    return nullptr;
}

const ServiceFact* last_of(const ServiceHistory& h, ServiceFactKind kind) {
    const ServiceFact* found = nullptr;
    for (const ServiceFact& f : h.facts)
        if (f.kind == kind) found = &f;
    return found;
}

int count_of(const ServiceHistory& h, ServiceFactKind kind) {
    return static_cast<int>(std::count_if(h.facts.begin(), h.facts.end(),
                                          [&](const ServiceFact& f) { return f.kind == kind; }));
}

const ServiceFact* first_sheet_signature(const ServiceHistory& h) {
    const ServiceFact* sheet = first_of(h, ServiceFactKind::agreement_sheet);
    if (!sheet) return nullptr;
    for (const ServiceFact& f : h.facts)
        if (f.kind == ServiceFactKind::agreement_sheet_signed && f.refers_to == sheet->id)
            return &f;
    return nullptr;
}

bool first_sheet_signed(const ServiceHistory& h) {
    return first_sheet_signature(h) != nullptr;
}

bool next_contact_planned(const ServiceHistory& h) {
    const ServiceFact* sheet = first_of(h, ServiceFactKind::agreement_sheet);
    return h.contact_planned_after_presence ||
           (sheet && sheet->next_contact && days_between(sheet->on, *sheet->next_contact) >= 0);
}

bool currently_suspended(const ServiceHistory& h) {
    for (auto it = h.facts.rbegin(); it != h.facts.rend(); ++it) {
        if (it->kind == ServiceFactKind::suspended) return true;
        if (it->kind == ServiceFactKind::resumed) return false;
    }
    return false;
}

namespace {

void after_presence_kinds(const ServiceHistory& h, std::vector<ServiceFactKind>& out) {
    using K = ServiceFactKind;
    out.push_back(K::agreement_sheet);
    const int sheets = count_of(h, K::agreement_sheet);
    if (sheets > count_of(h, K::agreement_sheet_signed)) out.push_back(K::agreement_sheet_signed);
    if (h.programme == Programme::twe_wz && !first_of(h, K::weo_printed))
        out.push_back(K::weo_printed);
    if (h.programme == Programme::twe_wz && first_of(h, K::weo_printed) &&
        !first_of(h, K::weo_signed))
        out.push_back(K::weo_signed);
    if (h.programme == Programme::gob_gjc) out.push_back(K::action_plan_signed);
}

void mediation_kinds(const ServiceHistory& h, std::vector<ServiceFactKind>& out) {
    using K = ServiceFactKind;
    out.push_back(K::training_line);
    if (is_twe(h.programme)) out.push_back(currently_suspended(h) ? K::resumed : K::suspended);
    if (h.programme == Programme::gob_gwpl && !first_of(h, K::work_found))
        out.push_back(K::work_found);
    if (h.programme == Programme::glow) out.push_back(K::short_job);
    if (h.programme == Programme::twe_art60 && !first_of(h, K::art60_contract))
        out.push_back(K::art60_contract);
    if (h.programme == Programme::twe_art60 && first_of(h, K::art60_contract) &&
        !first_of(h, K::art60_contract_ended))
        out.push_back(K::art60_contract_ended);
}

}  // namespace

std::vector<ServiceFactKind> fitting_fact_kinds(const ServiceHistory& h, const ServiceState& s) {
    std::vector<ServiceFactKind> out;
    if (s.stage == ServiceStage::closed || s.stage == ServiceStage::stopped || !h.first.present ||
        !h.first_presence)
        return out;
    after_presence_kinds(h, out);
    if (!s.mediation_start) {
        if (s.stage == ServiceStage::to_close)
            out.push_back(ServiceFactKind::final_advice);
        else
            out.push_back(ServiceFactKind::mediation_started);
        return out;
    }
    mediation_kinds(h, out);
    if (s.stage == ServiceStage::to_close) out.push_back(ServiceFactKind::final_advice);
    return out;
}

namespace {

constexpr std::array<std::string_view, 8> kStages = {
    "referred",          "first_appointment", "stopped",  "present",
    "mediation_started", "suspended",         "to_close", "closed"};
constexpr std::array<std::string_view, 14> kFactKinds = {"agreement_sheet",
                                                         "agreement_sheet_signed",
                                                         "weo_printed",
                                                         "weo_signed",
                                                         "mediation_started",
                                                         "training_line",
                                                         "suspended",
                                                         "resumed",
                                                         "work_found",
                                                         "action_plan_signed",
                                                         "short_job",
                                                         "art60_contract",
                                                         "art60_contract_ended",
                                                         "final_advice"};
constexpr std::array<std::string_view, 5> kReasons = {"passive_category_3x", "max_duration",
                                                      "no_contract_days_2_months",
                                                      "art60_contract_ended", "aftercare_ended"};
constexpr std::array<std::string_view, 3> kWays = {"manual_by_partner", "automatic", "by_vdab"};
constexpr std::array<std::string_view, 3> kReturnTo = {"none", "head_of_office", "vdab_mediator"};

template <typename E, std::size_t N>
std::optional<E> parse_name(const std::array<std::string_view, N>& names, std::string_view text) {
    for (std::size_t i = 0; i < N; ++i)
        if (names[i] == text) return static_cast<E>(i);
    return std::nullopt;
}

}  // namespace

std::string_view to_string(ServiceStage s) {
    return kStages[static_cast<std::size_t>(s)];
}
std::string_view to_string(ServiceFactKind k) {
    return kFactKinds[static_cast<std::size_t>(k)];
}
std::string_view to_string(ClosingReason r) {
    return kReasons[static_cast<std::size_t>(r)];
}
std::string_view to_string(ClosingWay w) {
    return kWays[static_cast<std::size_t>(w)];
}
std::string_view to_string(ReturnTo t) {
    return kReturnTo[static_cast<std::size_t>(t)];
}

std::optional<ServiceFactKind> parse_service_fact_kind(std::string_view text) {
    return parse_name<ServiceFactKind>(kFactKinds, text);
}

std::optional<ClosingReason> parse_closing_reason(std::string_view text) {
    return parse_name<ClosingReason>(kReasons, text);
}

std::optional<FinalAdvice> parse_final_advice(std::string_view text) {
    for (const FinalAdvice a : {FinalAdvice::no_need, FinalAdvice::need, FinalAdvice::exhausted,
                                FinalAdvice::new_assessment})
        if (to_string(a) == text) return a;
    return std::nullopt;
}

}  // namespace onthaal::domain
