// Certificates for TLS tests, made with Debian's openssl command in a test's folder: a CA
// ("<ca>.pem", "<ca>.key") and a server certificate for "localhost" signed by it ("server.pem",
// "server.key", 0600). Failure: a GoogleTest assertion failure (the test stops).
#pragma once

#include <string>

#include "tests/support/temp_dir.hpp"

namespace onthaal::test_support {

// A self-signed CA named `ca_name`.
void make_test_ca(const TempDir& dir, const std::string& ca_name);
// The CA `ca_name` (made with make_test_ca) and a certificate for localhost signed by it.
void make_localhost_certificate(const TempDir& dir, const std::string& ca_name);

}  // namespace onthaal::test_support
