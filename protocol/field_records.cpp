#include "protocol/field_records.hpp"

#include "domain/time_text.hpp"
#include "protocol/validation.hpp"

namespace onthaal::protocol {
namespace {

using nlohmann::json;

constexpr std::size_t kMaxListItems = 30;       // work points, assignments of one sheet
constexpr std::size_t kMaxItemBytes = 500;      // one work point or assignment
constexpr std::size_t kMaxSealedBytes = 12000;  // a visit's notes (4,000 bytes) sealed, base64

json optional_json(const std::optional<std::string>& value) {
    return value ? json(*value) : json(nullptr);
}

void check_id(const FieldReader& r, const std::string& id) {
    if (id.empty() || id.size() > 100) r.fail("id", "must have 1 to 100 characters");
    if (!r.absent("id") && r.text("id", 100) != id) r.fail("id", "differs from the change's id");
}

const json& list(const FieldReader& r, const json& object, const char* field) {
    static const json empty = json::array();
    if (r.absent(field)) return empty;
    const json& value = object[field];
    if (!value.is_array()) r.fail(field, "must be a list");
    if (value.size() > kMaxListItems) r.fail(field, "has more than 30 items");
    return value;
}

std::vector<std::string> read_work_points(const FieldReader& r, const json& payload) {
    std::vector<std::string> out;
    for (const json& item : list(r, payload, "work_points")) {
        if (!item.is_string() || item.get_ref<const std::string&>().size() > kMaxItemBytes)
            r.fail("work_points", "must hold texts of at most 500 bytes");
        out.push_back(item.get<std::string>());
    }
    return out;
}

std::vector<AssignmentItem> read_assignments(const FieldReader& r, const json& payload,
                                             const std::string& id) {
    std::vector<AssignmentItem> out;
    for (const json& item : list(r, payload, "assignments")) {
        const FieldReader a(item, "work_plan", id);
        out.push_back({a.text("text", kMaxItemBytes), a.optional_date("deadline"),
                       a.boolean_or("done", false)});
    }
    return out;
}

}  // namespace

json VisitDetails::to_json() const {
    json j = {
        {"service_id", service_id},     {"kind", domain::to_string(kind)}, {"on", on},
        {"duration_min", duration_min}, {"workplace", workplace},          {"employer", employer},
        {"occurred_at", occurred_at},   {"recorded_by", recorded_by}};
    if (!action_id.empty()) j["action_id"] = action_id;
    if (development_plan_updated) j["development_plan_updated"] = true;
    return j;
}

VisitDetails VisitDetails::from_json(const json& data, const std::string& entity,
                                     const std::string& id) {
    const FieldReader r(data, entity, id);
    VisitDetails v;
    v.service_id = r.text("service_id", 100);
    const auto kind = domain::parse_visit_kind(r.text("kind", 40));
    if (!kind) r.fail("kind", "must be intake, evaluation, follow_up or aftercare");
    v.kind = *kind;
    v.on = r.date("on");
    v.duration_min = r.integer("duration_min", 1, domain::kMaxVisitMinutes);
    v.workplace = r.text_or_empty("workplace", 200);
    v.employer = r.text_or_empty("employer", 200);
    v.action_id = r.text_or_empty("action_id", 100);
    v.development_plan_updated = r.boolean_or("development_plan_updated", false);
    v.occurred_at = r.instant("occurred_at");
    v.recorded_by = r.text_or_empty("recorded_by", 100);
    return v;
}

domain::WorkplaceVisit VisitDetails::to_domain(const std::string& id) const {
    return {id,
            kind,
            *domain::parse_date(on),
            static_cast<int>(duration_min),
            action_id,
            development_plan_updated};
}

bool VisitDetails::same_content(const VisitDetails& o) const {
    return service_id == o.service_id && kind == o.kind && on == o.on &&
           duration_min == o.duration_min && workplace == o.workplace && employer == o.employer &&
           action_id == o.action_id && development_plan_updated == o.development_plan_updated;
}

json VisitMutation::to_json() const {
    json j = details.to_json();
    if (notes_sealed) j["notes_sealed"] = *notes_sealed;
    return j;
}

VisitMutation VisitMutation::from_json(const json& payload, const std::string& id) {
    VisitMutation m;
    m.details = VisitDetails::from_json(payload, "workplace_visit", id);
    const FieldReader r(payload, "workplace_visit", id);
    m.notes_sealed = r.optional_text("notes_sealed", kMaxSealedBytes);
    if (m.notes_sealed && !m.notes_sealed->starts_with("b1:"))
        r.fail("notes_sealed", "must be sealed for central (b1:...), never plain text");
    return m;
}

json VisitRecord::to_json() const {
    json j = details.to_json();
    j["id"] = id;
    j["version"] = version;
    j["has_notes"] = has_notes;
    j["device_id"] = device_id;
    return j;
}

VisitRecord VisitRecord::from_json(const json& data, const std::string& id) {
    const FieldReader r(data, "workplace_visit", id);
    check_id(r, id);
    VisitRecord v;
    v.id = id;
    v.version = r.integer("version", 1, INT64_MAX);
    v.has_notes = r.boolean_or("has_notes", false);
    v.device_id = r.text_or_empty("device_id", 100);
    if (!r.absent("notes_sealed")) r.fail("notes_sealed", "never travels down from central");
    v.details = VisitDetails::from_json(data, "workplace_visit", id);
    return v;
}

json StageHoursMutation::to_json() const {
    json j = {{"line_id", line_id},
              {"on", on},
              {"hours", hours},
              {"occurred_at", occurred_at},
              {"recorded_by", recorded_by}};
    if (!replaces.empty()) j["replaces"] = replaces;
    return j;
}

StageHoursMutation StageHoursMutation::from_json(const json& payload, const std::string& id) {
    const FieldReader r(payload, "stage_hours", id);
    StageHoursMutation m;
    m.line_id = r.text("line_id", 100);
    m.on = r.date("on");
    if (r.absent("hours")) r.fail("hours", "is required");
    m.hours = r.number_or("hours", 0, domain::kMaxHoursInADay, 0);
    m.replaces = r.text_or_empty("replaces", 100);
    m.occurred_at = r.instant("occurred_at");
    m.recorded_by = r.text_or_empty("recorded_by", 100);
    return m;
}

domain::StageHoursEntry StageHoursMutation::to_domain(const std::string& id) const {
    return {id, line_id, *domain::parse_date(on), hours, occurred_at, replaces};
}

json StageHoursRecord::to_json() const {
    json j = entry.to_json();
    j["id"] = id;
    j["service_id"] = service_id;
    j["device_id"] = device_id;
    j["received_at"] = received_at;
    return j;
}

StageHoursRecord StageHoursRecord::from_json(const json& data, const std::string& id) {
    const FieldReader r(data, "stage_hours", id);
    check_id(r, id);
    StageHoursRecord rec;
    rec.id = id;
    rec.service_id = r.text("service_id", 100);
    rec.device_id = r.text_or_empty("device_id", 100);
    rec.received_at = r.text_or_empty("received_at", 40);
    rec.entry = StageHoursMutation::from_json(data, id);
    return rec;
}

json WorkPlanMutation::to_json() const {
    json points = work_points;
    json tasks = json::array();
    for (const AssignmentItem& a : assignments)
        tasks.push_back(
            {{"text", a.text}, {"deadline", optional_json(a.deadline)}, {"done", a.done}});
    return {{"service_id", service_id},
            {"work_points", std::move(points)},
            {"assignments", std::move(tasks)},
            {"occurred_at", occurred_at},
            {"recorded_by", recorded_by}};
}

WorkPlanMutation WorkPlanMutation::from_json(const json& payload, const std::string& id) {
    const FieldReader r(payload, "work_plan", id);
    WorkPlanMutation m;
    m.service_id = r.text("service_id", 100);
    m.work_points = read_work_points(r, payload);
    m.assignments = read_assignments(r, payload, id);
    m.occurred_at = r.instant("occurred_at");
    m.recorded_by = r.text_or_empty("recorded_by", 100);
    return m;
}

domain::WorkPlan WorkPlanMutation::to_domain(const std::string& sheet_id) const {
    domain::WorkPlan plan{sheet_id, work_points, {}};
    for (const AssignmentItem& a : assignments) {
        std::optional<domain::Date> deadline;
        if (a.deadline) deadline = domain::parse_date(*a.deadline);
        plan.assignments.push_back({a.text, deadline, a.done});
    }
    return plan;
}

bool WorkPlanMutation::same_content(const WorkPlanMutation& o) const {
    auto same = [](const AssignmentItem& a, const AssignmentItem& b) {
        return a.text == b.text && a.deadline == b.deadline && a.done == b.done;
    };
    return service_id == o.service_id && work_points == o.work_points &&
           std::equal(assignments.begin(), assignments.end(), o.assignments.begin(),
                      o.assignments.end(), same);
}

json WorkPlanRecord::to_json() const {
    json j = plan.to_json();
    j["id"] = id;
    j["version"] = version;
    return j;
}

WorkPlanRecord WorkPlanRecord::from_json(const json& data, const std::string& id) {
    const FieldReader r(data, "work_plan", id);
    check_id(r, id);
    return {id, r.integer("version", 1, INT64_MAX), WorkPlanMutation::from_json(data, id)};
}

json RecordConflictRecord::to_json() const {
    return {{"id", id},
            {"entity", entity},
            {"entity_id", entity_id},
            {"service_id", service_id},
            {"base", base},
            {"edit", edit},
            {"kept", kept},
            {"edit_changed_notes", edit_changed_notes},
            {"detected_at", detected_at},
            {"device_id", device_id},
            {"resolved_at", optional_json(resolved_at)},
            {"resolved_by", optional_json(resolved_by)},
            {"resolution", optional_json(resolution)}};
}

RecordConflictRecord RecordConflictRecord::from_json(const json& data, const std::string& id) {
    const FieldReader r(data, "record_conflict", id);
    check_id(r, id);
    RecordConflictRecord c;
    c.id = id;
    c.entity = r.text("entity", 40);
    c.entity_id = r.text("entity_id", 100);
    c.service_id = r.text("service_id", 100);
    for (const char* field : {"base", "edit", "kept"})
        if (!r.absent(field) && !data[field].is_object()) r.fail(field, "must be an object");
    c.base = r.absent("base") ? json(nullptr) : data["base"];
    if (r.absent("edit") || r.absent("kept")) r.fail("edit", "and kept are required");
    c.edit = data["edit"];
    c.kept = data["kept"];
    c.edit_changed_notes = r.boolean_or("edit_changed_notes", false);
    c.detected_at = r.instant("detected_at");
    c.device_id = r.text_or_empty("device_id", 100);
    c.resolved_at =
        r.absent("resolved_at") ? std::nullopt : std::optional(r.instant("resolved_at"));
    c.resolved_by = r.optional_text("resolved_by", 100);
    c.resolution = r.optional_text("resolution", 20);
    return c;
}

json ConflictResolution::to_json() const {
    return {{"resolution", resolution}, {"occurred_at", occurred_at}, {"recorded_by", recorded_by}};
}

ConflictResolution ConflictResolution::from_json(const json& payload, const std::string& id) {
    const FieldReader r(payload, "record_conflict", id);
    ConflictResolution c{r.text("resolution", 20), r.instant("occurred_at"),
                         r.text_or_empty("recorded_by", 100)};
    if (c.resolution != "kept" && c.resolution != "edit_applied")
        r.fail("resolution", "must be kept or edit_applied");
    return c;
}

}  // namespace onthaal::protocol
