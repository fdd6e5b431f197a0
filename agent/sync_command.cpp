// `onthaal-agent sync`: one push + pull round now, in this process, with progress lines on stderr
// (a coach laptop's first pull of a whole caseload, or a week's queue going out) and a summary
// on stdout. Declared in agent_service.hpp.
#include <chrono>
#include <cstdio>
#include <iostream>

#include "agent/agent_service.hpp"
#include "local_store/store_open.hpp"
#include "local_store/sync_access.hpp"
#include "local_store/sync_progress.hpp"
#include "sync/central_client.hpp"
#include "sync/sync_engine.hpp"
#include "sync/sync_worker.hpp"

namespace onthaal::agent {
namespace {

using Steady = std::chrono::steady_clock;

domain::Instant system_now() {
    return std::chrono::floor<std::chrono::seconds>(std::chrono::system_clock::now());
}

std::string progress_line(store::SyncDirection direction, const store::TransferProgress& p) {
    const bool pull = direction == store::SyncDirection::pull;
    std::string line = std::string(pull ? "pull: " : "push: ") + std::to_string(p.done);
    if (p.total) line += " of " + std::to_string(*p.total);
    line += pull ? " changes" : " mutations";
    if (!p.active) return line + (p.total && p.done < *p.total ? ", stopped" : ", done");
    if (p.total && *p.total > 0) line += " (" + std::to_string(p.done * 100 / *p.total) + "%)";
    if (p.seconds_left) line += ", about " + std::to_string(*p.seconds_left) + " s left";
    return line;
}

// Prints when a round begins and ends, and in between at most twice a second: enough to see it
// move, few enough lines for a 100-page bootstrap.
class ProgressPrinter {
  public:
    void operator()(store::SyncDirection direction, const store::TransferProgress& p) {
        const auto now = Steady::now();
        Steady::time_point& last = direction == store::SyncDirection::pull ? pull_ : push_;
        const bool edge = !p.active || p.done == 0;
        if (!edge && now - last < std::chrono::milliseconds(500)) return;
        last = now;
        std::cerr << progress_line(direction, p) << std::endl;
    }

  private:
    Steady::time_point pull_{};
    Steady::time_point push_{};
};

std::string seconds_text(Steady::duration d) {
    char text[32];
    std::snprintf(text, sizeof text, "%.2f s", std::chrono::duration<double>(d).count());
    return text;
}

}  // namespace

int sync_once(const config::AgentConfig& config) {
    if (config.central_url.empty()) {
        std::cerr
            << "onthaal-agent: setting 'central_url' is empty: there is nothing to sync with\n";
        return 2;
    }
    store::Database store = store::open_agent_store(config.store_path);
    store::SyncAccess access(store);
    sync::CentralClient client(sync::parse_central_url(config.central_url),
                               sync::load_device_token(config), config.ca_file,
                               std::chrono::milliseconds(config.sync_request_timeout_ms));
    store::SyncProgress progress;
    progress.set_listener(ProgressPrinter());
    sync::SyncEngine engine(access, client,
                            {config.site_id, static_cast<std::size_t>(config.sync_batch_size),
                             static_cast<std::size_t>(config.sync_pull_page_size), nullptr,
                             config::key_file_path(config), &progress},
                            system_now);
    const std::string at = domain::format_instant(system_now());
    const auto began = Steady::now();
    const sync::StepResult pushed = engine.push_all();
    const auto push_took = Steady::now() - began;
    const sync::StepResult pulled = pushed.ok() ? engine.pull_all(std::chrono::seconds(0)) : pushed;
    if (pushed.ok() && pulled.ok()) {
        access.record_status(protocol::SyncState::online, std::nullopt, at);
        std::cout << "pushed " << pushed.count << " mutations in " << seconds_text(push_took)
                  << ", pulled " << pulled.count << " changes in "
                  << seconds_text(Steady::now() - began - push_took) << "\n";
        return 0;
    }
    const sync::StepResult& failed = pushed.ok() ? pulled : pushed;
    access.record_status(failed.kind == sync::StepResult::Kind::unauthorised
                             ? protocol::SyncState::device_not_authorised
                             : protocol::SyncState::offline,
                         failed.error, at);
    std::cerr << "onthaal-agent: sync failed: " << failed.error << "\n";
    if (const auto stop = store::sync_stop(access.status())) std::cerr << stop->message_en << "\n";
    return 1;
}

}  // namespace onthaal::agent
