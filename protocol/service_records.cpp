#include "protocol/service_records.hpp"

#include "domain/field_work.hpp"
#include "domain/time_text.hpp"
#include "protocol/validation.hpp"

namespace onthaal::protocol {
namespace {

using nlohmann::json;

json optional_json(const std::optional<std::string>& value) {
    return value ? json(*value) : json(nullptr);
}

std::string record_id(const FieldReader& r, const std::string& id) {
    if (id.empty() || id.size() > 100) r.fail("id", "must have 1 to 100 characters");
    if (!r.absent("id") && r.text("id", 100) != id) r.fail("id", "differs from the change's id");
    return id;
}

// The sheet's text: an object of at most 40 entries, strings of at most 1,000 bytes, arrays of
// at most 30 items, nested at most 3 deep (work points, assignments with deadlines).
void check_content(const FieldReader& r, const json& value, int depth = 0) {
    if (depth > 3) r.fail("content", "is nested too deep");
    if (value.is_string()) {
        if (value.get_ref<const std::string&>().size() > 1000) r.fail("content", "text too long");
    } else if (value.is_array() || value.is_object()) {
        if (value.size() > 40) r.fail("content", "has too many entries");
        for (const auto& item : value) check_content(r, item, depth + 1);
    } else if (!value.is_boolean() && !value.is_null() && !value.is_number_integer()) {
        r.fail("content", "may hold texts, whole numbers, lists and objects only");
    }
}

}  // namespace

json ServiceRecord::to_json() const {
    return {
        {"id", id},
        {"client_id", client_id},
        {"programme", programme},
        {"referred_on", referred_on},
        {"max_duration_months", max_duration_months ? json(*max_duration_months) : json(nullptr)},
        {"project_end", optional_json(project_end)},
        {"version", version}};
}

ServiceRecord ServiceRecord::from_json(const json& data, const std::string& id) {
    const FieldReader r(data, "service", id);
    ServiceRecord s;
    s.id = record_id(r, id);
    s.client_id = r.text("client_id", 100);
    s.programme = r.text("programme", 40);
    if (!domain::parse_programme(s.programme)) r.fail("programme", "is not a known programme");
    s.referred_on = r.date("referred_on");
    s.max_duration_months = r.optional_integer("max_duration_months", 1, 120);
    s.project_end = r.optional_date("project_end");
    s.version = r.integer("version", 1, INT64_MAX);
    return s;
}

std::optional<std::chrono::year_month> MonthCategoryRecord::parse_month(const std::string& text) {
    if (text.size() != 7 || text[4] != '-') return std::nullopt;
    const auto day = domain::parse_date(text + "-01");
    if (!day) return std::nullopt;
    return day->year() / day->month();
}

json MonthCategoryRecord::to_json() const {
    return {{"id", id},
            {"client_id", client_id},
            {"month", month},
            {"category", passive ? "passive" : "active"}};
}

MonthCategoryRecord MonthCategoryRecord::from_json(const json& data, const std::string& id) {
    const FieldReader r(data, "month_category", id);
    MonthCategoryRecord c;
    c.id = record_id(r, id);
    c.client_id = r.text("client_id", 100);
    c.month = r.text("month", 7);
    if (!parse_month(c.month)) r.fail("month", "must be a month YYYY-MM");
    const std::string category = r.text("category", 10);
    if (category != "active" && category != "passive")
        r.fail("category", "must be active or passive");
    c.passive = category == "passive";
    return c;
}

json ServiceFactMutation::to_json() const {
    json j = {{"kind", domain::to_string(kind)},
              {"on", on},
              {"occurred_at", occurred_at},
              {"recorded_by", recorded_by}};
    if (until) j["until"] = *until;
    if (next_contact) j["next_contact"] = *next_contact;
    if (!refers_to.empty()) j["refers_to"] = refers_to;
    if (code) j["code"] = *code;
    if (hours != 0) j["hours"] = hours;
    if (place) j["place"] = *place;
    if (advice) j["advice"] = *advice;
    if (!delivered_by.empty()) j["delivered_by"] = delivered_by;
    if (open_actions_or_contacts) j["open_actions_or_contacts"] = true;
    if (closing_reason) j["closing_reason"] = *closing_reason;
    if (employer_involved) j["employer_involved"] = true;
    if (three_party_agreement) j["three_party_agreement"] = true;
    if (!content.empty()) j["content"] = content;
    return j;
}

ServiceFactMutation ServiceFactMutation::from_json(const json& payload, const std::string& id) {
    const FieldReader r(payload, "service_fact", id);
    ServiceFactMutation f;
    const auto kind = domain::parse_service_fact_kind(r.text("kind", 40));
    if (!kind) r.fail("kind", "has an unknown value");
    f.kind = *kind;
    f.on = r.date("on");
    f.until = r.optional_date("until");
    f.next_contact = r.optional_date("next_contact");
    f.refers_to = r.text_or_empty("refers_to", 100);
    f.code = r.optional_text("code", 40);
    if (f.code && !domain::parse_training_code(*f.code)) r.fail("code", "is not a known code");
    f.hours = r.number_or("hours", 0, 10000, 0);
    f.place = r.optional_text("place", 40);
    if (f.place && !domain::parse_place_kind(*f.place)) r.fail("place", "is not a kind of place");
    f.advice = r.optional_text("advice", 40);
    if (f.advice && !domain::parse_final_advice(*f.advice)) r.fail("advice", "is not an advice");
    f.delivered_by = r.text_or_empty("delivered_by", 10);
    f.open_actions_or_contacts = r.boolean_or("open_actions_or_contacts", false);
    f.closing_reason = r.optional_text("closing_reason", 40);
    if (f.closing_reason && !domain::parse_closing_reason(*f.closing_reason))
        r.fail("closing_reason", "is not a closing reason");
    f.employer_involved = r.boolean_or("employer_involved", false);
    f.three_party_agreement = r.boolean_or("three_party_agreement", false);
    if (!r.absent("content")) {
        if (!payload["content"].is_object()) r.fail("content", "must be an object");
        check_content(r, payload["content"]);
        f.content = payload["content"];
    }
    f.occurred_at = r.instant("occurred_at");
    f.recorded_by = r.text_or_empty("recorded_by", 100);
    return f;
}

domain::ServiceFact ServiceFactMutation::to_domain(const std::string& id) const {
    domain::ServiceFact f;
    f.id = id;
    f.kind = kind;
    f.on = *domain::parse_date(on);  // validated by from_json
    if (until) f.until = domain::parse_date(*until);
    if (next_contact) f.next_contact = domain::parse_date(*next_contact);
    f.refers_to = refers_to;
    if (code) f.code = domain::parse_training_code(*code);
    f.hours = hours;
    if (place) f.place = domain::parse_place_kind(*place);
    if (advice) f.advice = domain::parse_final_advice(*advice);
    f.delivered_by = delivered_by;
    f.open_actions_or_contacts = open_actions_or_contacts;
    if (closing_reason) f.closing_reason = domain::parse_closing_reason(*closing_reason);
    f.employer_involved = employer_involved;
    f.three_party_agreement = three_party_agreement;
    return f;
}

json ServiceFactRecord::to_json() const {
    json j = fact.to_json();
    j["id"] = id;
    j["service_id"] = service_id;
    j["device_id"] = device_id;
    j["received_at"] = received_at;
    return j;
}

ServiceFactRecord ServiceFactRecord::from_json(const json& data, const std::string& id) {
    ServiceFactRecord rec;
    rec.fact = ServiceFactMutation::from_json(data, id);
    const FieldReader r(data, "service_fact", id);
    rec.id = record_id(r, id);
    rec.service_id = r.text("service_id", 100);
    rec.device_id = r.text_or_empty("device_id", 100);
    rec.received_at = r.text_or_empty("received_at", 40);
    return rec;
}

namespace {

json date_json(const std::optional<domain::Date>& d) {
    return d ? json(domain::format_date(*d)) : json(nullptr);
}

}  // namespace

json service_state_json(const domain::ServiceState& s) {
    json notices = json::array();
    for (const auto& n : s.notices)
        notices.push_back({{"code", n.reason_code},
                           {"allowed", n.allowed},
                           {"nl", n.message_nl},
                           {"en", n.message_en},
                           {"due", date_json(n.due)}});
    const auto name_or_null = [](const auto& v) {
        return v ? json(std::string(domain::to_string(*v))) : json(nullptr);
    };
    return {{"stage", domain::to_string(s.stage)},
            {"mediation_start", date_json(s.mediation_start)},
            {"first_sheet_due", date_json(s.first_sheet_due)},
            {"first_sheet_signed", s.first_sheet_signed},
            {"weo_end", date_json(s.weo_end)},
            {"max_end", date_json(s.max_end)},
            {"aftercare_end", date_json(s.aftercare_end)},
            {"closing_reason", name_or_null(s.closing_reason)},
            {"to_close_on", date_json(s.to_close_on)},
            {"advice_deadline", date_json(s.advice_deadline)},
            {"closed_way", name_or_null(s.closed_way)},
            {"closed_on", date_json(s.closed_on)},
            {"advice", name_or_null(s.advice)},
            {"returns_to_vdab", s.returns.returns},
            {"returns_to", domain::to_string(s.returns.to)},
            {"stage_hours", s.stage_hours},
            {"notices", notices}};
}

domain::ServiceHistory service_history_base(const ServiceRecord& service) {
    domain::ServiceHistory h;
    const FieldReader r(json::object(), "service", service.id);
    const auto programme = domain::parse_programme(service.programme);
    const auto referred = domain::parse_date(service.referred_on);
    if (!programme) r.fail("programme", "is not a known programme");
    if (!referred) r.fail("referred_on", "must be a date YYYY-MM-DD");
    h.programme = *programme;
    h.referred_on = *referred;
    h.tender.max_duration_months =
        service.max_duration_months
            ? std::optional<int>(static_cast<int>(*service.max_duration_months))
            : std::nullopt;
    if (service.project_end) h.tender.project_end = domain::parse_date(*service.project_end);
    return h;
}

}  // namespace onthaal::protocol
