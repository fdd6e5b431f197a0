// Real central and agent processes on loopback for integration tests and benchmarks: a central
// with sites, devices and imported appointments; agents configured against it (or a proxy).
#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "tests/support/child_process.hpp"
#include "tests/support/temp_dir.hpp"

namespace onthaal::test_support {

class CentralProcess {
  public:
    explicit CentralProcess(const TempDir& dir);
    // Runs `onthaal-central ARGS...` against this central's database; returns stdout, throws on
    // failure.
    std::string admin(const std::vector<std::string>& args);
    void add_site(const std::string& id, const std::string& province = "O");
    // Returns the path of a file holding the new device's token. `staff`: a coach's staff id.
    std::string add_device(const std::string& site, const std::string& name,
                           const std::string& role = "kiosk", const std::string& staff = "");
    // Imports `count` appointments starting around now (codes CODE0000.. for prefix "a", else
    // checked_code_for(prefix, i)); one staff, one client each.
    void import_appointments(const std::string& site, int count, const std::string& id_prefix = "a",
                             int start_offset_min = 0);
    void import_json(const std::string& site, const nlohmann::json& doc);
    nlohmann::json export_site(const std::string& site);

    void start(std::uint16_t port = 0);  // port 0 picks one; restart with port() to keep the URL
    void stop();
    std::uint16_t port() const { return port_; }
    std::string url() const { return "http://127.0.0.1:" + std::to_string(port_); }
    const std::string& db() const { return db_; }
    pid_t pid() const { return process_ ? process_->pid() : -1; }

  private:
    const TempDir& dir_;
    std::string db_;
    std::uint16_t port_ = 0;
    std::unique_ptr<ChildProcess> process_;
};

struct AgentOptions {
    std::string site = "s1";
    std::string token_file;
    std::string central_url;
    std::string name = "agent";
    std::string extra_json;  // more settings, starting with ", "
};

class AgentProcess {
  public:
    AgentProcess(const TempDir& dir, AgentOptions options);
    void start();
    void kill_hard();  // SIGKILL
    void stop();       // SIGTERM and wait
    std::uint16_t port() const { return port_; }
    std::string store_path() const;
    // POST /api/v1/kiosk/checkin {"code": code}; returns the HTTP status (0 when the agent died).
    int check_in(const std::string& code);
    nlohmann::json status();
    std::string stderr_text();
    pid_t pid() const { return process_ ? process_->pid() : -1; }

  private:
    const TempDir& dir_;
    AgentOptions options_;
    std::string config_path_;
    std::uint16_t port_ = 0;
    std::unique_ptr<ChildProcess> process_;
};

std::string code_for(int i);  // "CODE0000", "CODE0001", ...: codes of before, not checked
// A 9-character code with its check character (domain/checkin_code.hpp): the prefix in capitals,
// then i in the code alphabet ("B2222222" + check for prefix "b", i = 0).
std::string checked_code_for(const std::string& prefix, int i);

// UTC text of now + `minutes`, rounded down to the minute ("2026-11-23T08:30:00Z").
std::string utc_in_minutes(int minutes);

// Polls `done` every 50 ms until it is true or `timeout` passes; returns its last value.
bool eventually(const std::function<bool()>& done, std::chrono::milliseconds timeout);

// Queues `count` kiosk check-ins of appointments a<first>.. in an agent store's outbox, as if they
// had been recorded while central was unreachable (benchmarks start from such a backlog).
void queue_checkins(const std::string& store_path, int count, int first_appointment = 0);

// Mutation ids of the attendance events in an agent store (read with sqlite3 directly).
std::vector<std::string> agent_attendance_ids(const std::string& store_path);

}  // namespace onthaal::test_support
