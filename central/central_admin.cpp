#include "central/central_admin.hpp"

#include <sodium.h>

#include <chrono>
#include <ctime>

#include "central/import_parts.hpp"
#include "config/config_checks.hpp"
#include "domain/types.hpp"
#include "local_store/transaction.hpp"
#include "protocol/service_records.hpp"

namespace onthaal::central {
namespace {

void require_sodium() {
    if (sodium_init() < 0) throw AdminError("libsodium could not be initialised");
}

std::string random_token() {
    unsigned char bytes[32];
    randombytes_buf(bytes, sizeof bytes);
    char text[sodium_base64_ENCODED_LEN(sizeof bytes, sodium_base64_VARIANT_URLSAFE_NO_PADDING)];
    sodium_bin2base64(text, sizeof text, bytes, sizeof bytes,
                      sodium_base64_VARIANT_URLSAFE_NO_PADDING);
    return text;
}

// The letter of the site's next kiosk device: A..Z, then AA..ZZ; counted over every kiosk device
// ever added (revoked ones too), so a letter is never given twice. None past ZZ.
std::optional<std::string> next_queue_letter(store::Database& db, const std::string& site_id) {
    auto q = db.cached("SELECT count(*) FROM device WHERE site_id = ? AND role = 'kiosk'");
    q->bind_all(site_id);
    q->step();
    const std::int64_t n = q->column_int64(0) + 1;
    if (n <= 26) return std::string(1, static_cast<char>('A' + n - 1));
    if (n > 26 * 27) return std::nullopt;
    return std::string{static_cast<char>('A' + (n - 1) / 26 - 1),
                       static_cast<char>('A' + (n - 1) % 26)};
}

}  // namespace

std::string utc_now_iso() {
    const std::time_t now = std::chrono::system_clock::to_time_t(std::chrono::system_clock::now());
    std::tm tm{};
    gmtime_r(&now, &tm);
    char buffer[32];
    std::strftime(buffer, sizeof buffer, "%Y-%m-%dT%H:%M:%SZ", &tm);
    return buffer;
}

std::vector<unsigned char> token_hash(const std::string& token) {
    require_sodium();
    std::vector<unsigned char> out(crypto_generichash_BYTES);
    crypto_generichash(out.data(), out.size(), reinterpret_cast<const unsigned char*>(token.data()),
                       token.size(), nullptr, 0);
    return out;
}

void add_site(store::Database& db, const std::string& id, const std::string& name,
              const std::string& province) {
    require_sodium();
    if (const std::string why = config::check_site_id(id); !why.empty())
        throw AdminError("--id " + why);
    if (name.empty()) throw AdminError("--name must not be empty");
    if (!domain::parse_province_code(province)) {
        throw AdminError("--province must be one of A, L, O, V, W, B (got '" + province + "')");
    }
    std::vector<unsigned char> key(32);
    randombytes_buf(key.data(), key.size());
    store::Transaction tx(db);
    auto exists = db.cached("SELECT count(*) FROM site WHERE id = ?");
    exists->bind_all(id);
    exists->step();
    if (exists->column_int64(0) != 0) throw AdminError("site '" + id + "' already exists");
    db.cached("INSERT INTO site (id, name, province, hash_key, created_at) VALUES (?, ?, ?, ?, ?)")
        ->bind_all(id, name, province)
        .bind_blob(4, key)
        .bind(5, utc_now_iso())
        .run();
    tx.commit();
}

std::string add_device(store::Database& db, const std::string& site_id, const std::string& name,
                       const std::string& role, const std::optional<std::string>& staff_id) {
    if (!domain::parse_device_role(role))
        throw AdminError("--role must be kiosk, desk or coach (got '" + role + "')");
    if (role == "coach" && !staff_id)
        throw AdminError("--staff is required for a coach device (whose caseload?)");
    if (name.empty()) throw AdminError("--name must not be empty");
    const std::string token = random_token();
    store::Transaction tx(db);
    auto site = db.cached("SELECT count(*) FROM site WHERE id = ?");
    site->bind_all(site_id);
    site->step();
    if (site->column_int64(0) == 0)
        throw AdminError("--site: no site '" + site_id + "'; add it first");
    unsigned char id_bytes[8];
    randombytes_buf(id_bytes, sizeof id_bytes);
    char id_hex[sizeof id_bytes * 2 + 1];
    sodium_bin2hex(id_hex, sizeof id_hex, id_bytes, sizeof id_bytes);
    db.cached(
          "INSERT INTO device (id, site_id, name, role, token_hash, created_at, staff_id, "
          "queue_letter) VALUES (?, ?, ?, ?, ?, ?, ?, ?)")
        ->bind_all(std::string("dev-") + id_hex, site_id, name, role)
        .bind_blob(5, token_hash(token))
        .bind(6, utc_now_iso())
        .bind(7, staff_id)
        .bind(8, role == "kiosk" ? next_queue_letter(db, site_id) : std::optional<std::string>())
        .run();
    tx.commit();
    return token;
}

void revoke_device(store::Database& db, const std::string& site_id, const std::string& name) {
    store::Transaction tx(db);
    db.cached("UPDATE device SET revoked = 1 WHERE site_id = ? AND name = ?")
        ->bind_all(site_id, name)
        .run();
    if (db.changes() == 0)
        throw AdminError("no device named '" + name + "' at site '" + site_id + "'");
    tx.commit();
}

bool set_month_category(store::Database& db, const std::string& site_id,
                        const std::string& client_id, const std::string& month,
                        const std::string& category) {
    if (!protocol::MonthCategoryRecord::parse_month(month))
        throw AdminError("--month must be a month YYYY-MM, e.g. 2026-11 (got '" + month + "')");
    if (category != "active" && category != "passive")
        throw AdminError("--category must be active or passive (got '" + category + "')");
    store::Transaction tx(db);
    auto site = db.cached("SELECT count(*) FROM site WHERE id = ?");
    site->bind_all(site_id);
    site->step();
    if (site->column_int64(0) == 0) throw AdminError("--site: no site '" + site_id + "'");
    auto client = db.cached("SELECT site_id FROM client WHERE id = ?");
    client->bind_all(client_id);
    if (!client->step() || client->column_text(0) != site_id)
        throw AdminError("--client: no client '" + client_id + "' at site '" + site_id + "'");
    const bool changed =
        import_parts::write_month_category(db, site_id, client_id, month, category);
    tx.commit();
    return changed;
}

}  // namespace onthaal::central
