#include "tests/support/sync_fixture.hpp"

#include <signal.h>

#include <algorithm>
#include <cctype>
#include <stdexcept>
#include <thread>

#include "domain/checkin_code.hpp"
#include "local_store/kiosk_store.hpp"
#include "local_store/sqlite_database.hpp"
#include "local_store/transaction.hpp"
#include "tests/support/loopback_http.hpp"

namespace onthaal::test_support {

using namespace std::chrono_literals;

// Never 9 characters: a 9-character code must carry a check character (domain/checkin_code.hpp).
std::string code_for(int i) {
    char buffer[16];
    std::snprintf(buffer, sizeof buffer, i < 10000 ? "CODE%04d" : "C%07d", i);
    return buffer;
}

std::string checked_code_for(const std::string& prefix, int i) {
    const std::string_view alphabet = domain::kCheckinCodeAlphabet;
    std::string random_part;
    for (const char c : prefix)
        random_part += static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    for (int rest = i; random_part.size() < domain::kCheckinCodeRandomLength; rest /= 31)
        random_part += alphabet[rest % 31];
    return random_part + domain::checkin_check_character(random_part);  // throws for a bad prefix
}

std::string utc_in_minutes(int minutes) {
    const auto t = std::chrono::system_clock::to_time_t(std::chrono::system_clock::now() +
                                                        std::chrono::minutes(minutes));
    std::tm tm{};
    gmtime_r(&t, &tm);
    char buffer[32];
    std::strftime(buffer, sizeof buffer, "%Y-%m-%dT%H:%M:00Z", &tm);
    return buffer;
}

bool eventually(const std::function<bool()>& done, std::chrono::milliseconds timeout) {
    const auto deadline = std::chrono::steady_clock::now() + timeout;
    while (std::chrono::steady_clock::now() < deadline) {
        if (done()) return true;
        std::this_thread::sleep_for(50ms);
    }
    return done();
}

CentralProcess::CentralProcess(const TempDir& dir) : dir_(dir), db_(dir.file("central.db")) {}

std::string CentralProcess::admin(const std::vector<std::string>& args) {
    std::vector<std::string> argv = {ONTHAAL_CENTRAL_BINARY};
    argv.insert(argv.end(), args.begin(), args.end());
    const auto r = run_command(argv);
    if (r.exit_code != 0)
        throw std::runtime_error("onthaal-central " + args[0] + " failed: " + r.err);
    return r.out;
}

void CentralProcess::add_site(const std::string& id, const std::string& province) {
    admin({"site", "add", "--db", db_, "--id", id, "--name", "Site " + id, "--province", province});
}

std::string CentralProcess::add_device(const std::string& site, const std::string& name,
                                       const std::string& role, const std::string& staff) {
    std::vector<std::string> args = {"device", "add",    "--db", db_,      "--site",
                                     site,     "--name", name,   "--role", role};
    if (!staff.empty()) args.insert(args.end(), {"--staff", staff});
    std::string token = admin(args);
    const std::string path = dir_.file(name + ".token");
    write_file(path, token);
    return path;
}

void CentralProcess::import_json(const std::string& site, const nlohmann::json& doc) {
    const std::string path = dir_.file("import-" + site + ".json");
    write_file(path, doc.dump());
    admin({"import", "--db", db_, "--site", site, path});
}

void CentralProcess::import_appointments(const std::string& site, int count,
                                         const std::string& prefix, int start_offset_min) {
    using nlohmann::json;
    const auto start = std::chrono::floor<std::chrono::minutes>(std::chrono::system_clock::now()) +
                       std::chrono::minutes(start_offset_min);
    const std::time_t t = std::chrono::system_clock::to_time_t(start);
    std::tm tm{};
    gmtime_r(&t, &tm);
    char when[32];
    std::strftime(when, sizeof when, "%Y-%m-%dT%H:%M:00Z", &tm);
    json doc = {
        {"staff", json::array({{{"id", prefix + "-staff"}, {"name", "Mediator " + prefix}}})},
        {"clients", json::array()},
        {"appointments", json::array()}};
    for (int i = 0; i < count; ++i) {
        const std::string n = prefix + std::to_string(i);
        doc["clients"].push_back({{"id", "client-" + n},
                                  {"first_name", "First" + n},
                                  {"last_name", "Last" + n},
                                  {"language", "nl"},
                                  {"programme", "TIBB4"}});
        doc["appointments"].push_back(
            {{"id", n},
             {"client_id", "client-" + n},
             {"staff_id", prefix + "-staff"},
             {"kind", "regular"},
             {"registered", false},
             {"starts_at", when},
             {"duration_min", 30},
             {"location", "Room 1"},
             {"code", prefix == "a" ? code_for(i) : checked_code_for(prefix, i)}});
    }
    import_json(site, doc);
}

nlohmann::json CentralProcess::export_site(const std::string& site) {
    return nlohmann::json::parse(admin({"export", "--db", db_, "--site", site}));
}

void CentralProcess::start(std::uint16_t port) {
    process_ = std::make_unique<ChildProcess>(
        std::vector<std::string>{ONTHAAL_CENTRAL_BINARY, "serve", "--db", db_, "--listen",
                                 "127.0.0.1:" + std::to_string(port)},
        std::map<std::string, std::string>{}, dir_.file("central.log"));
    const auto line = process_->read_stdout_line(20s);
    if (!line) throw std::runtime_error("central did not start: " + process_->drain_stderr());
    port_ = port_from_listening_line(*line);
}

void CentralProcess::stop() {
    if (!process_) return;
    process_->signal(SIGTERM);
    process_->wait(10s);
    process_.reset();
}

AgentProcess::AgentProcess(const TempDir& dir, AgentOptions options)
    : dir_(dir), options_(std::move(options)), config_path_(dir.file(options_.name + ".json")) {
    write_file(
        config_path_,
        R"({"site_id": ")" + options_.site + R"(", "store_path": ")" + store_path() +
            R"(", "listen": "127.0.0.1:0", "central_url": ")" + options_.central_url +
            R"(", "device_token_file": ")" + options_.token_file +
            R"(", "sync_push_delay_ms": 5, "sync_long_poll_s": 1, "sync_pull_interval_s": 1,)"
            R"( "sync_backoff_base_ms": 50, "sync_backoff_cap_ms": 800,)"
            R"( "sync_request_timeout_ms": 1500, "kiosk_max_failed_tries": 1000)" +
            options_.extra_json + "}");
}

std::string AgentProcess::store_path() const {
    return dir_.file(options_.name + ".db");
}

void AgentProcess::start() {
    // stderr to a file: a busy agent logs more than a pipe holds, and nobody drains it meanwhile.
    process_ = std::make_unique<ChildProcess>(
        std::vector<std::string>{ONTHAAL_AGENT_BINARY, "run", "--config", config_path_},
        std::map<std::string, std::string>{}, dir_.file(options_.name + ".log"));
    const auto line = process_->read_stdout_line(20s);
    if (!line) throw std::runtime_error("agent did not start: " + process_->drain_stderr());
    port_ = port_from_listening_line(*line);
}

void AgentProcess::kill_hard() {
    if (!process_) return;
    process_->signal(SIGKILL);
    process_->wait(10s);
}

void AgentProcess::stop() {
    if (!process_) return;
    process_->signal(SIGTERM);
    process_->wait(15s);
}

std::string AgentProcess::stderr_text() {
    return process_ ? process_->drain_stderr() : "";
}

int AgentProcess::check_in(const std::string& code) {
    try {
        return http_post(port_, "/api/v1/kiosk/checkin", R"({"code": ")" + code + R"("})").status;
    } catch (const std::exception&) {
        return 0;
    }
}

nlohmann::json AgentProcess::status() {
    const auto r = http_get(port_, "/api/v1/status");
    return r.status == 200 ? nlohmann::json::parse(r.body) : nlohmann::json::object();
}

void queue_checkins(const std::string& store_path, int count, int first_appointment) {
    store::Database db = store::Database::open(store_path);
    store::Transaction tx(db);
    for (int i = 0; i < count; ++i) {
        const std::string id = store::new_mutation_id();
        const std::string appointment = "a" + std::to_string(first_appointment + i);
        db.cached(
              "INSERT INTO attendance_event (id, appointment_id, kind, occurred_at, recorded_by)"
              " VALUES (?, ?, 'checked_in', '2026-11-23T08:00:00Z', 'kiosk')")
            ->bind_all(id, appointment)
            .run();
        db.cached(
              "INSERT INTO outbox (mutation_id, entity, entity_id, base_version, payload, "
              "created_at, device_time)"
              " VALUES (?, 'attendance', ?, 1, ?, '2026-11-23T08:00:00Z', '2026-11-23T08:00:00Z')")
            ->bind_all(
                id, appointment,
                R"({"kind":"checked_in","occurred_at":"2026-11-23T08:00:00Z","recorded_by":"kiosk"})")
            .run();
    }
    tx.commit();
}

std::vector<std::string> agent_attendance_ids(const std::string& store_path) {
    store::Database db = store::Database::open(store_path);
    store::Statement q = db.prepare(
        "SELECT id FROM attendance_event WHERE kind = 'checked_in' AND recorded_by = 'kiosk' ORDER "
        "BY id");
    std::vector<std::string> ids;
    while (q.step()) ids.push_back(q.column_text(0));
    return ids;
}

}  // namespace onthaal::test_support
