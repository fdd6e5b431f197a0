#include "tests/support/child_process.hpp"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstring>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <thread>
#include <utility>

extern char** environ;

namespace onthaal::test_support {
namespace {

using Clock = std::chrono::steady_clock;

void append_available(int fd, std::string& buffer, int timeout_ms) {
    pollfd p{fd, POLLIN, 0};
    if (poll(&p, 1, timeout_ms) <= 0) return;
    char chunk[4096];
    const ssize_t n = read(fd, chunk, sizeof chunk);
    if (n > 0) buffer.append(chunk, static_cast<size_t>(n));
}

std::string drain(int fd, std::string& buffer) {
    if (fd >= 0) {
        char chunk[4096];
        while (true) {
            pollfd p{fd, POLLIN, 0};
            if (poll(&p, 1, 2000) <= 0) break;
            const ssize_t n = read(fd, chunk, sizeof chunk);
            if (n <= 0) break;
            buffer.append(chunk, static_cast<size_t>(n));
        }
    }
    return std::exchange(buffer, std::string());
}

}  // namespace

ChildProcess::ChildProcess(const std::vector<std::string>& argv,
                           const std::map<std::string, std::string>& env,
                           const std::string& stderr_file)
    : stderr_file_(stderr_file) {
    int out_pipe[2], err_pipe[2];
    if (pipe2(out_pipe, O_CLOEXEC) != 0 || pipe2(err_pipe, O_CLOEXEC) != 0)
        throw std::runtime_error("pipe failed");
    std::map<std::string, std::string> merged;
    for (char** e = environ; *e; ++e) {
        std::string entry(*e);
        auto eq = entry.find('=');
        if (eq != std::string::npos) merged[entry.substr(0, eq)] = entry.substr(eq + 1);
    }
    for (const auto& [k, v] : env) merged[k] = v;
    std::vector<std::string> env_strings;
    for (const auto& [k, v] : merged) env_strings.push_back(k + "=" + v);

    pid_ = fork();
    if (pid_ < 0) throw std::runtime_error("fork failed");
    if (pid_ == 0) {
        dup2(out_pipe[1], STDOUT_FILENO);
        const int err_fd = stderr_file.empty()
                               ? err_pipe[1]
                               : open(stderr_file.c_str(), O_WRONLY | O_CREAT | O_APPEND, 0600);
        dup2(err_fd, STDERR_FILENO);
        std::vector<char*> args, envp;
        for (const auto& a : argv) args.push_back(const_cast<char*>(a.c_str()));
        args.push_back(nullptr);
        for (const auto& e : env_strings) envp.push_back(const_cast<char*>(e.c_str()));
        envp.push_back(nullptr);
        execve(args[0], args.data(), envp.data());
        _exit(127);
    }
    close(out_pipe[1]);
    close(err_pipe[1]);
    stdout_fd_ = out_pipe[0];
    stderr_fd_ = err_pipe[0];
}

ChildProcess::~ChildProcess() {
    if (!reaped_ && pid_ > 0) {
        kill(pid_, SIGKILL);
        waitpid(pid_, &status_, 0);
    }
    if (stdout_fd_ >= 0) close(stdout_fd_);
    if (stderr_fd_ >= 0) close(stderr_fd_);
}

std::optional<std::string> ChildProcess::read_stdout_line(std::chrono::milliseconds timeout) {
    const auto deadline = Clock::now() + timeout;
    while (true) {
        const auto nl = stdout_buffer_.find('\n');
        if (nl != std::string::npos) {
            std::string line = stdout_buffer_.substr(0, nl);
            stdout_buffer_.erase(0, nl + 1);
            return line;
        }
        const auto left =
            std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now());
        if (left.count() <= 0) return std::nullopt;
        pollfd p{stdout_fd_, POLLIN, 0};
        if (poll(&p, 1, static_cast<int>(left.count())) <= 0) return std::nullopt;
        char chunk[4096];
        const ssize_t n = read(stdout_fd_, chunk, sizeof chunk);
        if (n <= 0) return std::nullopt;
        stdout_buffer_.append(chunk, static_cast<size_t>(n));
        // Keep stderr flowing so a chatty child never blocks on a full pipe.
        append_available(stderr_fd_, stderr_buffer_, 0);
    }
}

std::string ChildProcess::drain_stdout() {
    return drain(stdout_fd_, stdout_buffer_);
}
std::string ChildProcess::drain_stderr() {
    if (!stderr_file_.empty()) {
        std::ifstream in(stderr_file_, std::ios::binary);
        std::stringstream buffer;
        buffer << in.rdbuf();
        return buffer.str();
    }
    return drain(stderr_fd_, stderr_buffer_);
}

void ChildProcess::signal(int signal_number) {
    if (!reaped_) kill(pid_, signal_number);
}

std::optional<int> ChildProcess::wait(std::chrono::milliseconds timeout) {
    const auto deadline = Clock::now() + timeout;
    while (!reaped_) {
        const pid_t r = waitpid(pid_, &status_, WNOHANG);
        if (r == pid_) {
            reaped_ = true;
            break;
        }
        if (Clock::now() > deadline) return std::nullopt;
        append_available(stdout_fd_, stdout_buffer_, 0);
        append_available(stderr_fd_, stderr_buffer_, 0);
        std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
    if (WIFEXITED(status_)) return WEXITSTATUS(status_);
    if (WIFSIGNALED(status_)) return 128 + WTERMSIG(status_);
    return -1;
}

CommandResult run_command(const std::vector<std::string>& argv,
                          const std::map<std::string, std::string>& env,
                          std::chrono::milliseconds timeout) {
    ChildProcess child(argv, env);
    CommandResult result;
    const auto deadline = Clock::now() + timeout;
    std::optional<int> code;
    std::string out, err;
    while (!(code = child.wait(std::chrono::milliseconds(50)))) {
        if (Clock::now() > deadline) {
            child.signal(SIGKILL);
            code = child.wait(std::chrono::seconds(5));
            break;
        }
    }
    result.exit_code = code.value_or(-1);
    result.out = child.drain_stdout();
    result.err = child.drain_stderr();
    return result;
}

}  // namespace onthaal::test_support
