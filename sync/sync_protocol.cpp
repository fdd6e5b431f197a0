#include "sync/sync_protocol.hpp"

#include <unordered_map>

#include "protocol/json_input.hpp"
#include "protocol/mutations.hpp"
#include "protocol/records.hpp"
#include "protocol/validation.hpp"

namespace onthaal::sync {
namespace {

using nlohmann::json;

json parse_json(const std::string& body, const char* what) {
    protocol::JsonInput in = protocol::parse_untrusted_json(body);
    if (!in.ok()) throw ProtocolError(std::string(what) + ": central's answer is " + in.error);
    return std::move(in.value);
}

const std::string& string_field(const json& o, const char* field, const char* what) {
    if (!o.is_object() || !o.contains(field) || !o[field].is_string()) {
        throw ProtocolError(std::string(what) + ": field '" + field + "' missing or not a string");
    }
    return o[field].get_ref<const std::string&>();
}

}  // namespace

std::string build_push_body(const std::string& device_id,
                            const std::vector<store::OutboxEntry>& entries) {
    json mutations = json::array();
    for (const auto& e : entries) {
        const protocol::MutationEnvelope m{e.mutation_id, e.entity,
                                           e.entity_id,   e.base_version,
                                           e.device_time, json::parse(e.payload_json)};
        mutations.push_back(m.to_json(device_id));
    }
    return json{{"device_id", device_id}, {"mutations", mutations}}.dump();
}

std::vector<store::PushOutcome> parse_push_results(const std::string& body,
                                                   const std::vector<store::OutboxEntry>& pushed) {
    const json doc = parse_json(body, "push");
    if (!doc.is_object() || !doc.contains("results") || !doc["results"].is_array()) {
        throw ProtocolError("push: answer has no 'results' array");
    }
    std::unordered_map<std::string, int> expected;
    for (const auto& e : pushed) expected[e.mutation_id] = 0;
    std::vector<store::PushOutcome> outcomes;
    for (const json& r : doc["results"]) {
        store::PushOutcome o;
        try {
            o = protocol::PushResult::from_json(r);
        } catch (const protocol::ValidationError& e) {
            throw ProtocolError(std::string("push: ") + e.what());
        }
        auto it = expected.find(o.mutation_id);
        if (it == expected.end() || it->second++ > 0) {
            throw ProtocolError(
                "push: result for a mutation that was not sent, or sent back twice");
        }
        outcomes.push_back(std::move(o));
    }
    if (outcomes.size() != pushed.size())
        throw ProtocolError("push: central answered for fewer mutations than sent");
    return outcomes;
}

PullPage parse_pull_page(const std::string& body, std::int64_t requested_cursor) {
    json doc = parse_json(body, "pull");
    if (!doc.is_object() || !doc.contains("changes") || !doc["changes"].is_array() ||
        !doc.contains("cursor") || !doc["cursor"].is_number_integer() ||
        !doc.contains("has_more") || !doc["has_more"].is_boolean()) {
        throw ProtocolError("pull: answer lacks changes, cursor or has_more");
    }
    PullPage page;
    page.cursor = doc["cursor"];
    page.has_more = doc["has_more"];
    if (doc.contains("remaining") && doc["remaining"].is_number_integer() &&
        doc["remaining"].get<std::int64_t>() >= 0)
        page.remaining = doc["remaining"].get<std::int64_t>();
    if (page.cursor < requested_cursor)
        throw ProtocolError("pull: central moved the cursor backwards");
    std::int64_t last = requested_cursor;
    page.changes.reserve(doc["changes"].size());
    for (json& c : doc["changes"]) {
        try {
            page.changes.push_back(protocol::PulledChange::from_json(std::move(c), last));
        } catch (const protocol::ValidationError&) {
            // Without an increasing sequence the cursor cannot move past it: refuse the page.
            throw ProtocolError("pull: change without an increasing seq");
        }
        last = page.changes.back().seq;
    }
    if (last > page.cursor) throw ProtocolError("pull: cursor behind the changes it returned");
    return page;
}

HelloAnswer parse_hello(const std::string& body) {
    const json doc = parse_json(body, "hello");
    HelloAnswer a;
    a.identity.device_id = string_field(doc, "device_id", "hello");
    const auto role = domain::parse_device_role(string_field(doc, "role", "hello"));
    if (!role) throw ProtocolError("hello: unknown role");
    a.identity.role = *role;
    if (doc.contains("staff_id") && doc["staff_id"].is_string())
        a.identity.staff_id = doc["staff_id"];
    if (!doc.contains("site") || !doc["site"].is_object()) throw ProtocolError("hello: no site");
    const json& site = doc["site"];
    a.site.id = string_field(site, "id", "hello site");
    a.site.name = string_field(site, "name", "hello site");
    a.site.province = string_field(site, "province", "hello site");
    const auto key = protocol::from_hex(string_field(site, "hash_key", "hello site"));
    if (!key || key->size() != 32) throw ProtocolError("hello: hash key must be 64 hex characters");
    a.site.hash_key = *key;
    a.identity.site_id = a.site.id;
    if (doc.contains("queue_letter") && !doc["queue_letter"].is_null()) {
        const json& letter = doc["queue_letter"];
        if (!letter.is_string() || !protocol::is_queue_letter(letter.get<std::string>()))
            throw ProtocolError("hello: queue_letter must be 1 or 2 capital letters");
        a.queue_letter = letter.get<std::string>();
    }
    if (doc.contains("notes_public_key") && !doc["notes_public_key"].is_null()) {
        const json& notes = doc["notes_public_key"];
        if (notes.is_string())
            a.notes_public_key = store::PublicKey::from_hex(notes.get<std::string>());
        if (!a.notes_public_key)
            throw ProtocolError("hello: notes_public_key must be 64 hex characters");
    }
    return a;
}

}  // namespace onthaal::sync
