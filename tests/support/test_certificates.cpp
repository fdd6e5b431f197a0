#include "tests/support/test_certificates.hpp"

#include <gtest/gtest.h>

#include <filesystem>
#include <vector>

#include "tests/support/child_process.hpp"

namespace onthaal::test_support {
namespace {

void openssl(const std::vector<std::string>& args) {
    std::vector<std::string> argv = {"/usr/bin/openssl"};
    argv.insert(argv.end(), args.begin(), args.end());
    const auto r = run_command(argv);
    ASSERT_EQ(r.exit_code, 0) << r.err;
}

}  // namespace

void make_test_ca(const TempDir& dir, const std::string& ca_name) {
    openssl({"req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1", "-subj",
             "/CN=" + ca_name, "-keyout", dir.file(ca_name + ".key"), "-out",
             dir.file(ca_name + ".pem")});
}

void make_localhost_certificate(const TempDir& dir, const std::string& ca_name) {
    make_test_ca(dir, ca_name);
    openssl({"req", "-newkey", "rsa:2048", "-nodes", "-subj", "/CN=localhost", "-keyout",
             dir.file("server.key"), "-out", dir.file("server.csr")});
    write_file(dir.file("san.ext"), "subjectAltName=DNS:localhost\n");
    openssl({"x509", "-req", "-in", dir.file("server.csr"), "-CA", dir.file(ca_name + ".pem"),
             "-CAkey", dir.file(ca_name + ".key"), "-CAcreateserial", "-days", "1", "-extfile",
             dir.file("san.ext"), "-out", dir.file("server.pem")});
    std::filesystem::permissions(dir.file("server.key"), std::filesystem::perms::owner_read |
                                                             std::filesystem::perms::owner_write);
}

}  // namespace onthaal::test_support
