#include "protocol/changes.hpp"

#include "protocol/validation.hpp"

namespace onthaal::protocol {

PulledChange PulledChange::from_json(const nlohmann::json& change, std::int64_t after) {
    return from_json(nlohmann::json(change), after);
}

nlohmann::json PulledChange::raw() const {
    if (!malformed_.is_null()) return malformed_;
    return {{"seq", seq}, {"entity", entity}, {"id", id}, {"op", to_string(op)}, {"data", data}};
}

PulledChange PulledChange::from_json(nlohmann::json&& change, std::int64_t after) {
    const FieldReader r(change, "change", "");
    PulledChange c;
    // Nothing can follow the last sequence; after + 1 would overflow (found by fuzzing).
    if (after == INT64_MAX) r.fail("seq", "cannot follow the largest possible sequence");
    c.seq = r.integer("seq", after + 1, INT64_MAX);
    const auto text = [&](const char* field) {
        const auto it = change.find(field);
        return it != change.end() && it->is_string() ? it->get<std::string>() : std::string();
    };
    c.entity = text("entity");
    c.id = text("id");
    const auto op = parse_enum<ChangeOp>(text("op"));
    const auto data = change.find("data");
    if (c.entity.empty() || c.entity.size() > 40) {
        c.problem = "field 'entity' must be a string of 1 to 40 characters";
    } else if (c.id.empty() || c.id.size() > 100) {
        c.problem = "field 'id' must be a string of 1 to 100 characters";
    } else if (!op) {
        c.problem = "field 'op' must be upsert or delete";
    } else if (*op == ChangeOp::upsert && (data == change.end() || !data->is_object())) {
        c.problem = "an upsert needs a 'data' object";
    } else {
        c.op = *op;
        if (data != change.end()) c.data = std::move(*data);
    }
    if (!c.problem.empty()) c.malformed_ = std::move(change);
    if (c.entity.size() > 40) c.entity = c.entity.substr(0, 40);
    if (c.id.size() > 100) c.id = c.id.substr(0, 100);
    return c;
}

}  // namespace onthaal::protocol
