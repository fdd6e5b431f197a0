#include "config/agent_config.hpp"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <fstream>
#include <functional>
#include <nlohmann/json.hpp>
#include <sstream>
#include <vector>

#include "config/config_checks.hpp"
#include "config/listen_address.hpp"

extern char** environ;

namespace onthaal::config {
namespace {

using nlohmann::json;

enum class SettingType { Text, Integer, Flag };

struct SettingSpec {
    const char* name;
    SettingType type;
    std::int64_t min;
    std::int64_t max;
    std::string (*check)(const std::string&);
    bool secret;
    const char* description;
    std::function<json(const AgentConfig&)> get;
    std::function<void(AgentConfig&, const json&)> set;
};

const std::vector<SettingSpec>& setting_specs() {
    static const std::vector<SettingSpec> specs = {
#define ONTHAAL_SETTING(name, type, def, lo, hi, check_fn, is_secret, desc) \
    SettingSpec{#name,                                                      \
                SettingType::type,                                          \
                lo,                                                         \
                hi,                                                         \
                &check_fn,                                                  \
                is_secret,                                                  \
                desc,                                                       \
                [](const AgentConfig& c) { return json(c.name); },          \
                [](AgentConfig& c, const json& v) { c.name = v.get<type##Value>(); }},
#include "config/settings.def"
#undef ONTHAAL_SETTING
    };
    return specs;
}

const char* type_name(SettingType type) {
    switch (type) {
        case SettingType::Text:
            return "string";
        case SettingType::Integer:
            return "integer";
        case SettingType::Flag:
            return "boolean";
    }
    return "string";
}

std::string env_name(const std::string& setting) {
    std::string out = "ONTHAAL_";
    for (char c : setting) out += static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    return out;
}

size_t edit_distance(const std::string& a, const std::string& b) {
    std::vector<size_t> prev(b.size() + 1), cur(b.size() + 1);
    for (size_t j = 0; j <= b.size(); ++j) prev[j] = j;
    for (size_t i = 1; i <= a.size(); ++i) {
        cur[0] = i;
        for (size_t j = 1; j <= b.size(); ++j) {
            cur[j] = std::min({prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] != b[j - 1])});
        }
        std::swap(prev, cur);
    }
    return prev[b.size()];
}

std::string suggestion_for(const std::string& unknown) {
    std::string best;
    size_t best_distance = 4;  // only suggest close matches
    for (const auto& spec : setting_specs()) {
        const size_t d = edit_distance(unknown, spec.name);
        if (d < best_distance) {
            best_distance = d;
            best = spec.name;
        }
    }
    return best.empty() ? "" : " (did you mean '" + best + "'?)";
}

const SettingSpec* find_spec(const std::string& name) {
    for (const auto& spec : setting_specs()) {
        if (name == spec.name) return &spec;
    }
    return nullptr;
}

// Checks type, range and the setting's own check, then stores the value.
void apply_value(AgentConfig& config, const SettingSpec& spec, const json& value,
                 const std::string& where) {
    const std::string field = "setting '" + std::string(spec.name) + "' (" + where + ")";
    const bool type_ok = (spec.type == SettingType::Text && value.is_string()) ||
                         (spec.type == SettingType::Integer && value.is_number_integer()) ||
                         (spec.type == SettingType::Flag && value.is_boolean());
    if (!type_ok) {
        throw ConfigError(field + ": must be a " + type_name(spec.type) + ", got " +
                          value.type_name() + " " + value.dump());
    }
    if (spec.type == SettingType::Integer) {
        if (value.is_number_unsigned() && value.get<std::uint64_t>() > INT64_MAX) {
            throw ConfigError(field + ": is too large");
        }
        const auto n = value.get<std::int64_t>();
        if (n < spec.min || n > spec.max) {
            throw ConfigError(field + ": must be between " + std::to_string(spec.min) + " and " +
                              std::to_string(spec.max) + ", got " + std::to_string(n));
        }
    }
    if (spec.type == SettingType::Text) {
        if (const std::string why = spec.check(value.get<std::string>()); !why.empty()) {
            throw ConfigError(field + ": " + why);
        }
    }
    spec.set(config, value);
}

json parse_env_value(const SettingSpec& spec, const std::string& text, const std::string& var) {
    if (spec.type == SettingType::Text) return json(text);
    if (spec.type == SettingType::Flag) {
        if (text == "true" || text == "1") return json(true);
        if (text == "false" || text == "0") return json(false);
        throw ConfigError("setting '" + std::string(spec.name) + "' (environment " + var +
                          "): must be true or false, got '" + text + "'");
    }
    std::int64_t n = 0;
    const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), n);
    if (ec != std::errc() || end != text.data() + text.size()) {
        throw ConfigError("setting '" + std::string(spec.name) + "' (environment " + var +
                          "): must be a whole number, got '" + text + "'");
    }
    return json(n);
}

void apply_environment(AgentConfig& config, const Environment& env) {
    for (const auto& [var, text] : env) {
        if (!var.starts_with("ONTHAAL_") || var == "ONTHAAL_CONFIG") continue;
        const SettingSpec* match = nullptr;
        for (const auto& spec : setting_specs()) {
            if (env_name(spec.name) == var) match = &spec;
        }
        if (!match) {
            // Named as a file would name it, for the suggestion. (Not in a lambda: clang 14, which
            // builds the fuzz targets, cannot capture a structured binding.)
            std::string lower = var.substr(8);
            for (char& c : lower)
                c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
            throw ConfigError("environment variable " + var + " is not a setting" +
                              suggestion_for(lower) + "; see onthaal-agent --help");
        }
        apply_value(config, *match, parse_env_value(*match, text, var), "environment " + var);
    }
}

std::string line_and_column(const std::string& text, size_t byte) {
    size_t line = 1, column = 1;
    for (size_t i = 0; i + 1 < byte && i < text.size(); ++i) {
        if (text[i] == '\n') {
            ++line;
            column = 1;
        } else {
            ++column;
        }
    }
    return "line " + std::to_string(line) + ", column " + std::to_string(column);
}

// Plain HTTP is for loopback (the kiosk's and the coach's own browser). A desk PC reaching the
// agent over the site's network gets TLS, or an explicit decision to go without.
void check_plain_http(const AgentConfig& config) {
    if (!config.tls_cert_file.empty() || config.allow_plain_http) return;
    std::string why;
    const auto address = parse_listen_address(config.listen, why);
    if (!address || is_loopback_host(address->host)) return;
    throw ConfigError("setting 'listen': " + config.listen +
                      " is reachable from the network, but there is no TLS; set tls_cert_file and "
                      "tls_key_file, or allow_plain_http: true to accept that sign-ins travel in "
                      "clear");
}

// The file's JSON; ConfigError with the line and column of a syntax error. Nesting deeper than
// 64 levels is refused while parsing (as parse_untrusted_json refuses it for every other input):
// a setting given 200,000 nested arrays overflowed the stack when its error message quoted it.
json parse_file(const std::string& text, const std::string& source) {
    constexpr int kMaxDepth = 64;
    const auto refuse_deep = [&source](int depth, json::parse_event_t, json&) {
        if (depth > kMaxDepth)
            throw ConfigError(source + ": nested deeper than " + std::to_string(kMaxDepth) +
                              " levels");
        return true;
    };
    try {
        return json::parse(text, refuse_deep);
    } catch (const json::parse_error& e) {
        throw ConfigError(source + ": not valid JSON at " + line_and_column(text, e.byte) + ": " +
                          std::string(e.what()).substr(std::string(e.what()).find(':') + 2));
    } catch (const json::exception&) {
        // out_of_range: its message would quote the number whole.
        throw ConfigError(source + ": a number is out of range");
    }
}

// Checks that need the whole configuration, not one value.
void check_combination(const AgentConfig& config) {
    if (config.sync_backoff_cap_ms < config.sync_backoff_base_ms) {
        throw ConfigError(
            "setting 'sync_backoff_cap_ms': must not be below sync_backoff_base_ms (" +
            std::to_string(config.sync_backoff_base_ms) + ")");
    }
    if (const std::string why = check_site_id(config.site_id); !why.empty()) {
        throw ConfigError("setting 'site_id': " + why);
    }
    if (config.tls_cert_file.empty() != config.tls_key_file.empty()) {
        throw ConfigError(std::string("setting '") +
                          (config.tls_cert_file.empty() ? "tls_cert_file" : "tls_key_file") +
                          "': tls_cert_file and tls_key_file go together (both for HTTPS, neither "
                          "for loopback only)");
    }
    check_plain_http(config);
}

}  // namespace

Environment environment_from_process() {
    Environment env;
    for (char** e = environ; e && *e; ++e) {
        const std::string entry(*e);
        const auto eq = entry.find('=');
        if (eq != std::string::npos) env.emplace(entry.substr(0, eq), entry.substr(eq + 1));
    }
    return env;
}

AgentConfig parse_agent_config(const std::string& text, const std::string& source,
                               const Environment& env) {
    AgentConfig config;
    if (!text.empty()) {
        const json doc = parse_file(text, source);
        if (!doc.is_object()) {
            throw ConfigError(source + ": must be a JSON object of settings, got " +
                              doc.type_name());
        }
        for (const auto& [key, value] : doc.items()) {
            const SettingSpec* spec = find_spec(key);
            if (!spec) {
                throw ConfigError(source + ": unknown setting '" + key + "'" + suggestion_for(key) +
                                  "; see onthaal-agent --help");
            }
            apply_value(config, *spec, value, source);
        }
    }
    apply_environment(config, env);
    check_combination(config);
    return config;
}

AgentConfig load_agent_config(const std::optional<std::string>& path, const Environment& env) {
    if (!path || path->empty()) return parse_agent_config("", "defaults", env);
    std::ifstream in(*path, std::ios::binary);
    if (!in) throw ConfigError("config file " + *path + ": cannot be read");
    std::stringstream buffer;
    buffer << in.rdbuf();
    const std::string text = buffer.str();
    if (text.find_first_not_of(" \t\r\n") == std::string::npos) {
        throw ConfigError("config file " + *path + ": is empty; it must be a JSON object");
    }
    return parse_agent_config(text, "config file " + *path, env);
}

std::string render_effective_config(const AgentConfig& config) {
    json out = json::object();
    for (const auto& spec : setting_specs()) {
        json value = spec.get(config);
        if (spec.secret) value = value.get<std::string>().empty() ? "" : "********";
        out[spec.name] = value;
    }
    return out.dump(2) + "\n";
}

std::string render_settings_help() {
    std::string out;
    for (const auto& spec : setting_specs()) {
        AgentConfig defaults;
        const json def = spec.get(defaults);
        out +=
            "  " + std::string(spec.name) + " (" + type_name(spec.type) + ", default " + def.dump();
        if (spec.type == SettingType::Integer) {
            out += ", " + std::to_string(spec.min) + ".." + std::to_string(spec.max);
        }
        out += ", env " + env_name(spec.name) + ")\n      " + spec.description + "\n";
    }
    return out;
}

std::string key_file_path(const AgentConfig& config) {
    return config.key_file.empty() ? config.store_path + ".key" : config.key_file;
}

std::string notes_key_file_path(const AgentConfig& config) {
    return config.notes_key_file.empty() ? config.store_path + ".notes.key" : config.notes_key_file;
}

}  // namespace onthaal::config
