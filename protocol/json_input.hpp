// Parsing JSON that comes from outside (a kiosk or desk page, a device's push, central's answers,
// an import file, a config file) with limits: nesting deeper than `max_depth` is refused before
// any tree is built (a push of 3 million nested arrays must not cost 200 MB), and invalid text or
// a number out of range ("1e999999") is an error. The error never holds the input: a national
// number or a 5,000-digit number must not reach a log or an answer.
//
// Pure: no I/O. Thread: any. Failure: none thrown (but std::bad_alloc); see JsonInput::error.
#pragma once

#include <cstddef>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>

namespace onthaal::protocol {

inline constexpr int kMaxJsonDepth = 64;

struct JsonInput {
    nlohmann::json value;  // null when the input was refused
    std::string error;     // empty when parsed: "not valid JSON", "nested deeper than 64 levels"
    bool ok() const { return error.empty(); }
};

JsonInput parse_untrusted_json(std::string_view text, int max_depth = kMaxJsonDepth);

}  // namespace onthaal::protocol
