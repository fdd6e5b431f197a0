#include "sync/central_client.hpp"

#include <atomic>
#include <boost/asio/connect.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/ssl.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/ssl.hpp>
#include <charconv>

namespace onthaal::sync {
namespace {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace bhttp = beast::http;
using tcp = asio::ip::tcp;

constexpr std::uint64_t kMaxResponseBytes = 64ull * 1024 * 1024;

}  // namespace

CentralEndpoint parse_central_url(const std::string& url) {
    CentralEndpoint e;
    std::string rest;
    if (url.starts_with("https://")) {
        e.tls = true;
        rest = url.substr(8);
    } else if (url.starts_with("http://")) {
        rest = url.substr(7);
    } else {
        throw std::invalid_argument("central_url must start with http:// or https://");
    }
    const auto slash = rest.find('/');
    std::string authority = rest.substr(0, slash);
    e.base_path = slash == std::string::npos ? "" : rest.substr(slash);
    while (!e.base_path.empty() && e.base_path.back() == '/') e.base_path.pop_back();
    e.port = e.tls ? "443" : "80";
    if (authority.starts_with("[")) {
        const auto close = authority.find(']');
        e.host = authority.substr(1, close - 1);
        if (close + 1 < authority.size() && authority[close + 1] == ':')
            e.port = authority.substr(close + 2);
    } else if (const auto colon = authority.rfind(':'); colon != std::string::npos) {
        e.host = authority.substr(0, colon);
        e.port = authority.substr(colon + 1);
    } else {
        e.host = authority;
    }
    if (e.host.empty()) throw std::invalid_argument("central_url has no host");
    return e;
}

struct CentralClient::Impl {
    CentralEndpoint endpoint;
    std::string token;
    std::chrono::milliseconds timeout{10000};
    asio::io_context io;
    asio::ssl::context tls{asio::ssl::context::tls_client};
    std::atomic<bool> cancelled{false};
};

namespace {

std::optional<std::chrono::seconds> parse_retry_after(std::string_view value) {
    long seconds = 0;
    const auto [end, ec] = std::from_chars(value.data(), value.data() + value.size(), seconds);
    if (ec != std::errc() || end != value.data() + value.size() || seconds < 0) return std::nullopt;
    return std::chrono::seconds(std::min(seconds, 3600L));
}

// Runs the io_context until the pending operation finished; throws TransportError on its error.
// A cancel() from another thread stops the io_context: the operation then counts as failed.
void run_step(asio::io_context& io, const std::atomic<bool>& cancelled, const beast::error_code& ec,
              const bool& done, const char* step) {
    io.restart();
    // Checked after restart(): a cancel() that stopped the io_context before it is not lost.
    if (cancelled) throw TransportError(std::string(step) + ": cancelled");
    io.run();
    if (!done) throw TransportError(std::string(step) + ": cancelled");
    if (ec) throw TransportError(std::string(step) + ": " + ec.message());
}

// connect, (handshake), write, read: every step under the same absolute deadline.
template <class Stream, class Handshake>
CentralResponse exchange(asio::io_context& io, const std::atomic<bool>& cancelled, Stream& stream,
                         beast::tcp_stream& tcp, const tcp::resolver::results_type& endpoints,
                         Handshake handshake, const bhttp::request<bhttp::string_body>& req,
                         std::chrono::steady_clock::time_point deadline) {
    beast::error_code ec;
    bool done = false;
    auto step = [&](auto&& start, const char* name) {
        ec = {};
        done = false;
        tcp.expires_at(deadline);
        start([&](beast::error_code e, auto&&...) {
            ec = e;
            done = true;
        });
        run_step(io, cancelled, ec, done, name);
    };
    step([&](auto h) { tcp.async_connect(endpoints, h); }, "connect");
    handshake(step);
    step([&](auto h) { bhttp::async_write(stream, req, h); }, "send");
    beast::flat_buffer buffer;
    bhttp::response_parser<bhttp::string_body> parser;
    parser.body_limit(kMaxResponseBytes);
    step([&](auto h) { bhttp::async_read(stream, buffer, parser, h); }, "receive");
    auto& res = parser.get();
    CentralResponse out;
    out.status = static_cast<int>(res.result_int());
    out.body = std::move(res.body());
    if (auto it = res.find(bhttp::field::retry_after); it != res.end())
        out.retry_after = parse_retry_after(it->value());
    beast::error_code ignored;
    tcp.socket().shutdown(tcp::socket::shutdown_both, ignored);
    return out;
}

}  // namespace

CentralClient::CentralClient(CentralEndpoint endpoint, std::string bearer_token,
                             std::string ca_file, std::chrono::milliseconds timeout)
    : impl_(std::make_unique<Impl>()) {
    impl_->endpoint = std::move(endpoint);
    impl_->token = std::move(bearer_token);
    impl_->timeout = timeout;
    if (impl_->endpoint.tls) {
        impl_->tls.set_verify_mode(asio::ssl::verify_peer);
        beast::error_code ec;
        if (ca_file.empty()) {
            impl_->tls.set_default_verify_paths(ec);
        } else {
            impl_->tls.load_verify_file(ca_file, ec);
        }
        if (ec) throw std::invalid_argument("ca_file " + ca_file + ": " + ec.message());
    }
}

CentralClient::~CentralClient() = default;

void CentralClient::cancel() {
    impl_->cancelled = true;
    impl_->io.stop();
}

CentralResponse CentralClient::request(const std::string& method, const std::string& path,
                                       const std::string& body,
                                       std::chrono::milliseconds extra_wait) {
    auto& io = impl_->io;
    const auto& ep = impl_->endpoint;
    bhttp::request<bhttp::string_body> req{bhttp::string_to_verb(method), ep.base_path + path, 11};
    req.set(bhttp::field::host, ep.host);
    req.set(bhttp::field::authorization, "Bearer " + impl_->token);
    req.set(bhttp::field::user_agent, "onthaal-agent");
    req.set(bhttp::field::connection, "close");
    if (!body.empty()) req.set(bhttp::field::content_type, "application/json");
    req.body() = body;
    req.prepare_payload();
    const auto deadline = std::chrono::steady_clock::now() + impl_->timeout + extra_wait;

    beast::error_code ec;
    bool done = false;
    tcp::resolver resolver(io);
    tcp::resolver::results_type endpoints;
    resolver.async_resolve(ep.host, ep.port,
                           [&](beast::error_code e, tcp::resolver::results_type r) {
                               ec = e;
                               endpoints = std::move(r);
                               done = true;
                           });
    run_step(io, impl_->cancelled, ec, done, "resolve");

    if (!ep.tls) {
        beast::tcp_stream stream(io);
        return exchange(
            io, impl_->cancelled, stream, stream, endpoints, [](auto&) {}, req, deadline);
    }
    beast::ssl_stream<beast::tcp_stream> stream(io, impl_->tls);
    if (!SSL_set_tlsext_host_name(stream.native_handle(), ep.host.c_str())) {
        throw TransportError("TLS: cannot set the server name");
    }
    stream.set_verify_callback(asio::ssl::host_name_verification(ep.host));
    return exchange(
        io, impl_->cancelled, stream, beast::get_lowest_layer(stream), endpoints,
        [&](auto& step) {
            step([&](auto h) { stream.async_handshake(asio::ssl::stream_base::client, h); },
                 "TLS handshake");
        },
        req, deadline);
}

}  // namespace onthaal::sync
