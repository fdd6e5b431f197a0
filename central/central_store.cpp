#include "central/central_store.hpp"

#include "central/central_admin.hpp"
#include "central/central_schema.hpp"
#include "central/hash_upgrade.hpp"
#include "central/push_apply.hpp"
#include "central/site_export.hpp"
#include "domain/time_text.hpp"
#include "local_store/store_open.hpp"

namespace onthaal::central {

std::unique_ptr<SqliteCentralStore> SqliteCentralStore::open(const std::string& path) {
    auto db = store::open_and_migrate(path, central_schema_steps());
    upgrade_national_number_hashes(db);
    return std::make_unique<SqliteCentralStore>(std::move(db));
}

std::optional<DeviceScope> SqliteCentralStore::device_for_token(std::string_view token) {
    auto q = db_.cached(
        "SELECT id, site_id, role, staff_id FROM device WHERE token_hash = ? AND revoked = 0");
    q->bind_blob(1, token_hash(std::string(token)));
    if (!q->step()) return std::nullopt;
    const auto role = domain::parse_device_role(q->column_text(2));
    if (!role) return std::nullopt;  // the schema's CHECK allows no other value
    return DeviceScope{q->column_text(0), q->column_text(1), *role, q->column_optional_text(3)};
}

std::string SqliteCentralStore::queue_letter(const std::string& device_id) {
    auto q = db_.cached("SELECT coalesce(queue_letter, '') FROM device WHERE id = ?");
    q->bind_all(device_id);
    return q->step() ? q->column_text(0) : "";
}

std::optional<SiteInfo> SqliteCentralStore::site(const std::string& id) {
    auto q = db_.cached("SELECT name, province, hash_key FROM site WHERE id = ?");
    q->bind_all(id);
    if (!q->step()) return std::nullopt;
    return SiteInfo{id, q->column_text(0), q->column_text(1), q->column_blob(2)};
}

void SqliteCentralStore::add_site(const std::string& id, const std::string& name,
                                  const std::string& province) {
    central::add_site(db_, id, name, province);
}

std::string SqliteCentralStore::add_device(const std::string& site_id, const std::string& name,
                                           const std::string& role,
                                           const std::optional<std::string>& staff_id) {
    return central::add_device(db_, site_id, name, role, staff_id);
}

void SqliteCentralStore::revoke_device(const std::string& site_id, const std::string& name) {
    central::revoke_device(db_, site_id, name);
}

bool SqliteCentralStore::set_month_category(const std::string& site_id,
                                            const std::string& client_id, const std::string& month,
                                            const std::string& category) {
    return central::set_month_category(db_, site_id, client_id, month, category);
}

std::string SqliteCentralStore::apply_push(const DeviceScope& device, const std::string& body,
                                           const std::string& now) {
    return central::apply_push(db_, device, body, now);
}

ChangePage SqliteCentralStore::changes_since(const DeviceScope& device, std::int64_t cursor,
                                             std::size_t limit, const std::string& now) {
    const auto at = domain::parse_instant(now);
    const std::string kiosk_since =
        at ? domain::format_instant(*at - std::chrono::hours(24)) : std::string();
    ChangePage page = read_changes(db_, device, cursor, limit, kiosk_since);
    page.remaining = remaining_.remaining_after(db_, device, cursor, page);
    return page;
}

std::int64_t SqliteCentralStore::last_sequence() {
    return central::last_sequence(db_);
}

ImportSummary SqliteCentralStore::import_site(const std::string& site_id, const std::string& json) {
    return import_site_file(db_, site_id, json);
}

std::string SqliteCentralStore::export_site(const std::string& site_id) {
    return central::export_site(db_, site_id);
}

}  // namespace onthaal::central
