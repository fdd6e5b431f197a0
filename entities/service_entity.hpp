// A client's service and what the partner registers in it (issue 13), as three entities:
//   service         central's record of the enrolment (programme, referral, tender parameters);
//                   central-only, like client: devices never push it.
//   month_category  VDAB's active/passive category at a month end; central-only.
//   service_fact    the partner's registrations (agreement sheets, start of mediation, WEO,
//                   training and stage lines, suspension, closing advice, ...): append-only facts
//                   pushed by the desk (and a coach for its caseload), checked again by central
//                   with the same domain code (domain/service_state.hpp) on central's own history,
//                   and sent on to the site's other devices.
// Both stores keep the three tables with the same columns, so one reader (service_history)
// gives agent and central the same history, hence the same derived state.
//
// Thread and failure: see entity_module.hpp. The free functions run in the caller's transaction
// unless they say otherwise, and throw StoreError; a malformed stored fact is skipped, never
// thrown (it came through validation once).
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "domain/service_state.hpp"
#include "entities/appointment_entity.hpp"
#include "entities/entity_module.hpp"
#include "protocol/service_records.hpp"

namespace onthaal::entities {

class ServiceEntity final : public EntityModule {
  public:
    std::string_view name() const override { return "service"; }
    void apply_pulled(store::Database& db, const protocol::PulledChange& change,
                      const store::DeviceIdentity& device) const override;
};

class MonthCategoryEntity final : public EntityModule {
  public:
    std::string_view name() const override { return "month_category"; }
    void apply_pulled(store::Database& db, const protocol::PulledChange& change,
                      const store::DeviceIdentity& device) const override;
};

class ServiceFactEntity final : public EntityModule {
  public:
    std::string_view name() const override { return "service_fact"; }
    void apply_pulled(store::Database& db, const protocol::PulledChange& change,
                      const store::DeviceIdentity& device) const override;
    // Central's half: service_fact_central.cpp.
    std::string push_kind(const protocol::MutationEnvelope& m) const override;
    std::span<const PushPermission> push_permissions() const override;
    protocol::PushResult apply_pushed(CentralWrite& write,
                                      const protocol::MutationEnvelope& m) const override;
};

// Both stores: the service's record, or nullopt.
std::optional<protocol::ServiceRecord> find_service(store::Database& db, const std::string& id);
// Both stores: the client's services, newest referral first.
std::vector<protocol::ServiceRecord> client_services(store::Database& db,
                                                     const std::string& client_id);
// Both stores: the rules' history of a service: its record, the client's first-appointment
// outcomes and presence, later appointments, month categories and the facts in the order kept.
// On the agent, a fact central refused (outbox quarantined) is no part of it.
domain::ServiceHistory service_history(store::Database& db, const protocol::ServiceRecord& service,
                                       StoreKind store);
// Both stores: the facts of a service as records, in the order kept (for the client page and the
// export).
std::vector<protocol::ServiceFactRecord> service_facts(store::Database& db,
                                                       const std::string& service_id);

// Agent, the local writer: the fact, its outbox entry (entity "service_fact", entity_id the
// service) and an audit row in ONE transaction of its own. Returns the mutation id (the fact's id).
// `id`: the mutation id to use (the page's, so a repeated POST is one fact); "" for a new one.
std::string record_service_fact(store::Database& db, const std::string& service_id,
                                const protocol::ServiceFactMutation& fact, const std::string& now,
                                const std::string& id = "");

// Central: publishing to the site's devices (the client's coach included; never kiosks).
void publish_service(store::Database& db, const std::string& site_id, const std::string& id);
void publish_month_category(store::Database& db, const std::string& site_id, const std::string& id);

}  // namespace onthaal::entities
