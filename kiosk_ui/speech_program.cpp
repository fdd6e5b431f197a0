#include "kiosk_ui/speech_program.hpp"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <sstream>

extern char** environ;

namespace onthaal::http {
namespace {

using Clock = std::chrono::steady_clock;

struct Pipe {
    int read = -1;
    int write = -1;
    ~Pipe() {
        if (read >= 0) ::close(read);
        if (write >= 0) ::close(write);
    }
};

// Reads the child's stdout until EOF, the deadline or the size limit; `why` says which stopped it
// early.
std::string read_output(int fd, SpeechLimits limits, Clock::time_point deadline, std::string& why) {
    std::string out;
    char buffer[16384];
    for (;;) {
        const auto left =
            std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now());
        if (left.count() <= 0) return why = "timed out", out;
        pollfd p{fd, POLLIN, 0};
        const int ready = ::poll(&p, 1, static_cast<int>(left.count()));
        if (ready < 0 && errno == EINTR) continue;
        if (ready <= 0) return why = ready == 0 ? "timed out" : "poll failed", out;
        const ssize_t n = ::read(fd, buffer, sizeof buffer);
        if (n < 0 && errno == EINTR) continue;
        if (n <= 0) return out;  // EOF (or a read error: what came so far is checked below)
        out.append(buffer, static_cast<std::size_t>(n));
        if (out.size() > limits.max_bytes) return why = "output too large", out;
    }
}

std::vector<char*> argv_of(const std::string& program, const std::vector<std::string>& args) {
    std::vector<char*> argv;
    argv.push_back(const_cast<char*>(program.c_str()));
    for (const auto& a : args) argv.push_back(const_cast<char*>(a.c_str()));
    argv.push_back(nullptr);
    return argv;
}

// Waits for the child until the deadline; a child still running then (it closed its output but
// went on) is killed with its whole process group, so nothing it started lingers either.
int reap(pid_t pid, Clock::time_point deadline, std::string& why) {
    int status = 0;
    for (;;) {
        const pid_t done = ::waitpid(pid, &status, WNOHANG);
        if (done == pid) return status;
        if (done < 0 && errno != EINTR) return status;
        if (Clock::now() >= deadline) break;
        ::usleep(2000);
    }
    if (why.empty()) why = "timed out";
    ::kill(-pid, SIGKILL);
    while (::waitpid(pid, &status, 0) < 0 && errno == EINTR) {
    }
    return status;
}

// The exit status in words, "" for a clean exit.
std::string exit_problem(int status) {
    if (WIFEXITED(status) && WEXITSTATUS(status) == 0) return "";
    std::ostringstream s;
    if (WIFEXITED(status))
        s << "exit status " << WEXITSTATUS(status);
    else
        s << "killed by signal " << WTERMSIG(status);
    return s.str();
}

}  // namespace

SpeechOutput run_speech_program(const std::string& program, const std::vector<std::string>& args,
                                SpeechLimits limits) {
    SpeechOutput result;
    Pipe out;
    int fds[2];
    if (::pipe2(fds, O_CLOEXEC) != 0) return {"", "pipe failed"};
    out.read = fds[0];
    out.write = fds[1];
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0);
    posix_spawn_file_actions_adddup2(&actions, out.write, 1);
    posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0);
    // The agent's sockets and store files are not the program's business (Asio's sockets are not
    // close-on-exec): a hung program must not hold the agent's port.
    posix_spawn_file_actions_addclosefrom_np(&actions, 3);
    // A group of its own, so a timeout kills whatever the program started too.
    posix_spawnattr_t attributes;
    posix_spawnattr_init(&attributes);
    posix_spawnattr_setflags(&attributes, POSIX_SPAWN_SETPGROUP);
    posix_spawnattr_setpgroup(&attributes, 0);
    pid_t pid = 0;
    auto argv = argv_of(program, args);
    const auto deadline = Clock::now() + limits.timeout;
    const int spawned =
        ::posix_spawnp(&pid, program.c_str(), &actions, &attributes, argv.data(), environ);
    posix_spawn_file_actions_destroy(&actions);
    posix_spawnattr_destroy(&attributes);
    if (spawned != 0) return {"", std::string("could not start: ") + std::strerror(spawned)};
    ::close(out.write);
    out.write = -1;
    result.audio = read_output(out.read, limits, deadline, result.why);
    if (!result.why.empty()) ::kill(-pid, SIGKILL);
    const int status = reap(pid, deadline, result.why);
    if (result.why.empty()) result.why = exit_problem(status);
    if (result.why.empty() && result.audio.rfind("RIFF", 0) != 0) result.why = "not a WAV file";
    if (!result.why.empty()) result.audio.clear();
    return result;
}

bool speech_program_available(const std::string& program) {
    if (program.empty()) return false;
    if (program.find('/') != std::string::npos) return ::access(program.c_str(), X_OK) == 0;
    const char* path = std::getenv("PATH");
    std::istringstream dirs(path ? path : "/usr/bin:/bin");
    for (std::string dir; std::getline(dirs, dir, ':');) {
        if (dir.empty()) continue;
        if (::access((dir + "/" + program).c_str(), X_OK) == 0) return true;
    }
    return false;
}

}  // namespace onthaal::http
