// Internal to entities/field_central.cpp: central's one path for records people edit (visits,
// sheets' work plans). An edit made on central's current version becomes the next version (every
// version kept, edited_record_version); an edit made on an older one that changes something is
// kept as a record_conflict for review, published to every device of the record's audience (the
// editing device too), and the current version stays: never a silent overwrite (ODK Central's
// base version + human review).
//
// Thread: the caller's, inside its savepoint. Failure: StoreError.
#pragma once

#include <functional>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>

#include "entities/entity_module.hpp"
#include "entities/service_central_parts.hpp"

namespace onthaal::entities {

struct EditAtCentral {
    std::string_view entity;
    const ServiceAtCentral& service;
    nlohmann::json payload;                   // the record as stored, without notes
    std::optional<std::string> notes_sealed;  // a visit's notes as the device sealed them
    // Whether central's current payload already says what the edit says (then nothing to review).
    std::function<bool(const nlohmann::json& current)> same_as;
    // The record as devices receive it, at a version, with or without notes kept.
    std::function<nlohmann::json(std::int64_t version, bool has_notes)> published;
};

// The current version of a record at central, or nullopt.
struct CurrentEdit {
    std::int64_t version = 0;
    nlohmann::json payload;
    bool has_notes = false;
    std::string service_id;
};
std::optional<CurrentEdit> current_edit(store::Database& db, std::string_view entity,
                                        const std::string& id);

protocol::PushResult apply_edit(CentralWrite& w, const protocol::MutationEnvelope& m,
                                const EditAtCentral& edit);

}  // namespace onthaal::entities
