#include "agent/agent_service.hpp"

#include <boost/asio/io_context.hpp>
#include <boost/asio/signal_set.hpp>
#include <csignal>
#include <iostream>

#include "kiosk_ui/agent_routes.hpp"
#include "kiosk_ui/http_server.hpp"
#include "local_store/store_open.hpp"
#include "log/event_log.hpp"

namespace onthaal::agent {

namespace {

std::string url_host(const std::string& host) {
    return host.find(':') != std::string::npos ? "[" + host + "]" : host;
}

}  // namespace

int run_agent(const config::AgentConfig& config) {
    store::Database store = store::open_agent_store(config.store_path);

    boost::asio::io_context io;
    http::AgentRoutes routes(config, store);
    http::ServerLimits limits;
    limits.body_limit_bytes = static_cast<std::size_t>(config.http_body_limit_bytes);
    limits.io_timeout = std::chrono::milliseconds(config.http_timeout_ms);
    http::HttpServer server(io, limits, [&routes](const http::HttpRequest& r) { return routes.handle(r); });

    std::string why;
    const auto address = config::parse_listen_address(config.listen, why);  // validated at load
    const std::uint16_t port = server.listen(*address);

    boost::asio::signal_set signals(io, SIGINT, SIGTERM);
    signals.async_wait([&](const boost::system::error_code& ec, int signal_number) {
        if (ec) return;
        log::info("agent.stopping", {{"signal", std::to_string(signal_number)}});
        server.stop();
        io.stop();
    });

    log::info("agent.started", {{"site_id", config.site_id}, {"role", config.role},
                                {"port", std::to_string(port)}});
    std::cout << "listening on http://" << url_host(address->host) << ":" << port << std::endl;
    io.run();
    log::info("agent.stopped");
    return 0;
}

}  // namespace onthaal::agent
