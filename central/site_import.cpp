#include "central/site_import.hpp"

#include "central/import_parts.hpp"

#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <set>

#include "central/central_admin.hpp"
#include "central/change_feed.hpp"
#include "central/number_hashing.hpp"
#include "domain/checkin_code.hpp"
#include "domain/national_number.hpp"
#include "domain/programme.hpp"
#include "domain/staff_password.hpp"
#include "domain/time_text.hpp"
#include "entities/appointment_entity.hpp"
#include "entities/client_entity.hpp"
#include "entities/staff_entity.hpp"
#include "local_store/transaction.hpp"
#include "protocol/json_input.hpp"

namespace onthaal::central {
namespace import_parts {

void bad(const std::string& where, const std::string& field, const std::string& why) {
    throw AdminError(where + ": field '" + field + "': " + why);
}

std::string text_field(const json& r, const std::string& where, const std::string& field,
                       bool required) {
    if (!r.contains(field) || r[field].is_null()) {
        if (required) bad(where, field, "is required");
        return {};
    }
    if (!r[field].is_string())
        bad(where, field, std::string("must be a string, got ") + r[field].type_name());
    const std::string value = r[field];
    if (required && value.empty()) bad(where, field, "must not be empty");
    if (value.size() > 200) bad(where, field, "is longer than 200 characters");
    return value;
}

const json& records(const json& doc, const char* name) {
    static const json empty = json::array();
    if (!doc.contains(name)) return empty;
    if (!doc[name].is_array()) throw AdminError(std::string("'") + name + "' must be an array");
    return doc[name];
}

std::string where_of(const char* list, std::size_t i, const json& r) {
    std::string where = std::string(list) + "[" + std::to_string(i) + "]";
    if (!r.is_object()) throw AdminError(where + ": must be an object");
    if (r.contains("id") && r["id"].is_string())
        where += " (id '" + r["id"].get<std::string>() + "')";
    return where;
}

bool exists_in_site(store::Database& db, const char* table, const std::string& id,
                    const std::string& site_id, bool& other_site) {
    auto q = db.cached(std::string("SELECT site_id FROM ") + table + " WHERE id = ?");
    q->bind_all(id);
    if (!q->step()) return false;
    other_site = q->column_text(0) != site_id;
    return !other_site;
}

std::string rule_text(const domain::RuleResult& rule) {
    return rule.reason_code + ": " + rule.message_en;
}

void ImportContext::check_reference(const std::string& where, const std::string& field,
                                    const std::string& id, const std::set<std::string>& in_file,
                                    const char* table) {
    bool other_site = false;
    if (in_file.count(id) || exists_in_site(db, table, id, site_id, other_site)) return;
    bad(where, field, "refers to unknown " + std::string(table) + " '" + id + "'");
}

}  // namespace import_parts

namespace {

using namespace import_parts;

// The other staff member of the site who signs in with `username`, if any: usernames are unique
// per site (the schema's staff_by_username), so the file is refused naming the record.
std::optional<std::string> username_holder(store::Database& db, const std::string& site_id,
                                           const std::string& username, const std::string& id) {
    if (username.empty()) return std::nullopt;
    auto q = db.cached("SELECT id FROM staff WHERE site_id = ? AND username = ? AND id != ?");
    q->bind_all(site_id, username, id);
    if (!q->step()) return std::nullopt;
    return q->column_text(0);
}

// The code given (upper-cased), else the one kept from before, else a new one.
std::string checkin_code(const json& r, const std::string& where, const json& current) {
    std::string code = text_field(r, where, "code", false);
    if (code.empty())
        code = current.is_object() ? current["checkin_code"].get<std::string>()
                                   : domain::new_checkin_code();
    for (char& c : code) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    // The kiosk takes a 9-character code that fails its check for a typo and never looks it up.
    if (domain::check_checkin_code(code) == domain::CodeCheck::typo)
        bad(where, "code",
            "has 9 characters but no valid check character (docs/import-format.md); leave it out "
            "to have one generated");
    return code;
}

struct ImportRun : ImportContext {
    std::vector<unsigned char> hash_key;
    std::vector<PendingOutcome> outcomes;

    void import_staff(const json& r, const std::string& where);
    void import_client(const json& r, const std::string& where,
                       const std::optional<std::vector<unsigned char>>& hash);
    void import_appointment(const json& r, const std::string& where);
    void note_outcome(const json& r, const std::string& where, const std::string& id,
                      domain::Instant starts, const json& current);
    void reassign_coach(const std::string& client_id, const std::string& old_coach);
    void write_client(const json& next, const std::optional<std::vector<unsigned char>>& hash);
    void write_appointment(const json& next);
};

void ImportRun::import_staff(const json& r, const std::string& where) {
    const std::string id = text_field(r, where, "id");
    const std::string name = text_field(r, where, "name");
    const std::string username = text_field(r, where, "username", false);
    const std::string password = text_field(r, where, "password", false);
    if (!password.empty() && username.empty())
        bad(where, "username", "is required when a password is given");
    if (!password.empty() && password.size() < 8)
        bad(where, "password", "must be at least 8 characters");
    bool other_site = false;
    const bool known = exists_in_site(db, "staff", id, site_id, other_site);
    if (other_site) bad(where, "id", "belongs to another site");
    std::optional<std::string> hash;
    if (known) {
        const json current = entities::central_staff(db, id).to_json();
        const bool same_login =
            current["username"] == (username.empty() ? json(nullptr) : json(username));
        const bool same_password =
            password.empty() ||
            (current["password_hash"].is_string() &&
             domain::staff_password_matches(current["password_hash"].get<std::string>(), password));
        if (current["name"] == name && same_login && same_password) return;
        if (current["password_hash"].is_string() && password.empty())
            hash = current["password_hash"].get<std::string>();
    }
    if (const auto other = username_holder(db, site_id, username, id))
        bad(where, "username", "is already used by staff '" + *other + "'");
    if (!password.empty()) {
        hash = domain::hash_staff_password(password);
        if (!hash) throw AdminError("not enough memory to hash a password");
    }
    db.cached(
          "INSERT INTO staff (id, site_id, name, username, password_hash) VALUES (?, ?, ?, ?, ?)"
          " ON CONFLICT(id) DO UPDATE SET name = excluded.name, username = excluded.username,"
          " password_hash = excluded.password_hash, version = version + 1")
        ->bind_all(
            id, site_id, name,
            username.empty() ? std::optional<std::string>() : std::optional<std::string>(username),
            hash)
        .run();
    entities::publish_staff(db, site_id, id);
    ++summary.changed;
}

void ImportRun::import_client(const json& r, const std::string& where,
                              const std::optional<std::vector<unsigned char>>& hash) {
    const std::string id = text_field(r, where, "id");
    json next = {{"id", id},
                 {"first_name", text_field(r, where, "first_name")},
                 {"last_name", text_field(r, where, "last_name")},
                 {"language", text_field(r, where, "language")},
                 {"programme", text_field(r, where, "programme")}};
    static const std::set<std::string> kLanguages = {"nl", "fr", "en", "ar", "tr"};
    if (!kLanguages.count(next["language"]))
        bad(where, "language", "must be one of nl, fr, en, ar, tr");
    if (!domain::parse_programme(next["programme"].get<std::string>())) {
        bad(where, "programme",
            "is not a programme of DOMAIN.md (e.g. TIBB4, TWE-wz, GLOW, G-WPL)");
    }
    const std::string coach = text_field(r, where, "coach_id", false);
    if (!coach.empty()) check_reference(where, "coach_id", coach, staff_ids, "staff");
    next["coach_id"] = coach.empty() ? json(nullptr) : json(coach);

    bool other_site = false;
    const bool known = exists_in_site(db, "client", id, site_id, other_site);
    if (other_site) bad(where, "id", "belongs to another site");
    if (known) {
        json current = entities::central_client(db, id).to_json();
        auto stored = db.cached("SELECT national_number_hash FROM client WHERE id = ?");
        stored->bind_all(id);
        stored->step();
        const bool hash_changes =
            hash && (stored->column_is_null(0) || stored->column_blob(0) != *hash);
        const std::string old_coach =
            current["coach_id"].is_null() ? "" : current["coach_id"].get<std::string>();
        current.erase("version");
        current.erase("national_number_hash");
        if (current == next && !hash_changes) return;
        if (!old_coach.empty() && old_coach != coach) reassign_coach(id, old_coach);
    }
    write_client(next, hash);
    ++summary.changed;
}

// Each client's national number as 11 checked digits ("" for none), in file order; the number
// itself is never kept nor echoed (error texts end up in terminals and logs).
std::vector<std::string> national_numbers(const json& clients) {
    std::vector<std::string> digits;
    for (std::size_t i = 0; i < clients.size(); ++i) {
        const std::string where = where_of("clients", i, clients[i]);
        const std::string number = text_field(clients[i], where, "national_number", false);
        if (number.empty()) {
            digits.emplace_back();
            continue;
        }
        const auto check = domain::check_national_number(number);
        if (!check.ok())
            bad(where, "national_number",
                "is not a valid national register number (" +
                    std::string(domain::reason_code(check.problem)) + ")");
        digits.push_back(check.digits);
    }
    return digits;
}

void ImportRun::write_client(const json& next,
                             const std::optional<std::vector<unsigned char>>& hash) {
    const std::string id = next["id"];
    const std::string coach = next["coach_id"].is_null() ? "" : next["coach_id"].get<std::string>();
    db.cached(
          "INSERT INTO client (id, site_id, first_name, last_name, national_number_hash, language, "
          "programme,"
          " coach_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT(id) DO UPDATE SET"
          " first_name = excluded.first_name, last_name = excluded.last_name,"
          " national_number_hash = coalesce(excluded.national_number_hash, national_number_hash),"
          " language = excluded.language, programme = excluded.programme, coach_id = "
          "excluded.coach_id,"
          " version = version + 1")
        ->bind_all(id, site_id, next["first_name"].get<std::string>(),
                   next["last_name"].get<std::string>())
        .bind(5, nullptr)
        .bind(6, next["language"].get<std::string>())
        .bind(7, next["programme"].get<std::string>())
        .bind(8, coach.empty() ? std::optional<std::string>() : std::optional<std::string>(coach))
        .run();
    if (hash) {
        db.cached(
              "UPDATE client SET national_number_hash = ?, national_number_hash_scheme = 2 WHERE "
              "id = ?")
            ->bind_blob(1, *hash)
            .bind(2, id)
            .run();
    }
    entities::publish_client(db, site_id, id);
}

// The old coach's devices lose access: they receive coach-only tombstones. What the old coach
// recorded before the move (offline, not yet pushed) is still accepted from its devices
// (entities/entity_module.hpp: check_caseload_at).
void ImportRun::reassign_coach(const std::string& client_id, const std::string& old_coach) {
    db.cached("INSERT INTO caseload_handover (client_id, coach_id, moved_at) VALUES (?, ?, ?)")
        ->bind_all(client_id, old_coach, now)
        .run();
    append_change(db, {site_id, old_coach, true, std::nullopt, std::nullopt, std::nullopt},
                  "client", client_id, "delete", "null");
}

void ImportRun::import_appointment(const json& r, const std::string& where) {
    const std::string id = text_field(r, where, "id");
    const std::string client_id = text_field(r, where, "client_id");
    const std::string staff_id = text_field(r, where, "staff_id");
    check_reference(where, "client_id", client_id, client_ids, "client");
    check_reference(where, "staff_id", staff_id, staff_ids, "staff");
    const std::string kind = text_field(r, where, "kind");
    if (kind != "first" && kind != "regular")
        bad(where, "kind", "must be \"first\" or \"regular\"");
    if (!r.contains("registered") || !r["registered"].is_boolean())
        bad(where, "registered", "must be true or false");
    const auto starts = domain::parse_instant(text_field(r, where, "starts_at"));
    if (!starts)
        bad(where, "starts_at", "must be ISO 8601 with an offset, e.g. 2026-11-23T09:30:00+01:00");
    if (!r.contains("duration_min") || !r["duration_min"].is_number_integer() ||
        r["duration_min"].get<long>() < 1 || r["duration_min"].get<long>() > 1440) {
        bad(where, "duration_min", "must be a whole number of minutes from 1 to 1440");
    }
    const std::string location = text_field(r, where, "location", false);
    bool other_site = false;
    const bool known = exists_in_site(db, "appointment", id, site_id, other_site);
    if (other_site) bad(where, "id", "belongs to another site");
    json current = known ? entities::central_appointment(db, id).to_json() : json();
    const std::string code = checkin_code(r, where, current);
    json next = {{"id", id},
                 {"client_id", client_id},
                 {"staff_id", staff_id},
                 {"kind", kind},
                 {"registered", r["registered"].get<bool>()},
                 {"starts_at", domain::format_instant(*starts)},
                 {"duration_min", r["duration_min"].get<long>()},
                 {"location", location},
                 {"checkin_code", code}};
    note_outcome(r, where, id, *starts, current);
    if (known) {
        next["outcome"] = current["outcome"];
        next["version"] = current["version"];
        if (next == current) return;
    }
    auto clash =
        db.cached("SELECT id FROM appointment WHERE site_id = ? AND checkin_code = ? AND id != ?");
    clash->bind_all(site_id, code, id);
    if (clash->step())
        bad(where, "code", "is already used by appointment '" + clash->column_text(0) + "'");
    write_appointment(next);
    ++summary.changed;
}

// A past outcome of the file (history, demo): recorded as central's own fact once every
// appointment is written. An outcome central holds already is never changed by a file.
void ImportRun::note_outcome(const json& r, const std::string& where, const std::string& id,
                             domain::Instant starts, const json& current) {
    const std::string outcome = text_field(r, where, "outcome", false);
    if (outcome.empty()) return;
    if (outcome != "present" && outcome != "absent_valid" && outcome != "absent_invalid")
        bad(where, "outcome", "must be \"present\", \"absent_valid\" or \"absent_invalid\"");
    if (starts > *domain::parse_instant(now))
        bad(where, "outcome", "is for an appointment that has taken place; this one lies ahead");
    if (current.is_object() && !current["outcome"].is_null()) {
        auto by_import = db.cached("SELECT 1 FROM attendance_event WHERE mutation_id = ?");
        by_import->bind_all("import-" + id);
        // Recorded before; a third absence the import recorded is kept as invalid (002 §2.1.1).
        const bool absences = outcome != "present" && current["outcome"] != "present";
        if (current["outcome"] == outcome || (absences && by_import->step())) return;
        bad(where, "outcome",
            "the appointment was completed as '" + current["outcome"].get<std::string>() +
                "' already");
    }
    outcomes.push_back({where, id, outcome, domain::format_instant(starts)});
}

void ImportRun::write_appointment(const json& next) {
    const std::string id = next["id"];
    db.cached(
          "INSERT INTO appointment (id, site_id, client_id, staff_id, kind, registered, starts_at, "
          "duration_min,"
          " location, checkin_code) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT(id) DO "
          "UPDATE SET"
          " client_id = excluded.client_id, staff_id = excluded.staff_id, kind = excluded.kind,"
          " registered = excluded.registered, starts_at = excluded.starts_at,"
          " duration_min = excluded.duration_min, location = excluded.location,"
          " checkin_code = excluded.checkin_code, version = version + 1")
        ->bind_all(id, site_id, next["client_id"].get<std::string>(),
                   next["staff_id"].get<std::string>(), next["kind"].get<std::string>(),
                   next["registered"].get<bool>(), next["starts_at"].get<std::string>(),
                   static_cast<std::int64_t>(next["duration_min"].get<long>()),
                   next["location"].get<std::string>(), next["checkin_code"].get<std::string>())
        .run();
    entities::publish_appointment(db, site_id, id);
}

std::vector<unsigned char> site_hash_key(store::Database& db, const std::string& site_id) {
    auto q = db.cached("SELECT hash_key FROM site WHERE id = ?");
    q->bind_all(site_id);
    if (!q->step()) throw AdminError("--site: no site '" + site_id + "'; add it first");
    return q->column_blob(0);
}

json parse_file(const std::string& json_text) {
    protocol::JsonInput in = protocol::parse_untrusted_json(json_text);
    if (!in.ok() && in.value.is_null() && !in.error.starts_with("nested")) {
        // Where the text goes wrong helps whoever fixes the file; the number itself is not shown.
        try {
            const json again = json::parse(json_text);
        } catch (const json::parse_error& e) {
            throw AdminError("not valid JSON (at byte " + std::to_string(e.byte) + ")");
        } catch (const json::exception&) {
        }
    }
    if (!in.ok()) throw AdminError(in.error);
    json doc = std::move(in.value);
    if (!doc.is_object())
        throw AdminError("the file must hold a JSON object with staff, clients and appointments");
    return doc;
}

}  // namespace

ImportSummary import_site_file(store::Database& db, const std::string& site_id,
                               const std::string& json_text) {
    const json doc = parse_file(json_text);
    const std::string now = utc_now_iso();
    ImportRun run{
        {db, site_id, now, domain::brussels_date(*domain::parse_instant(now)), {}, {}, {}},
        site_hash_key(db, site_id),
        {}};
    const json& staff = records(doc, "staff");
    const json& clients = records(doc, "clients");
    const json& appointments = records(doc, "appointments");
    const auto hashes = hash_national_numbers(national_numbers(clients), run.hash_key);
    store::Transaction tx(db);
    for (std::size_t i = 0; i < staff.size(); ++i) {
        run.staff_ids.insert(text_field(staff[i], where_of("staff", i, staff[i]), "id"));
    }
    for (std::size_t i = 0; i < clients.size(); ++i) {
        run.client_ids.insert(text_field(clients[i], where_of("clients", i, clients[i]), "id"));
    }
    for (std::size_t i = 0; i < staff.size(); ++i)
        run.import_staff(staff[i], where_of("staff", i, staff[i]));
    for (std::size_t i = 0; i < clients.size(); ++i)
        run.import_client(clients[i], where_of("clients", i, clients[i]), hashes[i]);
    for (std::size_t i = 0; i < appointments.size(); ++i) {
        run.import_appointment(appointments[i], where_of("appointments", i, appointments[i]));
    }
    record_outcomes(run, std::move(run.outcomes));
    import_services(run, records(doc, "services"));
    add_missing_services(run, clients);
    import_month_categories(run, records(doc, "month_categories"));
    import_service_facts(run, records(doc, "service_facts"));
    tx.commit();  // nothing is written unless every record passed
    run.summary.staff = staff.size();
    run.summary.clients = clients.size();
    run.summary.appointments = appointments.size();
    return run.summary;
}

}  // namespace onthaal::central
