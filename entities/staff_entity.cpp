#include "entities/staff_entity.hpp"

#include <stdexcept>

namespace onthaal::entities {

void StaffEntity::apply_pulled(store::Database& db, const protocol::PulledChange& change,
                               const store::DeviceIdentity& device) const {
    if (change.op == protocol::ChangeOp::remove) {
        db.cached("DELETE FROM staff_account WHERE id = ?")->bind_all(change.id).run();
        return;
    }
    const auto staff = protocol::StaffRecord::from_json(change.data, change.id);
    db.cached(
          "INSERT INTO staff_account (id, site_id, name, version, username, password_hash) "
          "VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT(id) DO UPDATE SET name = excluded.name, "
          "version = excluded.version, username = excluded.username, password_hash = "
          "excluded.password_hash")
        ->bind_all(staff.id, device.site_id, staff.name, staff.version, staff.username,
                   staff.password_hash)
        .run();
}

protocol::StaffRecord central_staff(store::Database& db, const std::string& id) {
    auto q = db.cached("SELECT id, name, version, username, password_hash FROM staff WHERE id = ?");
    q->bind_all(id);
    if (!q->step()) throw std::out_of_range("staff '" + id + "' does not exist");
    return {q->column_text(0), q->column_text(1), q->column_int64(2), q->column_optional_text(3),
            q->column_optional_text(4)};
}

void publish_staff(store::Database& db, const std::string& site_id, const std::string& id) {
    const auto staff = central_staff(db, id);
    append_change(
        db,
        {site_id, std::nullopt, false, std::nullopt, staff.to_public_json().dump(), std::nullopt},
        "staff", id, "upsert", staff.to_json().dump());
}

}  // namespace onthaal::entities
