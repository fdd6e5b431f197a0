// A desk's call of a checked-in client to the desk (issue 15, item 3) as one synced entity, so the
// waiting-room display on any desk of the site shows the calls of every desk. Record and JSON in
// protocol/queue_call_records.hpp; the display's reads in local_store/queue_store.hpp. Only a desk
// device pushes a call; central checks again, on its own state, that the appointment is of the
// device's site, has a check-in and no outcome yet, and that the caller is a staff member of the
// site; it passes the call to the site's other desks (not to kiosks, not to coaches). Calls are
// kept two days on both sides: they say where to go now and are no part of the case file.
// Thread and failure: see entity_module.hpp. record_queue_call makes its own transaction and
// throws StoreError.
#pragma once

#include <string>

#include "entities/entity_module.hpp"
#include "local_store/queue_store.hpp"

namespace onthaal::entities {

class QueueCallEntity final : public EntityModule {
  public:
    std::string_view name() const override { return "queue_call"; }
    void apply_pulled(store::Database& db, const protocol::PulledChange& change,
                      const store::DeviceIdentity& device) const override;
    std::string push_kind(const protocol::MutationEnvelope& m) const override;
    std::span<const PushPermission> push_permissions() const override;
    protocol::PushResult apply_pushed(CentralWrite& write,
                                      const protocol::MutationEnvelope& m) const override;
};

// Agent, the local writer: calls the client of `appointment_id` to the desk at `now` (UTC text),
// once per press (a second call, when the client did not come, is a new call). The call and its
// outbox entry in ONE transaction. Refused (nothing written) when the appointment is unknown, has
// no check-in, or has its outcome already.
store::CallOutcome record_queue_call(store::Database& db, const std::string& appointment_id,
                                     const std::string& staff_id, const std::string& now);

}  // namespace onthaal::entities
