// One connection's byte stream for http_server.cpp: plain TCP, or TLS over TCP when the server
// has a certificate (HttpServer::use_tls). Internal to net/: it names Beast and Asio SSL types,
// so only http_server.cpp includes it.
//
// Ownership: owns the socket. Thread: the io_context's. Failure: operations report through their
// completion handlers' error codes, as Beast's do.
#pragma once

#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/ssl.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/ssl.hpp>
#include <optional>
#include <utility>

namespace onthaal::http {

class ConnectionStream {
  public:
    using Tcp = boost::beast::tcp_stream;
    using Tls = boost::beast::ssl_stream<Tcp>;

    // `tls`: the server's context, or null for plain HTTP. It must outlive the stream.
    ConnectionStream(boost::asio::ip::tcp::socket socket, boost::asio::ssl::context* tls) {
        if (tls)
            tls_.emplace(std::move(socket), *tls);
        else
            plain_.emplace(std::move(socket));
    }

    bool is_tls() const { return tls_.has_value(); }
    // The TCP layer: deadlines (expires_after) and closing.
    Tcp& tcp() { return tls_ ? boost::beast::get_lowest_layer(*tls_) : *plain_; }
    Tls& tls() { return *tls_; }

    // Runs `operation(stream)` on whichever stream this is (a generic lambda that starts an
    // asynchronous read or write).
    template <class Operation>
    void with(Operation&& operation) {
        if (tls_)
            operation(*tls_);
        else
            operation(*plain_);
    }

    // Closes the TCP connection without a TLS close_notify: the peer learns from the TCP close,
    // and waiting for its answer would let a slow client hold the connection.
    void close() {
        boost::beast::error_code ignored;
        tcp().socket().shutdown(boost::asio::ip::tcp::socket::shutdown_both, ignored);
        tcp().close();
    }

  private:
    std::optional<Tcp> plain_;
    std::optional<Tls> tls_;
};

}  // namespace onthaal::http
