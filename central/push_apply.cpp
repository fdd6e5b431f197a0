#include "central/push_apply.hpp"

#include <nlohmann/json.hpp>

#include "local_store/transaction.hpp"
#include "protocol/json_input.hpp"
#include "protocol/mutations.hpp"
#include "protocol/validation.hpp"

namespace onthaal::central {
namespace {

using nlohmann::json;
using protocol::PushResult;

// One mutation through the registry: its envelope, its entity's module, the role's permission
// for its kind, then the module's own checks and write. Every refusal is a rejection with a stable
// reason; nothing of a rejected mutation is kept (the caller rolls its savepoint back).
PushResult apply_one(store::Database& db, const entities::EntityRegistry& registry,
                     const DeviceScope& device, json& m, const std::string& now) {
    const std::string id = m["mutation_id"];
    protocol::MutationEnvelope envelope;
    try {
        envelope = protocol::MutationEnvelope::from_json(std::move(m));
    } catch (const protocol::ValidationError& e) {
        return PushResult::rejected(id, "malformed_mutation", e.what());
    }
    const entities::EntityModule* module = registry.find(envelope.entity);
    if (!module) {
        return PushResult::rejected(id, "unknown_entity", "Central does not know this entity.");
    }
    try {
        const std::string kind = module->push_kind(envelope);
        if (!entities::EntityRegistry::permits(*module, device.role, kind)) {
            return PushResult::rejected(id, "forbidden_for_role",
                                        "A " + std::string(domain::to_string(device.role)) +
                                            " device may not push '" + kind + "' for " +
                                            envelope.entity + ".");
        }
        entities::CentralWrite write{db, device, now};
        return module->apply_pushed(write, envelope);
    } catch (const entities::MutationRejected& e) {
        return PushResult::rejected(id, e.reason(), e.what());
    } catch (const protocol::ValidationError& e) {
        return PushResult::rejected(id, "malformed_mutation", e.what());
    }
}

void record(store::Database& db, const DeviceScope& device, const json& result,
            const std::string& now) {
    db.cached(
          "INSERT INTO applied_mutation (mutation_id, device_id, status, result, received_at) "
          "VALUES (?, ?, ?, ?, ?)")
        ->bind_all(result["mutation_id"].get<std::string>(), device.device_id,
                   result["status"].get<std::string>(), result.dump(), now)
        .run();
}

std::optional<json> earlier_result(store::Database& db, const DeviceScope& device,
                                   const std::string& id) {
    auto q = db.cached("SELECT device_id, result FROM applied_mutation WHERE mutation_id = ?");
    q->bind_all(id);
    if (!q->step()) return std::nullopt;
    if (q->column_text(0) != device.device_id) {
        return PushResult::rejected(id, "mutation_id_reused",
                                    "This mutation id was already used by another device.")
            .to_json();
    }
    json first = json::parse(q->column_text(1));
    first["first_status"] = first["status"];
    first["status"] = "duplicate";
    return first;
}

json parse_request(const std::string& body) {
    protocol::JsonInput in = protocol::parse_untrusted_json(body);
    if (!in.ok()) throw PushFormatError("The body is " + in.error + ".");
    json request = std::move(in.value);
    if (!request.is_object() || !request.contains("mutations") ||
        !request["mutations"].is_array()) {
        throw PushFormatError("The body must be an object with a 'mutations' array.");
    }
    if (request["mutations"].size() > kMaxMutationsPerPush)
        throw PushFormatError("Too many mutations in one push.");
    return request;
}

bool has_mutation_id(const json& m) {
    return m.is_object() && m.contains("mutation_id") && m["mutation_id"].is_string() &&
           !m["mutation_id"].get<std::string>().empty() &&
           m["mutation_id"].get<std::string>().size() <= 100;
}

}  // namespace

std::string apply_push(store::Database& db, const entities::EntityRegistry& registry,
                       const DeviceScope& device, const std::string& body, const std::string& now) {
    json request = parse_request(body);
    json results = json::array();
    store::Transaction tx(db);
    for (json& m : request["mutations"]) {
        if (!has_mutation_id(m)) {
            results.push_back(PushResult::rejected("", "malformed_mutation",
                                                   "Each mutation needs a 'mutation_id' string.")
                                  .to_json());
            continue;
        }
        const std::string id = m["mutation_id"];
        if (auto earlier = earlier_result(db, device, id)) {
            results.push_back(std::move(*earlier));
            continue;
        }
        db.cached("SAVEPOINT mutation")->run();
        json result;
        try {
            result = apply_one(db, registry, device, m, now).to_json();
        } catch (const nlohmann::json::exception&) {
            // A payload of the wrong shape is permanent; store errors propagate (transient, 500).
            db.cached("ROLLBACK TO mutation")->run();
            result =
                PushResult::rejected(id, "invalid_mutation", "The mutation could not be applied.")
                    .to_json();
        }
        if (result["status"] == "rejected") db.cached("ROLLBACK TO mutation")->run();
        record(db, device, result, now);
        db.cached("RELEASE mutation")->run();
        results.push_back(std::move(result));
    }
    tx.commit();
    return json{{"results", results}}.dump();
}

std::string apply_push(store::Database& db, const DeviceScope& device, const std::string& body,
                       const std::string& now) {
    return apply_push(db, entities::standard_registry(), device, body, now);
}

}  // namespace onthaal::central
