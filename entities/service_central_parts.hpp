// Internal to entities/*_central.cpp: what central's appliers of a service's facts, hours, visits
// and plans share: the service with its site and client's coach, the day a pushed fact is judged
// on, and the audience its change is published to.
//
// Thread: the caller's, inside its transaction. Failure: StoreError.
#pragma once

#include <optional>
#include <string>

#include "domain/rule_result.hpp"
#include "entities/central_feed.hpp"
#include "protocol/service_records.hpp"

namespace onthaal::entities {

struct ServiceAtCentral {
    protocol::ServiceRecord record;
    std::string site_id;
    std::optional<std::string> coach_id;
};

// The service with its site and its client's coach, or nullopt.
std::optional<ServiceAtCentral> find_service_at_central(store::Database& db, const std::string& id);

// How far back central believes a device's clock: a coach may be offline for weeks, but a fact
// claiming to be older than this is judged as of this many days ago, so a wrong or set-back clock
// cannot place advice inside a month long gone. (reading, docs/rules.md)
inline constexpr int kMaxOfflineDays = 45;

// The day the rules judge a fact on: the day it was recorded on the device (`occurred_at`),
// never later than central's today and never earlier than kMaxOfflineDays before it.
domain::Date judged_on(const std::string& occurred_at, const std::string& now);

// The site's desks and the client's coach (never kiosks); `origin` does not get it back.
ChangeAudience site_audience(const std::string& site_id, const std::optional<std::string>& coach,
                             const std::optional<std::string>& origin);

}  // namespace onthaal::entities
