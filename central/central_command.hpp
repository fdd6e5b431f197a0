// onthaal-central's command line: `serve`, `site add`, `device add`.
// run_central_command returns the exit code: 0 success, 1 runtime failure, 2 bad usage or input.
// Errors are printed on stderr; stdout carries only what the command promises (a port line,
// a token), so scripts can read it.
#pragma once

#include <string>
#include <vector>

namespace onthaal::central {

int run_central_command(const std::vector<std::string>& args);

}  // namespace onthaal::central
