// The records central sends devices in the pull (and, for the site, in hello), as typed values:
// their JSON as docs/sync-protocol.md documents it (field names are never renamed, only added),
// and validation on the way in that names the entity, the id and the field at fault. A pulled
// record's id is the change's "id"; a "data.id" of its own, when present, must be the same.
//
// Pure: no I/O. Thread: any. Failure: from_json throws ValidationError; to_json never throws.
#pragma once

#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "protocol/enums.hpp"

namespace onthaal::protocol {

class FieldReader;

// A partner site, with the key of its national-number hashes (32 bytes; hex on the wire).
struct SiteRecord {
    std::string id;
    std::string name;
    std::string province;  // A, L, O, V, W or B
    std::vector<unsigned char> hash_key;

    nlohmann::json to_json() const;
    static SiteRecord from_json(const nlohmann::json& data);
};

// A staff member; the argon2id hash travels so the desk can check a sign-in offline.
struct StaffRecord {
    std::string id;
    std::string name;
    std::int64_t version = 1;
    std::optional<std::string> username;
    std::optional<std::string> password_hash;

    nlohmann::json to_json() const;
    // Without the sign-in data: what a kiosk, or a coach about a colleague, receives.
    nlohmann::json to_public_json() const;
    static StaffRecord from_json(const nlohmann::json& data, const std::string& id);
};

// A client of the site: never the national number itself, only its keyed hash (32 bytes).
struct ClientRecord {
    std::string id;
    std::string first_name;
    std::string last_name;
    std::optional<std::vector<unsigned char>> national_number_hash;
    std::string language;
    std::string programme;
    std::optional<std::string> coach_id;
    std::int64_t version = 1;

    nlohmann::json to_json() const;
    // What a kiosk needs to greet the client and match a national number, and nothing more: no
    // last name, programme or coach (issue 12, item 4).
    nlohmann::json to_kiosk_json() const;
    static ClientRecord from_json(const nlohmann::json& data, const std::string& id);
};

// An appointment. `outcome` is the one outcome it was completed with (or none yet).
struct AppointmentRecord {
    std::string id;
    std::string client_id;
    std::string staff_id;
    AppointmentKind kind = AppointmentKind::regular;
    bool registered = false;
    std::string starts_at;  // UTC text, normalised
    std::int64_t duration_min = 30;
    std::string location;
    std::string checkin_code;
    std::optional<AttendanceKind> outcome;
    std::int64_t version = 1;
    // Why it was planned past the 7-day target after an absence (check_plan_deadline); kept.
    std::optional<std::string> late_reason;

    nlohmann::json to_json() const;
    static AppointmentRecord from_json(const nlohmann::json& data, const std::string& id);
    // The payload of an "appointment" mutation (planned at the desk): no outcome, no version.
    nlohmann::json to_plan_json() const;
    static AppointmentRecord from_plan_json(const nlohmann::json& payload, const std::string& id);

  private:
    static void read_plan_fields(const FieldReader& r, AppointmentRecord& a);
};

// An attendance fact as central keeps it; its id is the mutation id that carried it.
struct AttendanceRecord {
    std::string id;
    std::string appointment_id;
    AttendanceKind kind = AttendanceKind::checked_in;
    std::string occurred_at;  // UTC text
    std::string recorded_by;  // "kiosk" or a staff id
    std::string device_id;
    std::optional<std::string> queue_number;  // a check-in's, as the kiosk showed it

    nlohmann::json to_json() const;
    static AttendanceRecord from_json(const nlohmann::json& data, const std::string& id);
};

// What changed between two versions of a record, field by field (the version itself aside), for a
// conflict's review: {"field", "was", "now"} in the order of `now`'s fields.
nlohmann::json record_changes(const nlohmann::json& was, const nlohmann::json& now);

// Lower-case hex, and its inverse (nullopt for odd length or a non-hex character).
std::string to_hex(const std::vector<unsigned char>& bytes);
std::optional<std::vector<unsigned char>> from_hex(const std::string& hex);

}  // namespace onthaal::protocol
