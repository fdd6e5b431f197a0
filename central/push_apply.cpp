#include "central/push_apply.hpp"

#include <nlohmann/json.hpp>

#include <variant>

#include "central/central_records.hpp"
#include "domain/first_appointment.hpp"
#include "domain/time_text.hpp"
#include "local_store/transaction.hpp"

namespace onthaal::central {
namespace {

using nlohmann::json;

struct Rejection {
    std::string reason;
    std::string message;
};

json rejected(const std::string& id, const std::string& reason, const std::string& message) {
    return {{"mutation_id", id}, {"status", "rejected"}, {"reason", reason}, {"message", message}};
}

bool is_attendance_kind(const std::string& kind) {
    return kind == "checked_in" || kind == "present" || kind == "absent_valid" ||
           kind == "absent_invalid" || kind == "rescheduled";
}

struct AppointmentState {
    std::string site_id;
    std::int64_t version = 0;
    std::optional<std::string> coach_id;  // of the appointment's client: the change's audience
    std::string client_id;
    bool first = false;
    bool registered = false;
    std::string starts_at;
    std::optional<std::string> outcome;
};

std::optional<AppointmentState> find_appointment(store::Database& db, const std::string& id) {
    auto q = db.cached(
        "SELECT a.site_id, a.version, c.coach_id, a.client_id, a.kind, a.registered, a.starts_at,"
        " a.outcome FROM appointment a JOIN client c ON c.id = a.client_id WHERE a.id = ?");
    q->bind_all(id);
    if (!q->step()) return std::nullopt;
    return AppointmentState{
        q->column_text(0), q->column_int64(1),           q->column_optional_text(2),
        q->column_text(3), q->column_text(4) == "first", q->column_int64(5) != 0,
        q->column_text(6), q->column_optional_text(7)};
}

bool checked_in(store::Database& db, const std::string& appointment_id) {
    auto q = db.cached(
        "SELECT 1 FROM attendance_event WHERE appointment_id = ? AND kind = 'checked_in' LIMIT 1");
    q->bind_all(appointment_id);
    return q->step();
}

// The same rules the desk applied offline (002 §2.1.1): returns the kind to record, or a rejection.
std::variant<std::string, json> apply_first_appointment_rules(
    store::Database& db, const DeviceScope& device, const std::string& mutation_id,
    const std::string& appointment_id, const AppointmentState& a, const std::string& kind,
    const json& payload, const std::string& now) {
    const auto outcome = domain::parse_first_outcome(kind);
    if (!outcome) return kind;
    const auto start = domain::parse_instant(a.starts_at);
    domain::FirstAppointmentFacts facts{start ? domain::brussels_date(*start) : domain::Date{},
                                        a.registered, payload.value("mediator_absent", false),
                                        checked_in(db, appointment_id)};
    const auto decision = domain::complete_first_appointment(
        domain::fold_first_appointments(first_history(db, a.client_id)), *outcome, facts);
    if (!decision.result.allowed)
        return rejected(mutation_id, decision.result.reason_code, decision.result.message_en);
    for (const auto& signal : decision.result.signals) {
        db.cached(
              "INSERT INTO service_signal (site_id, client_id, code, message, mutation_id, "
              "created_at) VALUES (?, ?, ?, ?, ?, ?)")
            ->bind_all(device.site_id, a.client_id, signal.code, signal.message_en, mutation_id,
                       now)
            .run();
    }
    return std::string(domain::to_string(decision.recorded));
}

// An attendance fact about an appointment. The fact is always kept once it is well-formed and
// about an appointment of the device's site; a stale base version makes it a conflict to review
// instead of an outcome that overwrites what central decided meanwhile.
json apply_attendance(store::Database& db, const DeviceScope& device, const json& m,
                      const std::string& now) {
    const std::string id = m["mutation_id"];
    const std::string appointment_id = m["entity_id"];
    const json& payload = m["payload"];
    const auto appointment = find_appointment(db, appointment_id);
    if (!appointment || appointment->site_id != device.site_id) {
        return rejected(id, "unknown_appointment", "No appointment with this id at this site.");
    }
    if (!payload.is_object() || !payload.contains("kind") || !payload["kind"].is_string() ||
        !is_attendance_kind(payload["kind"])) {
        return rejected(id, "invalid_kind",
                        "payload.kind must be checked_in, present, absent_valid, absent_invalid or "
                        "rescheduled.");
    }
    const auto occurred = payload.contains("occurred_at") && payload["occurred_at"].is_string()
                              ? domain::parse_instant(payload["occurred_at"].get<std::string>())
                              : std::nullopt;
    if (!occurred)
        return rejected(id, "invalid_time", "payload.occurred_at must be an ISO 8601 instant.");
    const std::string recorded_by =
        payload.contains("recorded_by") && payload["recorded_by"].is_string()
            ? payload["recorded_by"].get<std::string>()
            : "";
    const std::optional<std::int64_t> base =
        m.contains("base_version") && m["base_version"].is_number_integer()
            ? std::optional<std::int64_t>(m["base_version"].get<std::int64_t>())
            : std::nullopt;
    std::string kind = payload["kind"];
    if (kind != "checked_in" && appointment->outcome) {
        return rejected(id, "appointment.already_completed",
                        "This appointment was already completed.");
    }
    if (appointment->first && kind != "checked_in") {
        auto ruled = apply_first_appointment_rules(db, device, id, appointment_id, *appointment,
                                                   kind, payload, now);
        if (std::holds_alternative<json>(ruled)) return std::get<json>(ruled);
        kind = std::get<std::string>(ruled);  // e.g. a third absence is recorded as invalid
    }

    db.cached(
          "INSERT INTO attendance_event (mutation_id, site_id, device_id, appointment_id, kind, "
          "occurred_at,"
          " recorded_by, device_time, base_version, received_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, "
          "?, ?)")
        ->bind_all(id, device.site_id, device.device_id, appointment_id, kind,
                   domain::format_instant(*occurred), recorded_by,
                   m["device_time"].get<std::string>(), base, now)
        .run();
    const json record = {{"id", id},
                         {"appointment_id", appointment_id},
                         {"kind", kind},
                         {"occurred_at", domain::format_instant(*occurred)},
                         {"recorded_by", recorded_by},
                         {"device_id", device.device_id}};
    append_change(db, {device.site_id, appointment->coach_id, false, device.device_id},
                  "attendance", id, "upsert", record.dump());

    const bool stale = base && *base != appointment->version;
    if (stale) {
        db.cached(
              "INSERT INTO conflict (site_id, mutation_id, entity, entity_id, base_version, "
              "server_version,"
              " reason, created_at) VALUES (?, ?, 'attendance', ?, ?, ?, 'appointment_changed', ?)")
            ->bind_all(device.site_id, id, appointment_id, base, appointment->version, now)
            .run();
        return {{"mutation_id", id},
                {"status", "conflict"},
                {"reason", "appointment_changed"},
                {"message",
                 "The appointment changed on central after this device last saw it; the fact is "
                 "kept for review."},
                {"server_version", appointment->version},
                {"server_record", appointment_record(db, appointment_id)}};
    }
    std::int64_t version = appointment->version;
    if (kind != "checked_in") {
        db.cached("UPDATE appointment SET outcome = ?, version = version + 1 WHERE id = ?")
            ->bind_all(kind, appointment_id)
            .run();
        publish_appointment(db, device.site_id, appointment_id);
        ++version;
    }
    return {{"mutation_id", id}, {"status", "applied"}, {"server_version", version}};
}

std::optional<Rejection> shape_problem(const json& m) {
    if (!m.is_object()) return Rejection{"malformed_mutation", "A mutation must be an object."};
    for (const char* field : {"entity", "entity_id", "device_time"}) {
        if (!m.contains(field) || !m[field].is_string() || m[field].get<std::string>().empty()) {
            return Rejection{"malformed_mutation",
                             std::string("Field '") + field + "' must be a non-empty string."};
        }
    }
    if (m.contains("base_version") && !m["base_version"].is_null() &&
        !m["base_version"].is_number_integer()) {
        return Rejection{"malformed_mutation", "Field 'base_version' must be an integer or null."};
    }
    if (!m.contains("payload"))
        return Rejection{"malformed_mutation", "Field 'payload' is required."};
    return std::nullopt;
}

// A new appointment planned at the desk. The same planning rule as the desk (002 §2.1.1: after an
// absence the next first appointment is registered when the history says so).
json apply_new_appointment(store::Database& db, const DeviceScope& device, const json& m) {
    const std::string id = m["mutation_id"];
    const json& p = m["payload"];
    const auto text = [&](const char* f) {
        return p.contains(f) && p[f].is_string() ? p[f].get<std::string>() : std::string();
    };
    const std::string appointment_id = m["entity_id"], client_id = text("client_id"),
                      staff_id = text("staff_id");
    const std::string kind = text("kind"), code = text("checkin_code");
    const auto starts = domain::parse_instant(text("starts_at"));
    if (!p.is_object() || text("id") != appointment_id || (kind != "first" && kind != "regular") ||
        !starts || !p.contains("registered") || !p["registered"].is_boolean() ||
        !p.contains("duration_min") || !p["duration_min"].is_number_integer() ||
        p["duration_min"].get<long>() < 1 || p["duration_min"].get<long>() > 1440 ||
        code.size() < 4 || code.size() > 20) {
        return rejected(id, "malformed_mutation",
                        "The new appointment lacks a field or has a wrong value.");
    }
    auto client = db.cached("SELECT count(*) FROM client WHERE id = ? AND site_id = ?");
    client->bind_all(client_id, device.site_id);
    client->step();
    if (client->column_int64(0) == 0)
        return rejected(id, "unknown_client", "No client with this id at this site.");
    auto exists = db.cached(
        "SELECT (SELECT count(*) FROM appointment WHERE id = ?), (SELECT count(*) FROM appointment"
        " WHERE site_id = ? AND checkin_code = ?)");
    exists->bind_all(appointment_id, device.site_id, code);
    exists->step();
    if (exists->column_int64(0) > 0)
        return rejected(id, "appointment.exists", "An appointment with this id exists already.");
    if (exists->column_int64(1) > 0)
        return rejected(id, "appointment.code_taken", "This check-in code is taken at this site.");
    const bool registered = p["registered"];
    if (kind == "first") {
        const auto rule = domain::check_next_first_appointment(
            domain::fold_first_appointments(first_history(db, client_id)), registered);
        if (!rule.allowed) return rejected(id, rule.reason_code, rule.message_en);
    }
    db.cached(
          "INSERT INTO appointment (id, site_id, client_id, staff_id, kind, registered, starts_at, "
          "duration_min,"
          " location, checkin_code) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
        ->bind_all(appointment_id, device.site_id, client_id, staff_id, kind, registered,
                   domain::format_instant(*starts),
                   static_cast<std::int64_t>(p["duration_min"].get<long>()), text("location"), code)
        .run();
    publish_appointment(db, device.site_id, appointment_id);
    return {{"mutation_id", id}, {"status", "applied"}, {"server_version", 1}};
}

json apply_one(store::Database& db, const DeviceScope& device, const json& m,
               const std::string& now) {
    const std::string id = m["mutation_id"];
    if (const auto problem = shape_problem(m))
        return rejected(id, problem->reason, problem->message);
    if (m["entity"] == "attendance") return apply_attendance(db, device, m, now);
    if (m["entity"] == "appointment") return apply_new_appointment(db, device, m);
    return rejected(id, "unknown_entity",
                    "Central does not know entity '" + m["entity"].get<std::string>() + "'.");
}

void record(store::Database& db, const DeviceScope& device, const json& result,
            const std::string& now) {
    db.cached(
          "INSERT INTO applied_mutation (mutation_id, device_id, status, result, received_at) "
          "VALUES (?, ?, ?, ?, ?)")
        ->bind_all(result["mutation_id"].get<std::string>(), device.device_id,
                   result["status"].get<std::string>(), result.dump(), now)
        .run();
}

std::optional<json> earlier_result(store::Database& db, const DeviceScope& device,
                                   const std::string& id) {
    auto q = db.cached("SELECT device_id, result FROM applied_mutation WHERE mutation_id = ?");
    q->bind_all(id);
    if (!q->step()) return std::nullopt;
    if (q->column_text(0) != device.device_id) {
        return rejected(id, "mutation_id_reused",
                        "This mutation id was already used by another device.");
    }
    json first = json::parse(q->column_text(1));
    first["first_status"] = first["status"];
    first["status"] = "duplicate";
    return first;
}

}  // namespace

std::string apply_push(store::Database& db, const DeviceScope& device, const std::string& body,
                       const std::string& now) {
    json request;
    try {
        request = json::parse(body);
    } catch (const json::parse_error&) {
        throw PushFormatError("The body is not valid JSON.");
    }
    if (!request.is_object() || !request.contains("mutations") ||
        !request["mutations"].is_array()) {
        throw PushFormatError("The body must be an object with a 'mutations' array.");
    }
    const json& mutations = request["mutations"];
    if (mutations.size() > kMaxMutationsPerPush)
        throw PushFormatError("Too many mutations in one push.");
    json results = json::array();
    store::Transaction tx(db);
    for (const json& m : mutations) {
        if (!m.is_object() || !m.contains("mutation_id") || !m["mutation_id"].is_string() ||
            m["mutation_id"].get<std::string>().empty() ||
            m["mutation_id"].get<std::string>().size() > 100) {
            results.push_back(
                rejected("", "malformed_mutation", "Each mutation needs a 'mutation_id' string."));
            continue;
        }
        const std::string id = m["mutation_id"];
        if (auto earlier = earlier_result(db, device, id)) {
            results.push_back(std::move(*earlier));
            continue;
        }
        db.cached("SAVEPOINT mutation")->run();
        json result;
        try {
            result = apply_one(db, device, m, now);
        } catch (const nlohmann::json::exception&) {
            // A payload of the wrong shape is permanent; store errors propagate (transient, 500).
            db.cached("ROLLBACK TO mutation")->run();
            result = rejected(id, "invalid_mutation", "The mutation could not be applied.");
        }
        if (result["status"] == "rejected") db.cached("ROLLBACK TO mutation")->run();
        record(db, device, result, now);
        db.cached("RELEASE mutation")->run();
        results.push_back(std::move(result));
    }
    tx.commit();
    return json{{"results", results}}.dump();
}

}  // namespace onthaal::central
