#include "protocol/json_input.hpp"

namespace onthaal::protocol {
namespace {

// The deepest nesting of arrays and objects in `text`, brackets inside strings aside; stops
// counting once past `limit`.
int nesting_depth(std::string_view text, int limit) {
    int depth = 0, deepest = 0;
    bool in_string = false, escaped = false;
    for (char c : text) {
        if (in_string) {
            if (escaped)
                escaped = false;
            else if (c == '\\')
                escaped = true;
            else if (c == '"')
                in_string = false;
            continue;
        }
        if (c == '"') {
            in_string = true;
        } else if (c == '[' || c == '{') {
            if (++depth > deepest) deepest = depth;
            if (deepest > limit) return deepest;
        } else if (c == ']' || c == '}') {
            --depth;
        }
    }
    return deepest;
}

}  // namespace

JsonInput parse_untrusted_json(std::string_view text, int max_depth) {
    JsonInput in;
    if (nesting_depth(text, max_depth) > max_depth) {
        in.error = "nested deeper than " + std::to_string(max_depth) + " levels";
        return in;
    }
    // Without exceptions, nlohmann reports a syntax error and a number it cannot hold alike, by a
    // discarded value (with exceptions its message would quote the number).
    in.value = nlohmann::json::parse(text, nullptr, false);
    if (in.value.is_discarded()) {
        in.value = nullptr;
        in.error = "not valid JSON (or a number out of range)";
    }
    return in;
}

}  // namespace onthaal::protocol
