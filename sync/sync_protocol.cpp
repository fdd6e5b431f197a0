#include "sync/sync_protocol.hpp"

#include <unordered_map>

namespace onthaal::sync {
namespace {

using nlohmann::json;

json parse_json(const std::string& body, const char* what) {
    try {
        return json::parse(body);
    } catch (const json::parse_error&) {
        throw ProtocolError(std::string(what) + ": central answered with invalid JSON");
    }
}

const std::string& string_field(const json& o, const char* field, const char* what) {
    if (!o.is_object() || !o.contains(field) || !o[field].is_string()) {
        throw ProtocolError(std::string(what) + ": field '" + field + "' missing or not a string");
    }
    return o[field].get_ref<const std::string&>();
}

store::PushStatus parse_status(const std::string& s) {
    if (s == "applied") return store::PushStatus::applied;
    if (s == "duplicate") return store::PushStatus::duplicate;
    if (s == "conflict") return store::PushStatus::conflict;
    if (s == "rejected") return store::PushStatus::rejected;
    throw ProtocolError("push: unknown result status '" + s + "'");
}

std::vector<unsigned char> hex_bytes(const std::string& hex) {
    if (hex.size() % 2 != 0) throw ProtocolError("hello: malformed hash key");
    std::vector<unsigned char> out;
    for (size_t i = 0; i < hex.size(); i += 2) {
        unsigned value = 0;
        for (size_t j = 0; j < 2; ++j) {
            const char c = hex[i + j];
            value <<= 4;
            if (c >= '0' && c <= '9')
                value |= static_cast<unsigned>(c - '0');
            else if (c >= 'a' && c <= 'f')
                value |= static_cast<unsigned>(c - 'a' + 10);
            else
                throw ProtocolError("hello: malformed hash key");
        }
        out.push_back(static_cast<unsigned char>(value));
    }
    return out;
}

}  // namespace

std::string build_push_body(const std::string& device_id,
                            const std::vector<store::OutboxEntry>& entries) {
    json mutations = json::array();
    for (const auto& e : entries) {
        mutations.push_back(
            {{"mutation_id", e.mutation_id},
             {"device_id", device_id},
             {"entity", e.entity},
             {"entity_id", e.entity_id},
             {"base_version", e.base_version ? json(*e.base_version) : json(nullptr)},
             {"device_time", e.device_time},
             {"payload", json::parse(e.payload_json)}});
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
        o.mutation_id = string_field(r, "mutation_id", "push result");
        auto it = expected.find(o.mutation_id);
        if (it == expected.end() || it->second++ > 0) {
            throw ProtocolError(
                "push: result for a mutation that was not sent, or sent back twice");
        }
        o.status = parse_status(string_field(r, "status", "push result"));
        if (r.contains("reason") && r["reason"].is_string()) o.reason = r["reason"];
        if (r.contains("message") && r["message"].is_string()) o.message = r["message"];
        if (r.contains("server_record") && r["server_record"].is_object())
            o.server_record_json = r["server_record"].dump();
        if (o.status == store::PushStatus::rejected && o.reason.empty()) o.reason = "rejected";
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
    if (page.cursor < requested_cursor)
        throw ProtocolError("pull: central moved the cursor backwards");
    std::int64_t last = requested_cursor;
    for (const json& c : doc["changes"]) {
        if (!c.is_object() || !c.contains("seq") || !c["seq"].is_number_integer() ||
            c["seq"].get<std::int64_t>() <= last) {
            throw ProtocolError("pull: change without an increasing seq");
        }
        last = c["seq"];
        string_field(c, "entity", "pull change");
        string_field(c, "id", "pull change");
        const std::string& op = string_field(c, "op", "pull change");
        if (op != "upsert" && op != "delete") throw ProtocolError("pull: unknown op '" + op + "'");
        if (!c.contains("data") || (op == "upsert" && !c["data"].is_object())) {
            throw ProtocolError("pull: upsert without a data object");
        }
    }
    if (last > page.cursor) throw ProtocolError("pull: cursor behind the changes it returned");
    page.changes = std::move(doc["changes"]);
    return page;
}

HelloAnswer parse_hello(const std::string& body) {
    const json doc = parse_json(body, "hello");
    HelloAnswer a;
    a.identity.device_id = string_field(doc, "device_id", "hello");
    a.identity.role = string_field(doc, "role", "hello");
    if (doc.contains("staff_id") && doc["staff_id"].is_string())
        a.identity.staff_id = doc["staff_id"];
    if (!doc.contains("site") || !doc["site"].is_object()) throw ProtocolError("hello: no site");
    const json& site = doc["site"];
    a.site.id = string_field(site, "id", "hello site");
    a.site.name = string_field(site, "name", "hello site");
    a.site.province = string_field(site, "province", "hello site");
    a.site.hash_key = hex_bytes(string_field(site, "hash_key", "hello site"));
    if (a.site.hash_key.size() != 32) throw ProtocolError("hello: hash key must be 32 bytes");
    a.identity.site_id = a.site.id;
    return a;
}

}  // namespace onthaal::sync
