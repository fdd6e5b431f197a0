// One change of central's pull feed (docs/sync-protocol.md, "Pull"), read leniently: the page as a
// whole must be sound (increasing sequences, so the cursor can move past every change), but a
// change whose own envelope is malformed is still returned, with `problem` saying why, so the agent
// can set that one change aside and apply the rest (nothing wedges).
//
// Pure: no I/O. Thread: any. Failure: from_json throws ValidationError only when the change has no
// usable sequence number; every other fault is reported in `problem`.
#pragma once

#include <cstdint>
#include <nlohmann/json.hpp>
#include <string>

#include "protocol/enums.hpp"

namespace onthaal::protocol {

struct PulledChange {
    std::int64_t seq = 0;
    std::string entity;  // "" when unreadable
    std::string id;      // "" when unreadable
    ChangeOp op = ChangeOp::upsert;
    nlohmann::json data;  // the record for an upsert; null for a delete
    std::string problem;  // non-empty: this change cannot be applied as it is

    // `change` is one element of the page's "changes" array (its data is moved out, not copied:
    // a page holds up to 5,000 records); `after` is the previous sequence.
    static PulledChange from_json(nlohmann::json&& change, std::int64_t after);
    static PulledChange from_json(const nlohmann::json& change, std::int64_t after);
    // The change as central sent it, to keep with a change set aside.
    nlohmann::json raw() const;

  private:
    nlohmann::json malformed_;  // the whole change, only when its envelope is malformed
};

}  // namespace onthaal::protocol
