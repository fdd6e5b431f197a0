#include "net/http_server.hpp"

#include <algorithm>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/strand.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <list>
#include <optional>
#include <stdexcept>
#include <string>
#include <unordered_map>

#include "log/event_log.hpp"
#include "net/connection_stream.hpp"

namespace onthaal::http {
namespace {

class Session;  // below: one connection
namespace asio = boost::asio;
namespace beast = boost::beast;
namespace bhttp = beast::http;
using tcp = asio::ip::tcp;
using RequestParser = bhttp::request_parser<bhttp::string_body>;

// The limits every request is read with, from a socket or from bytes (parse_request).
void apply_limits(RequestParser& parser, const ServerLimits& limits) {
    parser.header_limit(static_cast<std::uint32_t>(limits.header_limit_bytes));
    parser.body_limit(limits.body_limit_bytes);
}

// Devices and pages always send Content-Length. A chunked body's trailer is not held to the
// header limit by Beast 1.74, and a trailer field over 64 KiB made it throw: chunked requests
// are refused (411) once the head is read, before their body is.
std::optional<HttpResponse> refusal_after_head(const RequestParser& parser) {
    if (!parser.chunked()) return std::nullopt;
    return json_error(411, "length_required", "Send the body with a Content-Length, not chunked.");
}

// What a failed read leads to: nullopt when the connection just closes (the peer left, went
// silent or the server stops), otherwise the 4xx sent before closing.
std::optional<HttpResponse> refusal_for(beast::error_code ec) {
    if (ec == bhttp::error::end_of_stream || ec == beast::error::timeout ||
        ec == asio::error::operation_aborted || ec == asio::error::connection_reset ||
        ec == asio::error::eof || ec == asio::ssl::error::stream_truncated) {
        return std::nullopt;
    }
    if (ec == bhttp::error::body_limit)
        return json_error(413, "body_too_large", "The request body is larger than allowed.");
    if (ec == bhttp::error::header_limit)
        return json_error(431, "headers_too_large", "The request headers are larger than allowed.");
    return json_error(400, "bad_request", "The request is not valid HTTP/1.1.");
}

// The plain request a handler sees: header names in lower case (the last of a repeated one wins).
HttpRequest to_request(const RequestParser::value_type& message) {
    HttpRequest request;
    request.method = std::string(message.method_string());
    request.target = std::string(message.target());
    for (const auto& field : message) {
        std::string name(field.name_string());
        for (char& c : name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
        request.headers[name] = std::string(field.value());
    }
    request.body = message.body();
    return request;
}

// Gives the parser `bytes` from `consumed` on until it has the head (or the whole message).
// Running out of bytes, or holding only part of what the parser needs next, is the client closing
// its side: reported as a socket read reports it (end_of_stream, or partial_message mid-request).
void feed(RequestParser& parser, std::string_view bytes, std::size_t& consumed, bool head_only,
          beast::error_code& ec) {
    ec = {};
    while (!(head_only ? parser.is_header_done() : parser.is_done())) {
        std::size_t used = 0;
        if (consumed < bytes.size()) {
            used = parser.put(asio::const_buffer(bytes.data() + consumed, bytes.size() - consumed),
                              ec);
            consumed += used;
            if (ec && ec != bhttp::error::need_more) return;
            ec = {};
        }
        if (used == 0) {
            if (parser.got_some())
                parser.put_eof(ec);
            else
                ec = bhttp::error::end_of_stream;
            return;
        }
    }
}

}  // namespace

struct HttpServer::Impl : std::enable_shared_from_this<HttpServer::Impl> {
    Impl(asio::io_context& io, ServerLimits l, DeferredRequestHandler h)
        : io(io), acceptor(io), limits(l), handler(std::move(h)) {}

    void accept();
    bool admits(const std::string& source);

    asio::io_context& io;
    tcp::acceptor acceptor;
    ServerLimits limits;
    DeferredRequestHandler handler;
    std::unique_ptr<asio::ssl::context> tls;  // set by use_tls: every connection is TLS
    std::size_t open_connections = 0;
    std::unordered_map<std::string, std::size_t> per_source;  // open connections by address
    // Connections waiting for a request head (new, or idle between keep-alive requests), the one
    // waiting longest first: at the connection cap, the front one makes way for a new client.
    std::list<Session*> waiting;
    bool stopped = false;
};

namespace {

class Session : public std::enable_shared_from_this<Session> {
  public:
    Session(tcp::socket socket, std::shared_ptr<HttpServer::Impl> server, std::string source)
        : server_(std::move(server)),
          stream_(std::move(socket), server_->tls.get()),
          source_(std::move(source)) {
        ++server_->open_connections;
        ++server_->per_source[source_];
    }
    ~Session() {
        stop_waiting();
        uncount();
    }

    void start() {
        if (!stream_.is_tls()) return read_request();
        // The handshake is held to the head deadline and may be evicted like a silent head.
        waiting_place_ = server_->waiting.insert(server_->waiting.end(), this);
        stream_.tcp().expires_after(
            std::min(server_->limits.head_timeout, server_->limits.io_timeout));
        stream_.tls().async_handshake(asio::ssl::stream_base::server,
                                      [self = shared_from_this()](beast::error_code ec) {
                                          self->stop_waiting();
                                          if (ec) return self->close();
                                          self->read_request();
                                      });
    }

    // Closes this connection now to make room (it is waiting for a request head, so no answer is
    // lost): it stops counting at once; its pending read ends with operation_aborted.
    void evict() {
        stop_waiting();
        uncount();
        close();
    }

  private:
    void uncount() {
        if (!counted_) return;
        counted_ = false;
        --server_->open_connections;
        if (--server_->per_source[source_] == 0) server_->per_source.erase(source_);
    }
    void stop_waiting() {
        if (!waiting_place_) return;
        server_->waiting.erase(*waiting_place_);
        waiting_place_.reset();
    }

    void read_request() {
        waiting_place_ = server_->waiting.insert(server_->waiting.end(), this);
        parser_.emplace();
        apply_limits(*parser_, server_->limits);
        stream_.tcp().expires_after(
            std::min(server_->limits.head_timeout, server_->limits.io_timeout));
        stream_.with([this](auto& stream) {
            bhttp::async_read_header(
                stream, buffer_, *parser_,
                [self = shared_from_this()](beast::error_code ec, std::size_t) {
                    self->on_header(ec);
                });
        });
    }

    void on_header(beast::error_code ec) {
        stop_waiting();  // a request is in progress: never evicted
        if (ec) return on_read(ec);
        if (auto refused = refusal_after_head(*parser_)) return send(std::move(*refused), false);
        stream_.tcp().expires_after(server_->limits.io_timeout);
        stream_.with([this](auto& stream) {
            bhttp::async_read(stream, buffer_, *parser_,
                              [self = shared_from_this()](beast::error_code ec, std::size_t) {
                                  self->on_read(ec);
                              });
        });
    }

    void on_read(beast::error_code ec) {
        if (ec) {
            auto refused = refusal_for(ec);
            return refused ? send(std::move(*refused), false) : close();
        }
        const auto& message = parser_->get();
        HttpRequest request = to_request(message);
        request.source = source_;
        call_handler(request, message.keep_alive());
    }

    void call_handler(const HttpRequest& request, bool keep_alive) {
        auto answered = std::make_shared<bool>(false);
        Responder respond = [self = shared_from_this(), keep_alive,
                             answered](HttpResponse response) {
            if (*answered) return;
            *answered = true;
            self->send(std::move(response), keep_alive);
        };
        try {
            server_->handler(request, respond);
            return;
        } catch (const std::exception& e) {
            log::error("http.handler_failed",
                       {{"path", std::string(request.path())}, {"error", e.what()}});
        } catch (...) {
            log::error("http.handler_failed", {{"path", std::string(request.path())}});
        }
        respond(json_error(500, "internal_error", "Something went wrong; please ask at the desk."));
    }

    void send(HttpResponse response, bool keep_alive) {
        add_security_headers(response);
        response_.emplace();
        response_->version(11);
        response_->result(static_cast<unsigned>(response.status));
        for (const auto& [name, value] : response.headers) response_->set(name, value);
        response_->body() = std::move(response.body);
        response_->keep_alive(keep_alive && !server_->stopped);
        response_->prepare_payload();
        stream_.tcp().expires_after(server_->limits.io_timeout);
        stream_.with([this](auto& stream) {
            bhttp::async_write(stream, *response_,
                               [self = shared_from_this()](beast::error_code ec, std::size_t) {
                                   self->on_write(ec);
                               });
        });
    }

    void on_write(beast::error_code ec) {
        if (ec || !response_->keep_alive()) return close();
        response_.reset();
        read_request();
    }

    void close() { stream_.close(); }

    // Declared first, destroyed last: the stream uses the server's TLS context.
    std::shared_ptr<HttpServer::Impl> server_;
    ConnectionStream stream_;
    beast::flat_buffer buffer_;
    std::optional<RequestParser> parser_;
    std::optional<bhttp::response<bhttp::string_body>> response_;
    std::string source_;
    bool counted_ = true;  // in open_connections and per_source
    std::optional<std::list<Session*>::iterator> waiting_place_;  // in server_->waiting
};

// The peer's address, "" when the socket has none any more (it will fail at its first read).
std::string source_of(const tcp::socket& socket) {
    beast::error_code ec;
    const auto endpoint = socket.remote_endpoint(ec);
    return ec ? std::string() : endpoint.address().to_string();
}

}  // namespace

RequestParse parse_request(std::string_view bytes, const ServerLimits& limits) {
    RequestParser parser;
    apply_limits(parser, limits);
    RequestParse out;
    beast::error_code ec;
    feed(parser, bytes, out.consumed, true, ec);
    if (!ec) {
        if (auto refused = refusal_after_head(parser)) {
            out.outcome = RequestParse::Outcome::refused;
            out.refusal = std::move(*refused);
            return out;
        }
        feed(parser, bytes, out.consumed, false, ec);
    }
    if (ec) {
        auto refused = refusal_for(ec);
        out.outcome = refused ? RequestParse::Outcome::refused : RequestParse::Outcome::closed;
        if (refused) out.refusal = std::move(*refused);
        return out;
    }
    out.outcome = RequestParse::Outcome::request;
    out.request = to_request(parser.get());
    out.keep_alive = parser.get().keep_alive();
    return out;
}

void run_until_stopped(asio::io_context& io) {
    while (true) {
        try {
            io.run();
            return;
        } catch (const std::exception& e) {
            // The operation that threw is gone (its connection closes); every other goes on.
            log::error("http.operation_failed", {{"error", std::string(e.what()).substr(0, 200)}});
        } catch (...) {
            log::error("http.operation_failed", {{"error", "unknown exception"}});
        }
    }
}

// A source at its share is refused. At the cap, the connection that has waited longest for a
// request head makes way: idle sockets (up to 2,000 from many addresses in the test) would
// otherwise keep every new client out until their head deadline; a request in progress is never
// cut. Nothing waiting: refused.
bool HttpServer::Impl::admits(const std::string& source) {
    const auto held = per_source.find(source);
    if (held != per_source.end() && held->second >= limits.max_connections_per_source) return false;
    if (open_connections < limits.max_connections) return true;
    if (waiting.empty()) return false;
    waiting.front()->evict();
    return true;
}

void HttpServer::Impl::accept() {
    acceptor.async_accept([self = shared_from_this()](beast::error_code ec, tcp::socket socket) {
        if (ec == asio::error::operation_aborted || self->stopped) return;
        if (ec) {
            log::warn("http.accept_failed", {{"error", ec.message()}});
        } else {
            std::string source = source_of(socket);
            if (self->admits(source)) {
                std::make_shared<Session>(std::move(socket), self, std::move(source))->start();
            } else {
                // Refuse rather than queue: a kiosk or desk page retries, an attacker is slowed.
                beast::error_code ignored;
                socket.close(ignored);
            }
        }
        self->accept();
    });
}

HttpServer::HttpServer(asio::io_context& io, ServerLimits limits, DeferredRequestHandler handler)
    : impl_(std::make_shared<Impl>(io, limits, std::move(handler))) {}

HttpServer::HttpServer(asio::io_context& io, ServerLimits limits, RequestHandler handler)
    : HttpServer(io, limits,
                 [handler = std::move(handler)](const HttpRequest& r, const Responder& respond) {
                     respond(handler(r));
                 }) {}

HttpServer::~HttpServer() {
    stop();
}

void HttpServer::use_tls(const std::string& cert_file, const std::string& key_file) {
    auto context = std::make_unique<asio::ssl::context>(asio::ssl::context::tls_server);
    // TLS 1.2 and 1.3 only; no renegotiation, no compression (OpenSSL's defaults for the rest).
    context->set_options(asio::ssl::context::default_workarounds | asio::ssl::context::no_sslv2 |
                         asio::ssl::context::no_sslv3 | asio::ssl::context::no_tlsv1 |
                         asio::ssl::context::no_tlsv1_1 | asio::ssl::context::single_dh_use);
    // A key with a passphrase must fail here, not make OpenSSL ask on the terminal.
    context->set_password_callback(
        [](std::size_t, asio::ssl::context::password_purpose) { return std::string(); });
    beast::error_code ec;
    context->use_certificate_chain_file(cert_file, ec);
    if (ec) throw std::runtime_error("tls_cert_file " + cert_file + ": " + ec.message());
    context->use_private_key_file(key_file, asio::ssl::context::pem, ec);
    if (ec) throw std::runtime_error("tls_key_file " + key_file + ": " + ec.message());
    impl_->tls = std::move(context);
}

std::uint16_t HttpServer::listen(const config::ListenAddress& address) {
    const std::string host = address.host == "localhost" ? "127.0.0.1" : address.host;
    beast::error_code ec;
    const auto ip = asio::ip::make_address(host, ec);
    if (ec) throw std::runtime_error("cannot listen on " + host + ": not an IP address");
    const tcp::endpoint endpoint(ip, address.port);
    auto& acceptor = impl_->acceptor;
    acceptor.open(endpoint.protocol(), ec);
    if (!ec) acceptor.set_option(asio::socket_base::reuse_address(true), ec);
    if (!ec) acceptor.bind(endpoint, ec);
    if (!ec) acceptor.listen(asio::socket_base::max_listen_connections, ec);
    if (ec) {
        throw std::runtime_error("cannot listen on " + host + ":" + std::to_string(address.port) +
                                 ": " + ec.message());
    }
    impl_->accept();
    return acceptor.local_endpoint().port();
}

void HttpServer::stop() {
    if (!impl_ || impl_->stopped) return;
    impl_->stopped = true;
    beast::error_code ignored;
    impl_->acceptor.close(ignored);
}

}  // namespace onthaal::http
