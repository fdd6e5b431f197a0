#include "agent/agent_service.hpp"

#include <boost/asio/io_context.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/signal_set.hpp>
#include <boost/asio/steady_timer.hpp>
#include <csignal>
#include <iostream>
#include <nlohmann/json.hpp>

#include "entities/entity_registry.hpp"
#include "kiosk_ui/agent_routes.hpp"
#include "kiosk_ui/checkin_writer.hpp"
#include "kiosk_ui/note_sealing.hpp"
#include "local_store/kiosk_store.hpp"
#include "local_store/note_seal.hpp"
#include "local_store/store_open.hpp"
#include "local_store/sync_access.hpp"
#include "local_store/sync_progress.hpp"
#include "log/event_log.hpp"
#include "net/http_server.hpp"
#include "sync/sync_worker.hpp"

namespace onthaal::agent {

namespace {

std::string url_host(const std::string& host) {
    return host.find(':') != std::string::npos ? "[" + host + "]" : host;
}

domain::Instant system_now() {
    return std::chrono::floor<std::chrono::seconds>(std::chrono::system_clock::now());
}

// A coach's laptop keeps confidential visit notes sealed (docs/security.md, "Confidential
// notes"); a kiosk or a desk holds none, so it neither needs nor opens a notes key. Opened before
// the store and the server: a loose, damaged or unreadable key file stops the start (main exits 2)
// rather than letting the coach write notes that could not be sealed.
std::optional<store::NoteKey> open_note_key(const config::AgentConfig& config) {
    if (config.role != "coach") {
        if (!config.notes_key_file.empty())
            log::warn("notes_key.not_used",
                      {{"role", config.role}, {"why", "only a coach device keeps visit notes"}});
        return std::nullopt;
    }
    try {
        return store::NoteKey::open_or_create(config::notes_key_file_path(config));
    } catch (const store::NoteKeyError& e) {
        throw store::NoteKeyError(std::string("setting 'notes_key_file': ") + e.what());
    }
}

// The kiosk's commit connection: like the I/O thread's, it leaves checkpoints to the sync worker.
store::Database open_writer_connection(const config::AgentConfig& config, bool sync_on,
                                       std::shared_ptr<store::WriterPriority> priority) {
    store::Database db = store::open_agent_store_connection(config.store_path);
    db.set_writer_priority(std::move(priority), store::WriterRole::foreground);
    if (sync_on) db.exec("PRAGMA wal_autocheckpoint=0");
    return db;
}

// Pulled changes an older version of this agent set aside may apply now (after an upgrade).
// A failure here must not keep the kiosk down: the records simply stay aside.
void retry_set_aside(store::Database& store) {
    try {
        const std::size_t applied = store::SyncAccess(store).retry_set_aside(
            entities::standard_registry(), domain::format_instant(system_now()));
        if (applied > 0) log::info("sync.set_aside_applied", {{"count", std::to_string(applied)}});
    } catch (const std::exception& e) {
        log::warn("sync.set_aside_retry_failed", {{"error", e.what()}});
    }
}

// The I/O thread's connection: a foreground writer.
store::Database open_io_connection(const config::AgentConfig& config,
                                   std::shared_ptr<store::WriterPriority> priority) {
    store::Database store = store::open_agent_store(config.store_path);
    store.set_writer_priority(std::move(priority), store::WriterRole::foreground);
    retry_set_aside(store);
    return store;
}

http::ServerLimits server_limits(const config::AgentConfig& config) {
    http::ServerLimits limits;
    limits.body_limit_bytes = static_cast<std::size_t>(config.http_body_limit_bytes);
    limits.io_timeout = std::chrono::milliseconds(config.http_timeout_ms);
    return limits;
}

// The sync worker, when central_url is set. WAL checkpoints (an fsync of the main file) run inside
// whichever commit crosses the threshold; they are left to the worker's connections, which commit
// regularly, so a check-in never pays for one. Without a worker the store keeps checkpointing.
std::unique_ptr<sync::SyncWorker> make_worker(const config::AgentConfig& config,
                                              std::shared_ptr<store::WriterPriority> priority,
                                              store::Database& store,
                                              store::SyncProgress& progress) {
    if (config.central_url.empty()) return nullptr;
    auto worker = std::make_unique<sync::SyncWorker>(config, sync::load_device_token(config),
                                                     priority, &progress);
    store.exec("PRAGMA wal_autocheckpoint=0");
    return worker;
}

// Kiosk check-ins commit on the writer's thread; their answers go back to the I/O thread.
http::KioskCheckin::Committer committer(std::function<void(std::function<void()>)> on_io_thread,
                                        http::CheckinWriter& writer) {
    return [on_io_thread, &writer](std::vector<store::AppointmentView> appointments,
                                   std::string now, std::function<void(http::CommitOutcome)> done) {
        writer.submit(std::move(appointments), std::move(now),
                      [on_io_thread, done = std::move(done)](http::CommitOutcome outcome) {
                          on_io_thread([done, outcome = std::move(outcome)] { done(outcome); });
                      });
    };
}

// A kiosk holds only today's and the coming days' appointments (docs/security.md, item 4): at
// start and every hour it forgets what started more than a day ago. On the I/O thread, which
// owns `store`; a failure is logged and tried again an hour later.
void keep_kiosk_minimal(boost::asio::steady_timer& timer, store::Database& store) {
    try {
        const auto dropped = store::KioskStore(store).keep_only_checkin_data(
            domain::format_instant(system_now() - std::chrono::hours(24)));
        if (dropped > 0)
            log::info("kiosk.past_forgotten", {{"appointments", std::to_string(dropped)}});
    } catch (const std::exception& e) {
        log::warn("kiosk.forget_failed", {{"error", e.what()}});
    }
    timer.expires_after(std::chrono::hours(1));
    timer.async_wait([&timer, &store](const boost::system::error_code& ec) {
        if (!ec) keep_kiosk_minimal(timer, store);
    });
}

// The "listening" line is what scripts and tests wait for: everything is ready when it appears.
void announce(const config::AgentConfig& config, const std::string& host, std::uint16_t port,
              bool sync_on) {
    log::info("agent.started", {{"site_id", config.site_id},
                                {"role", config.role},
                                {"port", std::to_string(port)},
                                {"sync", sync_on ? "on" : "off"}});
    const bool tls = !config.tls_cert_file.empty();
    if (!tls && !config::is_loopback_host(host)) {
        log::warn("agent.plain_http_on_network",
                  {{"listen", config.listen},
                   {"why",
                    "allow_plain_http is on: sign-ins and check-ins cross the network in "
                    "clear; set tls_cert_file and tls_key_file"}});
    }
    // A kiosk device stands beside the site's desk agent, which serves a kiosk page too: without
    // a letter of its own both would give "7" to two clients on the same day. Central gives each
    // kiosk device its letter in the hello; without central nobody does.
    if (config.role == "kiosk" && config.queue_prefix.empty() && config.central_url.empty()) {
        log::warn("kiosk.queue_numbers_without_letter",
                  {{"why",
                    "queue numbers of this kiosk device may repeat those of the site's other "
                    "devices; set queue_prefix (A, B, ...) on each kiosk device"}});
    }
    std::cout << "listening on " << (tls ? "https://" : "http://") << url_host(host) << ":" << port
              << std::endl;
}

// SIGINT or SIGTERM stops the server and the loop (facts commit before their answers: a stop
// between requests loses nothing).
void stop_on_signal(boost::asio::signal_set& signals, http::HttpServer& server,
                    boost::asio::io_context& io) {
    signals.async_wait([&server, &io](const boost::system::error_code& ec, int signal_number) {
        if (ec) return;
        log::info("agent.stopping", {{"signal", std::to_string(signal_number)}});
        server.stop();
        io.stop();
    });
}

}  // namespace

int run_agent(const config::AgentConfig& config) {
    // Set for a coach only. Declared first, so it outlives everything that borrows it.
    const std::optional<store::NoteKey> note_key = open_note_key(config);
    std::optional<http::KeyFileNoteSealing> note_sealing;
    if (note_key) note_sealing.emplace(*note_key, config::key_file_path(config));
    // The I/O thread's and the check-in writer's transactions go ahead of sync's.
    const auto priority = std::make_shared<store::WriterPriority>();
    store::Database store = open_io_connection(config, priority);
    // Owned here, written by the worker's threads, read by the status route.
    store::SyncProgress progress;
    std::unique_ptr<sync::SyncWorker> worker = make_worker(config, priority, store, progress);

    boost::asio::io_context io;
    auto on_io_thread = [&io](std::function<void()> task) {
        boost::asio::post(io, std::move(task));
    };
    // Declared after io and before routes: destroyed before io (its last answers are posted to a
    // stopped io and dropped; their facts are committed) and after the routes that submit to it.
    http::CheckinWriter checkin_writer(open_writer_connection(config, worker != nullptr, priority),
                                       config.queue_prefix);
    http::AgentRoutes routes(
        config, store, system_now,
        [&worker] {
            if (worker) worker->wake_push();
        },
        on_io_thread, committer(on_io_thread, checkin_writer), worker ? &progress : nullptr);
    if (note_sealing) routes.set_note_sealing(&*note_sealing);
    http::HttpServer server(io, server_limits(config),
                            [&routes](const http::HttpRequest& r, const http::Responder& respond) {
                                routes.handle(r, respond);
                            });

    boost::asio::steady_timer retention(io);
    if (config.role == "kiosk") keep_kiosk_minimal(retention, store);
    routes.warm_up();
    std::string why;
    const auto address = config::parse_listen_address(config.listen, why);  // validated at load
    if (!config.tls_cert_file.empty()) server.use_tls(config.tls_cert_file, config.tls_key_file);
    const std::uint16_t port = server.listen(*address);

    boost::asio::signal_set signals(io, SIGINT, SIGTERM);
    stop_on_signal(signals, server, io);

    if (worker) worker->start();
    announce(config, address->host, port, worker != nullptr);
    http::run_until_stopped(io);
    if (worker) worker->stop();
    log::info("agent.stopped");
    return 0;
}

int print_status(const config::AgentConfig& config, bool as_json) {
    store::Database store = store::open_agent_store(config.store_path);
    const auto s = store::SyncAccess(store).status();
    const std::string state =
        config.central_url.empty() ? "sync_off" : std::string(protocol::to_string(s.state));
    auto text = [](const std::optional<std::string>& v) { return v ? *v : std::string("-"); };
    const auto stop = store::sync_stop(s);
    if (as_json) {
        auto optional = [](const std::optional<std::string>& v) {
            return v ? nlohmann::json(*v) : nlohmann::json(nullptr);
        };
        std::cout
            << nlohmann::json{{"state", state},
                              {"online", state == "online"},
                              {"pending", s.pending},
                              {"quarantined", s.quarantined},
                              {"open_conflicts", s.open_conflicts},
                              {"set_aside", s.set_aside},
                              {"last_success_at", optional(s.last_success_at)},
                              {"last_error", optional(s.last_error)},
                              {"last_error_at", optional(s.last_error_at)},
                              {"cursor", s.pull_cursor},
                              {"stopped_reason", stop ? optional(stop->reason) : nullptr},
                              {"stopped_message", stop ? optional(stop->message_nl) : nullptr},
                              {"stopped_message_en", stop ? optional(stop->message_en) : nullptr}}
                   .dump(2)
            << "\n";
        return 0;
    }
    std::cout << "state:          " << state << "\n"
              << "pending:        " << s.pending << "\n"
              << "quarantined:    " << s.quarantined << "\n"
              << "open conflicts: " << s.open_conflicts << "\n"
              << "set aside:      " << s.set_aside << " pulled records this agent could not apply\n"
              << "last success:   " << text(s.last_success_at) << "\n"
              << "last error:     " << text(s.last_error) << " (" << text(s.last_error_at) << ")\n"
              << "cursor:         " << s.pull_cursor << "\n";
    if (stop) std::cout << "stopped:        " << stop->message_en << "\n";
    return 0;
}

}  // namespace onthaal::agent
