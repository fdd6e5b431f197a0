// The bytes a client sends an agent or central before closing, read as the server reads them
// (net/http_server.hpp, parse_request: Beast's parser with the agent's default limits, the 411 for
// chunked bodies, the 4xx for what breaks a limit), pipelined requests one after the other as a
// kept-alive connection reads them. Documented: a request, a refusal or a quiet close; nothing
// thrown. Checked besides: a request's body keeps to the body limit and every request consumes
// bytes (else a connection would loop).
#include <cstdint>
#include <string_view>

#include "fuzz/fuzz_support.hpp"
#include "net/http_server.hpp"

namespace {

constexpr const char* kTarget = "http_request";
using onthaal::fuzz::require;
using onthaal::http::RequestParse;

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const onthaal::http::ServerLimits limits;
    std::string_view rest(reinterpret_cast<const char*>(data), size);
    try {
        while (true) {
            const RequestParse parsed = onthaal::http::parse_request(rest, limits);
            require(parsed.consumed <= rest.size(), kTarget, "consumed more bytes than were sent");
            if (parsed.outcome == RequestParse::Outcome::refused)
                require(parsed.refusal.status >= 400 && parsed.refusal.status < 500, kTarget,
                        "a refusal that is not a 4xx");
            if (parsed.outcome != RequestParse::Outcome::request) break;
            require(parsed.consumed > 0, kTarget, "a request made of no bytes");
            require(parsed.request.body.size() <= limits.body_limit_bytes, kTarget,
                    "a body over the limit reached a handler");
            // What every handler asks of a request first.
            (void)parsed.request.path();
            (void)parsed.request.header("content-type");
            if (!parsed.keep_alive) break;
            rest.remove_prefix(parsed.consumed);
        }
    } catch (...) {
        onthaal::fuzz::unexpected_exception(kTarget);
    }
    return 0;
}
