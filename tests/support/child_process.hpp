// A real child process for integration tests: started with fork/exec, stdout and stderr captured
// through pipes, read line by line with a deadline, killed and reaped on destruction.
#pragma once

#include <sys/types.h>

#include <chrono>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace onthaal::test_support {

class ChildProcess {
  public:
    // argv[0] is the program path. `env` entries are added to (or replace) the parent's
    // environment. With `stderr_file`, the child's stderr goes to that file (for long-running
    // chatty servers whose pipe nobody would drain), and drain_stderr() reads the file.
    ChildProcess(const std::vector<std::string>& argv,
                 const std::map<std::string, std::string>& env = {},
                 const std::string& stderr_file = "");
    ~ChildProcess();
    ChildProcess(const ChildProcess&) = delete;
    ChildProcess& operator=(const ChildProcess&) = delete;

    // Next line of stdout (without the newline), or nullopt on EOF or when the deadline passes.
    std::optional<std::string> read_stdout_line(std::chrono::milliseconds timeout);
    // Everything left on stdout/stderr until EOF (call after the process exited).
    std::string drain_stdout();
    std::string drain_stderr();

    void signal(int signal_number);
    // Waits for exit; returns the exit code, or 128 + signal when killed, or nullopt on timeout.
    std::optional<int> wait(std::chrono::milliseconds timeout);
    pid_t pid() const { return pid_; }

  private:
    pid_t pid_ = -1;
    int stdout_fd_ = -1;
    int stderr_fd_ = -1;
    std::string stdout_buffer_;
    std::string stderr_buffer_;
    bool reaped_ = false;
    std::string stderr_file_;
    int status_ = 0;
};

// Runs a command to completion (stdout, stderr, exit code), killing it after `timeout`.
struct CommandResult {
    int exit_code = -1;
    std::string out;
    std::string err;
};
CommandResult run_command(const std::vector<std::string>& argv,
                          const std::map<std::string, std::string>& env = {},
                          std::chrono::milliseconds timeout = std::chrono::seconds(30));

}  // namespace onthaal::test_support
