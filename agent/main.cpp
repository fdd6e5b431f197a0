// onthaal-agent: entry point. Parses the command line and configuration, then runs.
// Exit codes: 0 success, 1 runtime failure (store, network), 2 usage or configuration error.
#include <cstdlib>
#include <iostream>

#include "agent/agent_service.hpp"
#include "agent/command_line.hpp"
#include "config/agent_config.hpp"
#include "local_store/private_files.hpp"
#include "local_store/secret_key_file.hpp"
#include "log/event_log.hpp"

namespace {

std::optional<std::string> env_config_path() {
    const char* value = std::getenv("ONTHAAL_CONFIG");
    return value ? std::optional<std::string>(value) : std::nullopt;
}

// The agent's secrets and store are the service user's alone (docs/security.md, item 6): files
// created from here on are 0600, an older store left 0644 is tightened, and a token or key file
// someone else made readable stops the start (exit 2) with the file and its mode named.
void require_private_files(const onthaal::config::AgentConfig& config) {
    onthaal::store::restrict_new_files();
    if (!config.device_token_file.empty())
        onthaal::store::require_private_file(config.device_token_file, "device_token_file");
    onthaal::store::require_private_file(onthaal::config::key_file_path(config), "key_file");
    if (!config.tls_key_file.empty())
        onthaal::store::require_private_file(config.tls_key_file, "tls_key_file");
    onthaal::store::make_store_files_private(config.store_path);
}

}  // namespace

int main(int argc, char** argv) {
    using namespace onthaal;
    agent::Command command;
    config::AgentConfig config;
    try {
        command = agent::parse_command_line(std::vector<std::string>(argv + 1, argv + argc),
                                            env_config_path());
        if (command.verb == agent::Verb::help) {
            std::cout << agent::usage_text();
            return 0;
        }
        config = config::load_agent_config(command.config_path, config::environment_from_process());
        if (command.verb != agent::Verb::print_config) require_private_files(config);
    } catch (const std::exception& e) {
        std::cerr << "onthaal-agent: " << e.what() << "\n";
        return 2;
    }
    log::Level level = log::Level::info;
    log::parse_level(config.log_level, level);
    log::set_min_level(level);
    if (command.verb == agent::Verb::print_config) {
        std::cout << config::render_effective_config(config);
        return 0;
    }
    try {
        if (command.verb == agent::Verb::status) return agent::print_status(config, command.json);
        if (command.verb == agent::Verb::sync) return agent::sync_once(config);
        return agent::run_agent(config);
    } catch (const store::NoteKeyError& e) {
        // A coach's notes key file others can read, or that is no key file: like a readable
        // token, a matter for whoever set up the device (exit 2), not a failure to retry.
        std::cerr << "onthaal-agent: " << e.what() << "\n";
        return 2;
    } catch (const std::exception& e) {
        log::error("agent.failed", {{"error", e.what()}});
        std::cerr << "onthaal-agent: cannot run: " << e.what() << "\n";
        return 1;
    }
}
