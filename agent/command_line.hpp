// Parsing of onthaal-agent's command line into a Command. Pure; throws UsageError with a
// message fit to print when the words are off.
#pragma once

#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

namespace onthaal::agent {

enum class Verb { help, print_config, run, status, sync, export_unsynced };

struct Command {
    Verb verb = Verb::help;
    std::optional<std::string> config_path;  // --config, else ONTHAAL_CONFIG, else none
    bool json = false;                       // status --json
    std::optional<std::string> out_path;     // export-unsynced --out FILE
};

class UsageError : public std::runtime_error {
  public:
    using std::runtime_error::runtime_error;
};

// `args` excludes the program name. `env_config` is ONTHAAL_CONFIG when set.
Command parse_command_line(const std::vector<std::string>& args,
                           const std::optional<std::string>& env_config);

std::string usage_text();

}  // namespace onthaal::agent
