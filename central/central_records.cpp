#include "central/central_records.hpp"

#include <sodium.h>

#include <stdexcept>

#include "central/change_feed.hpp"

namespace onthaal::central {
namespace {

using nlohmann::json;

json optional_text(const store::Statement& q, int column) {
    const auto value = q.column_optional_text(column);
    return value ? json(*value) : json(nullptr);
}

std::string to_hex(const std::vector<unsigned char>& bytes) {
    std::string out(bytes.size() * 2 + 1, '\0');
    sodium_bin2hex(out.data(), out.size(), bytes.data(), bytes.size());
    out.pop_back();
    return out;
}

[[noreturn]] void missing(const std::string& what, const std::string& id) {
    throw std::out_of_range(what + " '" + id + "' does not exist");
}

}  // namespace

json staff_record(store::Database& db, const std::string& id) {
    auto q = db.cached("SELECT id, name, version, username, password_hash FROM staff WHERE id = ?");
    q->bind_all(id);
    if (!q->step()) missing("staff", id);
    // The argon2id hash travels to the site's devices so the desk can check a sign-in offline.
    return {{"id", q->column_text(0)},
            {"name", q->column_text(1)},
            {"version", q->column_int64(2)},
            {"username", optional_text(*q, 3)},
            {"password_hash", optional_text(*q, 4)}};
}

json client_record(store::Database& db, const std::string& id) {
    auto q = db.cached(
        "SELECT id, first_name, last_name, national_number_hash, language, programme, coach_id,"
        " version FROM client WHERE id = ?");
    q->bind_all(id);
    if (!q->step()) missing("client", id);
    return {{"id", q->column_text(0)},
            {"first_name", q->column_text(1)},
            {"last_name", q->column_text(2)},
            {"national_number_hash",
             q->column_is_null(3) ? json(nullptr) : json(to_hex(q->column_blob(3)))},
            {"language", q->column_text(4)},
            {"programme", q->column_text(5)},
            {"coach_id", optional_text(*q, 6)},
            {"version", q->column_int64(7)}};
}

json appointment_record(store::Database& db, const std::string& id) {
    auto q = db.cached(
        "SELECT id, client_id, staff_id, kind, registered, starts_at, duration_min, location,"
        " checkin_code, outcome, version FROM appointment WHERE id = ?");
    q->bind_all(id);
    if (!q->step()) missing("appointment", id);
    return {{"id", q->column_text(0)},
            {"client_id", q->column_text(1)},
            {"staff_id", q->column_text(2)},
            {"kind", q->column_text(3)},
            {"registered", q->column_int64(4) != 0},
            {"starts_at", q->column_text(5)},
            {"duration_min", q->column_int64(6)},
            {"location", q->column_text(7)},
            {"checkin_code", q->column_text(8)},
            {"outcome", optional_text(*q, 9)},
            {"version", q->column_int64(10)}};
}

std::vector<domain::CompletedFirstAppointment> first_history(store::Database& db,
                                                             const std::string& client_id) {
    auto q = db.cached(
        "SELECT e.kind, a.registered FROM attendance_event e JOIN appointment a ON a.id = "
        "e.appointment_id"
        " WHERE a.client_id = ? AND a.kind = 'first' AND e.kind IN ('present', 'absent_valid', "
        "'absent_invalid')"
        " ORDER BY e.occurred_at, e.seq");
    q->bind_all(client_id);
    std::vector<domain::CompletedFirstAppointment> history;
    while (q->step())
        history.push_back(
            {*domain::parse_first_outcome(q->column_text(0)), q->column_int64(1) != 0});
    return history;
}

std::optional<std::string> coach_of_client(store::Database& db, const std::string& client_id) {
    auto q = db.cached("SELECT coach_id FROM client WHERE id = ?");
    q->bind_all(client_id);
    return q->step() ? q->column_optional_text(0) : std::nullopt;
}

void publish_staff(store::Database& db, const std::string& site_id, const std::string& id) {
    append_change(db, {site_id, std::nullopt, false, std::nullopt}, "staff", id, "upsert",
                  staff_record(db, id).dump());
}

void publish_client(store::Database& db, const std::string& site_id, const std::string& id) {
    const json record = client_record(db, id);
    append_change(db, {site_id, coach_of_client(db, id), false, std::nullopt}, "client", id,
                  "upsert", record.dump());
}

void publish_appointment(store::Database& db, const std::string& site_id, const std::string& id) {
    const json record = appointment_record(db, id);
    append_change(db, {site_id, coach_of_client(db, record["client_id"]), false, std::nullopt},
                  "appointment", id, "upsert", record.dump());
}

}  // namespace onthaal::central
