// The agent's verbs: run (serve until a signal), status, sync (one round now; sync_command.cpp),
// export-unsynced (unsynced_export.cpp).
//
// Threads: run() drives one I/O thread (the caller's) that owns a store connection and all socket
// work; the sync worker runs its own two threads with their own connections. Facts are committed
// before a response is written, so a stop between requests loses nothing.
// Failure: the functions throw (StoreError, std::runtime_error) when start-up fails; main prints
// the message and exits non-zero.
#pragma once

#include "config/agent_config.hpp"

namespace onthaal::agent {

// Serves until SIGINT or SIGTERM. Prints "listening on http://HOST:PORT" on stdout once the
// listening socket accepts connections. Returns the process exit code (0 on a clean stop).
int run_agent(const config::AgentConfig& config);

// Prints the sync status (text, or JSON with as_json), and why sync stopped if it did. Returns 0.
int print_status(const config::AgentConfig& config, bool as_json);

// One hello + push + pull round, with progress lines on stderr and a summary on stdout. Returns
// 0 only when every step succeeded.
int sync_once(const config::AgentConfig& config);

// Writes every pending and quarantined outbox mutation to the new file `out_path` (0600) as JSON
// and prints a summary (counts only). The store is not changed. Returns 0, or 2 when the file
// exists or cannot be written.
int export_unsynced(const config::AgentConfig& config, const std::string& out_path);

}  // namespace onthaal::agent
