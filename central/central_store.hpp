// Central's store behind one interface: what the sync API and the admin commands need of it,
// so a second engine can be added later without touching routes or rules. SqliteCentralStore is
// the engine of the reference server (its schema in central_schema.cpp; the entity modules in
// entities/ write its entity tables inside apply_push).
//
// Ownership: an instance owns its connection. Thread: one instance per thread (central opens one
// for its I/O thread and one for its push worker). Failure: StoreError for the store itself;
// AdminError (central_admin.hpp) for a refused admin operation; PushFormatError for a push that
// is malformed as a whole. Nothing is half-written on failure.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "central/change_feed.hpp"
#include "central/feed_remaining.hpp"
#include "central/site_import.hpp"
#include "local_store/sqlite_database.hpp"

namespace onthaal::central {

struct SiteInfo {
    std::string id;
    std::string name;
    std::string province;
    std::vector<unsigned char> hash_key;
};

class CentralStore {
  public:
    virtual ~CentralStore() = default;

    // Devices and tokens: the device a bearer token belongs to (nullopt: unknown or revoked).
    virtual std::optional<DeviceScope> device_for_token(std::string_view token) = 0;
    virtual std::optional<SiteInfo> site(const std::string& id) = 0;
    // The letter central gave a kiosk device for its queue numbers (issue 15); "" for others.
    virtual std::string queue_letter(const std::string& device_id) = 0;
    virtual void add_site(const std::string& id, const std::string& name,
                          const std::string& province) = 0;
    // Returns the new device's bearer token (only its hash is kept).
    virtual std::string add_device(const std::string& site_id, const std::string& name,
                                   const std::string& role,
                                   const std::optional<std::string>& staff_id) = 0;
    virtual void revoke_device(const std::string& site_id, const std::string& name) = 0;
    // VDAB's month-end category of a client (central_admin.hpp); false: it was so already.
    virtual bool set_month_category(const std::string& site_id, const std::string& client_id,
                                    const std::string& month, const std::string& category) = 0;

    // Sync: one push batch (the response body), and the changes after a cursor for a scope.
    virtual std::string apply_push(const DeviceScope& device, const std::string& body,
                                   const std::string& now) = 0;
    // `now`: UTC text; what a kiosk holds depends on the day (change_feed.hpp).
    virtual ChangePage changes_since(const DeviceScope& device, std::int64_t cursor,
                                     std::size_t limit, const std::string& now) = 0;
    virtual std::int64_t last_sequence() = 0;

    // Import and export of a site's planning and facts (docs/import-format.md).
    virtual ImportSummary import_site(const std::string& site_id, const std::string& json) = 0;
    virtual std::string export_site(const std::string& site_id) = 0;
};

class SqliteCentralStore final : public CentralStore {
  public:
    // Opens (and migrates) the central store at `path`.
    static std::unique_ptr<SqliteCentralStore> open(const std::string& path);
    explicit SqliteCentralStore(store::Database db) : db_(std::move(db)) {}

    std::optional<DeviceScope> device_for_token(std::string_view token) override;
    std::optional<SiteInfo> site(const std::string& id) override;
    std::string queue_letter(const std::string& device_id) override;
    void add_site(const std::string& id, const std::string& name,
                  const std::string& province) override;
    std::string add_device(const std::string& site_id, const std::string& name,
                           const std::string& role,
                           const std::optional<std::string>& staff_id) override;
    void revoke_device(const std::string& site_id, const std::string& name) override;
    bool set_month_category(const std::string& site_id, const std::string& client_id,
                            const std::string& month, const std::string& category) override;
    std::string apply_push(const DeviceScope& device, const std::string& body,
                           const std::string& now) override;
    ChangePage changes_since(const DeviceScope& device, std::int64_t cursor, std::size_t limit,
                             const std::string& now) override;
    std::int64_t last_sequence() override;
    ImportSummary import_site(const std::string& site_id, const std::string& json) override;
    std::string export_site(const std::string& site_id) override;

    store::Database& database() { return db_; }  // for tests and the engine's own tools

  private:
    store::Database db_;
    RemainingCounter remaining_;  // pulls' `remaining`, kept per device across a catch-up
};

}  // namespace onthaal::central
