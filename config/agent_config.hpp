// The agent's effective configuration: defaults, then the JSON file, then ONTHAAL_* environment
// variables (the environment wins). Every setting is declared once in settings.def.
//
// Ownership: AgentConfig is a plain value. Thread safety: load_agent_config reads only its
// arguments and the file; call it once at start-up and share the result read-only.
// Failure: load_agent_config throws ConfigError whose message names the setting (or the JSON
// line and column) and says why; nothing is silently ignored or defaulted on error.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <stdexcept>
#include <string>

namespace onthaal::config {

using TextValue = std::string;
using IntegerValue = std::int64_t;
using FlagValue = bool;

struct AgentConfig {
#define ONTHAAL_SETTING(name, type, def, lo, hi, check, secret, desc) type##Value name = def;
#include "config/settings.def"
#undef ONTHAAL_SETTING
};

class ConfigError : public std::runtime_error {
  public:
    using std::runtime_error::runtime_error;
};

// The environment as a map, so tests can pass their own. Use environment_from_process() in main.
using Environment = std::map<std::string, std::string>;
Environment environment_from_process();

// Loads defaults, the file at `path` (none when empty), then overrides from `env`.
// Unknown keys in the file and unknown ONTHAAL_* variables are errors (a typo must not be ignored).
AgentConfig load_agent_config(const std::optional<std::string>& path, const Environment& env);

// Parses JSON text as a config file would be parsed; `source` names it in error messages.
AgentConfig parse_agent_config(const std::string& json_text, const std::string& source,
                               const Environment& env);

// The key file's path: key_file, or store_path followed by ".key" when it is empty.
std::string key_file_path(const AgentConfig& config);

// The notes key file's path (coach devices): notes_key_file, or store_path followed by
// ".notes.key" when it is empty.
std::string notes_key_file_path(const AgentConfig& config);

// The effective configuration as pretty JSON, secrets replaced by "********" (or "" when unset).
std::string render_effective_config(const AgentConfig& config);

// One paragraph per setting: name, type, default, environment variable, description.
std::string render_settings_help();

}  // namespace onthaal::config
