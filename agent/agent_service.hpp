// The running agent: opens and migrates the store, serves HTTP, stops cleanly on SIGINT/SIGTERM.
//
// Threads: run() drives one I/O thread (the caller's) that owns the store connection and all
// socket work. Facts are committed before a response is written, so stopping between requests
// loses nothing.
// Failure: run() throws (StoreError, std::runtime_error) when start-up fails; main prints the
// message and exits non-zero.
#pragma once

#include "config/agent_config.hpp"

namespace onthaal::agent {

// Serves until SIGINT or SIGTERM. Prints "listening on http://HOST:PORT" on stdout once the
// listening socket accepts connections. Returns the process exit code (0 on a clean stop).
int run_agent(const config::AgentConfig& config);

}  // namespace onthaal::agent
