// What it costs to recover a site's national numbers from every file of a device (store and key
// file): the attacker must hash every candidate number with the site key and compare. This
// measures one candidate's cost with the stored form (argon2id over the HMAC) and with the plain
// HMAC it replaced, on this machine, and multiplies by the 74 million candidates (issue 12,
// item 5; docs/security.md). One thread: an attacker with more cores divides by their number.
//
// Usage: national_number_guess [candidates=200]
#include <sodium.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

#include "domain/national_number_hash.hpp"

namespace {

constexpr double kCandidates = 74e6;  // birth dates of a century x 999 serials x 2 check forms

std::string candidate(int i) {
    char digits[16];
    std::snprintf(digits, sizeof digits, "%011lld", 85073000000LL + i);
    return digits;
}

volatile unsigned char sink = 0;  // keeps the loop from being optimised away

double seconds_per_candidate(int n, bool slow, const std::vector<unsigned char>& key) {
    const auto start = std::chrono::steady_clock::now();
    for (int i = 0; i < n; ++i) {
        const std::string number = candidate(i);
        if (slow) {
            sink = sink + onthaal::domain::national_number_hash(number, key)[0];
        } else {
            unsigned char out[crypto_auth_hmacsha256_BYTES];
            crypto_auth_hmacsha256(out, reinterpret_cast<const unsigned char*>(number.data()),
                                   number.size(), key.data());
            sink = sink + out[0];
        }
    }
    const std::chrono::duration<double> took = std::chrono::steady_clock::now() - start;
    return took.count() / n;
}

}  // namespace

int main(int argc, char** argv) {
    if (sodium_init() < 0) return 1;
    const int n = argc > 1 ? std::atoi(argv[1]) : 200;
    if (n <= 0) {
        std::fprintf(stderr, "usage: national_number_guess [candidates>0]\n");
        return 2;
    }
    std::vector<unsigned char> key(32);
    randombytes_buf(key.data(), key.size());
    const double plain = seconds_per_candidate(n * 1000, false, key);
    const double stored = seconds_per_candidate(n, true, key);
    std::printf("plain HMAC (before):        %9.4f ms/candidate  all 74M: %10.0f s (%.1f min)\n",
                plain * 1e3, plain * kCandidates, plain * kCandidates / 60);
    std::printf("argon2id over HMAC (now):   %9.4f ms/candidate  all 74M: %10.0f s (%.1f days)\n",
                stored * 1e3, stored * kCandidates, stored * kCandidates / 86400);
    std::printf("one check-in by number:     %9.4f ms (one hash)\n", stored * 1e3);
    return 0;
}
