#include "agent/command_line.hpp"

#include "config/agent_config.hpp"

namespace onthaal::agent {
namespace {

Verb verb_of(const std::string& word) {
    return word == "run"      ? Verb::run
           : word == "status" ? Verb::status
           : word == "sync"   ? Verb::sync
                              : Verb::export_unsynced;
}

// What a verb needs, or may not have, beyond itself.
void check_flags(const Command& command) {
    if (command.json && command.verb != Verb::status) throw UsageError("--json goes with status");
    if (command.out_path && command.verb != Verb::export_unsynced)
        throw UsageError("--out goes with export-unsynced");
    if (command.verb == Verb::export_unsynced && !command.out_path)
        throw UsageError("export-unsynced needs --out FILE (a new file; it is never overwritten)");
}

}  // namespace

Command parse_command_line(const std::vector<std::string>& args,
                           const std::optional<std::string>& env_config) {
    Command command;
    bool verb_seen = false;
    for (size_t i = 0; i < args.size(); ++i) {
        const std::string& arg = args[i];
        if (arg == "--config") {
            if (i + 1 >= args.size()) throw UsageError("--config needs a file path");
            command.config_path = args[++i];
        } else if (arg == "--help" || arg == "-h" || arg == "help") {
            return Command{Verb::help, std::nullopt, false, std::nullopt};
        } else if (arg == "--print-config" || arg == "print-config") {
            command.verb = Verb::print_config;
            verb_seen = true;
        } else if (arg == "run" || arg == "status" || arg == "sync" || arg == "export-unsynced") {
            if (verb_seen) throw UsageError("say one thing to do at a time");
            command.verb = verb_of(arg);
            verb_seen = true;
        } else if (arg == "--out") {
            if (i + 1 >= args.size()) throw UsageError("--out needs a file path");
            command.out_path = args[++i];
        } else if (arg == "--json") {
            command.json = true;
        } else {
            throw UsageError("unknown argument '" + arg + "'; see onthaal-agent --help");
        }
    }
    if (!verb_seen)
        throw UsageError(
            "say what to do: run, status, sync, export-unsynced or --print-config; see "
            "onthaal-agent --help");
    check_flags(command);
    if (!command.config_path && env_config && !env_config->empty())
        command.config_path = env_config;
    return command;
}

std::string usage_text() {
    return "Usage:\n"
           "  onthaal-agent run [--config FILE]        serve the kiosk/desk and sync with central\n"
           "  onthaal-agent status [--config FILE] [--json]\n"
           "                                           sync state: online/offline, pending, "
           "quarantined,\n"
           "                                           conflicts, last success, last error, "
           "cursor,\n"
           "                                           and why sync stopped (a revoked device)\n"
           "  onthaal-agent sync [--config FILE]       one full push + pull round now, with "
           "progress on stderr;\n"
           "                                           exits 1 if any step failed\n"
           "  onthaal-agent export-unsynced --out FILE [--config FILE]\n"
           "                                           write every mutation central has not "
           "taken (pending,\n"
           "                                           quarantined) to a new file (0600) for "
           "handover; the\n"
           "                                           store keeps them\n"
           "  onthaal-agent --print-config [--config FILE]\n"
           "                                           show the effective configuration (secrets "
           "masked)\n"
           "  onthaal-agent --help                     this text\n"
           "\n"
           "The configuration is a JSON object of the settings below, read from --config FILE or\n"
           "the file named by ONTHAAL_CONFIG. Every setting can be overridden by its environment\n"
           "variable. Unknown settings are errors.\n"
           "\n"
           "Settings:\n" +
           config::render_settings_help();
}

}  // namespace onthaal::agent
