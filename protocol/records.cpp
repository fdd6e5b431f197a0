#include "protocol/records.hpp"

#include "protocol/validation.hpp"

namespace onthaal::protocol {
namespace {

using nlohmann::json;

json optional_json(const std::optional<std::string>& value) {
    return value ? json(*value) : json(nullptr);
}

std::string id_of(const json& data) {
    if (data.is_object()) {
        const auto it = data.find("id");
        if (it != data.end() && it->is_string()) return it->get<std::string>();
    }
    return "";
}

// The record's id: the change's; data.id may repeat it, never contradict it.
std::string record_id(const FieldReader& r, const std::string& id) {
    if (id.empty() || id.size() > 100) r.fail("id", "must have 1 to 100 characters");
    if (!r.absent("id") && r.text("id", 100) != id) r.fail("id", "differs from the change's id");
    return id;
}

std::vector<unsigned char> hash_bytes(const FieldReader& r, const char* field) {
    const auto bytes = from_hex(r.text(field, 64));
    if (!bytes || bytes->size() != 32) r.fail(field, "must be 64 hex characters");
    return *bytes;
}

constexpr std::int64_t kMaxVersion = INT64_MAX;

}  // namespace

std::string to_hex(const std::vector<unsigned char>& bytes) {
    static constexpr char kDigits[] = "0123456789abcdef";
    std::string out;
    out.reserve(bytes.size() * 2);
    for (unsigned char b : bytes) {
        out += kDigits[b >> 4];
        out += kDigits[b & 0x0f];
    }
    return out;
}

std::optional<std::vector<unsigned char>> from_hex(const std::string& hex) {
    if (hex.size() % 2 != 0) return std::nullopt;
    const auto nibble = [](char c) -> int {
        if (c >= '0' && c <= '9') return c - '0';
        if (c >= 'a' && c <= 'f') return c - 'a' + 10;
        if (c >= 'A' && c <= 'F') return c - 'A' + 10;
        return -1;
    };
    std::vector<unsigned char> out;
    out.reserve(hex.size() / 2);
    for (std::size_t i = 0; i < hex.size(); i += 2) {
        const int hi = nibble(hex[i]), lo = nibble(hex[i + 1]);
        if (hi < 0 || lo < 0) return std::nullopt;
        out.push_back(static_cast<unsigned char>(hi << 4 | lo));
    }
    return out;
}

json record_changes(const json& was, const json& now) {
    json changes = json::array();
    if (!was.is_object() || !now.is_object()) return changes;
    for (const auto& [field, value] : now.items()) {
        if (field == "version") continue;
        const auto before = was.find(field);
        const json old = before == was.end() ? json(nullptr) : *before;
        if (old != value) changes.push_back({{"field", field}, {"was", old}, {"now", value}});
    }
    return changes;
}

json SiteRecord::to_json() const {
    return {{"id", id},
            {"name", name},
            {"province", province},
            {"hash_key", protocol::to_hex(hash_key)}};
}

SiteRecord SiteRecord::from_json(const json& data) {
    const FieldReader r(data, "site", id_of(data));
    SiteRecord s{r.text("id", 100), r.text("name"), r.text("province", 1),
                 hash_bytes(r, "hash_key")};
    if (std::string_view("ALOVWB").find(s.province) == std::string_view::npos)
        r.fail("province", "must be one of A, L, O, V, W, B");
    return s;
}

json StaffRecord::to_json() const {
    return {{"id", id},
            {"name", name},
            {"version", version},
            {"username", optional_json(username)},
            {"password_hash", optional_json(password_hash)}};
}

json StaffRecord::to_public_json() const {
    return {{"id", id}, {"name", name}, {"version", version}};
}

StaffRecord StaffRecord::from_json(const json& data, const std::string& id) {
    const FieldReader r(data, "staff", id);
    return {record_id(r, id), r.text("name"), r.integer("version", 0, kMaxVersion),
            r.optional_text("username", 100), r.optional_text("password_hash", 400)};
}

json ClientRecord::to_json() const {
    return {{"id", id},
            {"first_name", first_name},
            {"last_name", last_name},
            {"national_number_hash",
             national_number_hash ? json(protocol::to_hex(*national_number_hash)) : json(nullptr)},
            {"language", language},
            {"programme", programme},
            {"coach_id", optional_json(coach_id)},
            {"version", version}};
}

json ClientRecord::to_kiosk_json() const {
    return {{"id", id},
            {"first_name", first_name},
            {"national_number_hash",
             national_number_hash ? json(protocol::to_hex(*national_number_hash)) : json(nullptr)},
            {"language", language},
            {"version", version}};
}

ClientRecord ClientRecord::from_json(const json& data, const std::string& id) {
    const FieldReader r(data, "client", id);
    ClientRecord c;
    c.id = record_id(r, id);
    c.first_name = r.text("first_name");
    c.last_name = r.text_or_empty("last_name");
    if (!r.absent("national_number_hash"))
        c.national_number_hash = hash_bytes(r, "national_number_hash");
    c.language = r.text("language", 10);
    c.programme = r.text_or_empty("programme", 40);
    c.coach_id = r.optional_text("coach_id", 100);
    c.version = r.integer("version", 0, kMaxVersion);
    return c;
}

json AppointmentRecord::to_plan_json() const {
    json j = {{"id", id},
              {"client_id", client_id},
              {"staff_id", staff_id},
              {"kind", protocol::to_string(kind)},
              {"registered", registered},
              {"starts_at", starts_at},
              {"duration_min", duration_min},
              {"location", location},
              {"checkin_code", checkin_code}};
    // Only when given: records without one keep the JSON they always had (a reimport changes
    // nothing).
    if (late_reason) j["late_reason"] = *late_reason;
    return j;
}

json AppointmentRecord::to_json() const {
    json j = to_plan_json();
    j["outcome"] = outcome ? json(protocol::to_string(*outcome)) : json(nullptr);
    j["version"] = version;
    return j;
}

AppointmentRecord AppointmentRecord::from_plan_json(const json& payload, const std::string& id) {
    const FieldReader r(payload, "appointment", id);
    AppointmentRecord a;
    a.id = r.text("id", 100);
    if (a.id != id) r.fail("id", "must be the mutation's entity_id");
    read_plan_fields(r, a);
    // Codes central generates have 6 characters; one a device makes must be as typeable.
    if (a.checkin_code.size() < 4 || a.checkin_code.size() > 20)
        r.fail("checkin_code", "must have 4 to 20 characters");
    return a;
}

void AppointmentRecord::read_plan_fields(const FieldReader& r, AppointmentRecord& a) {
    a.client_id = r.text("client_id", 100);
    a.staff_id = r.text("staff_id", 100);
    a.kind = r.enumeration<AppointmentKind>("kind");
    a.registered = r.boolean("registered");
    a.starts_at = r.instant("starts_at");
    a.duration_min = r.integer("duration_min", 1, 1440);
    a.location = r.text_or_empty("location");
    a.checkin_code = r.text("checkin_code", 40);
    a.late_reason = r.optional_text("late_reason", 500);
    // A reason is words: spaces only are no reason (the desk trims what staff type).
    if (a.late_reason && a.late_reason->find_first_not_of(" \t\r\n") == std::string::npos)
        r.fail("late_reason", "must say why, not only spaces");
}

AppointmentRecord AppointmentRecord::from_json(const json& data, const std::string& id) {
    const FieldReader r(data, "appointment", id);
    AppointmentRecord a;
    a.id = record_id(r, id);
    read_plan_fields(r, a);
    a.outcome = r.optional_enumeration<AttendanceKind>("outcome");
    if (a.outcome && !is_outcome(*a.outcome)) r.fail("outcome", "must be an outcome");
    a.version = r.integer("version", 0, kMaxVersion);
    return a;
}

json AttendanceRecord::to_json() const {
    json data = {{"id", id},
                 {"appointment_id", appointment_id},
                 {"kind", protocol::to_string(kind)},
                 {"occurred_at", occurred_at},
                 {"recorded_by", recorded_by},
                 {"device_id", device_id}};
    if (queue_number) data["queue_number"] = *queue_number;
    return data;
}

AttendanceRecord AttendanceRecord::from_json(const json& data, const std::string& id) {
    const FieldReader r(data, "attendance", id);
    AttendanceRecord fact{record_id(r, id),
                          r.text("appointment_id", 100),
                          r.enumeration<AttendanceKind>("kind"),
                          r.instant("occurred_at"),
                          r.text("recorded_by", 100),
                          r.text("device_id", 100),
                          std::nullopt};
    fact.queue_number = read_queue_number(r, fact.kind);
    return fact;
}

}  // namespace onthaal::protocol
