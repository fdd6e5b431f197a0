// The agent's configuration file and its ONTHAAL_* overrides (config/agent_config.hpp,
// parse_agent_config). The input up to its first NUL byte is the file; after it, one NAME=VALUE
// per line is the environment. Documented: an AgentConfig, or ConfigError naming the setting.
// Checked besides: a configuration that loads can be printed (--print-config).
#include <cstdint>
#include <string>
#include <string_view>

#include "config/agent_config.hpp"
#include "fuzz/fuzz_support.hpp"

namespace {

constexpr const char* kTarget = "agent_config";

onthaal::config::Environment environment_of(std::string_view lines) {
    onthaal::config::Environment env;
    while (!lines.empty()) {
        const auto end = lines.find('\n');
        const std::string_view line = lines.substr(0, end);
        const auto eq = line.find('=');
        if (eq != std::string_view::npos)
            env[std::string(line.substr(0, eq))] = std::string(line.substr(eq + 1));
        lines = end == std::string_view::npos ? std::string_view() : lines.substr(end + 1);
    }
    return env;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view input(reinterpret_cast<const char*>(data), size);
    const auto nul = input.find('\0');
    const std::string file(input.substr(0, nul));
    try {
        const auto env = environment_of(nul == std::string_view::npos ? std::string_view()
                                                                      : input.substr(nul + 1));
        try {
            const auto config = onthaal::config::parse_agent_config(file, "fuzz.json", env);
            (void)onthaal::config::render_effective_config(config);
        } catch (const onthaal::config::ConfigError&) {
        }
    } catch (...) {
        onthaal::fuzz::unexpected_exception(kTarget);
    }
    return 0;
}
