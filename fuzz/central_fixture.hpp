// The central store the push and import targets start every input from: two sites (s1, s2), the
// staff, clients and appointments of tests/central/central_sync_test.cpp's base file at s1, one of
// each at s2, and the three kinds of device of s1. Each client has the service the import gives a
// client listed without one: "svc-" and its id (svc-c1 TIBB4, svc-c2 GLOW, svc-c9 at s2), with
// no fact and no first appointment completed yet (a seed pushes a1's presence before a sheet).
// Seeds in fuzz/corpus/ refer to these ids.
//
// Thread: the caller's. Failure: StoreError or AdminError when the template cannot be built.
#pragma once

#include <string>

#include "central/change_feed.hpp"

namespace onthaal::fuzz {

// Builds the template store at `path` and closes it (a TemplateStore's `fill`).
void fill_central_template(const std::string& path);

// The devices a push may come from (no device rows needed: apply_push takes the scope).
inline const central::DeviceScope kKioskDevice{"dev-k", "s1", domain::DeviceRole::kiosk, {}};
inline const central::DeviceScope kDeskDevice{"dev-desk", "s1", domain::DeviceRole::desk, {}};
inline const central::DeviceScope kCoachDevice{"dev-coach", "s1", domain::DeviceRole::coach,
                                               std::string("st1")};

// Central's clock for every input: the morning of the fixture's appointments.
inline constexpr const char* kCentralNow = "2026-11-23T08:45:00Z";

}  // namespace onthaal::fuzz
