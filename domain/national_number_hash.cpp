#include "domain/national_number_hash.hpp"

#include <sodium.h>

#include <array>
#include <stdexcept>

namespace onthaal::domain {
namespace {

std::array<unsigned char, crypto_auth_hmacsha256_BYTES> keyed_digest(
    std::string_view digits, const std::vector<unsigned char>& key) {
    std::array<unsigned char, crypto_auth_hmacsha256_BYTES> out{};
    crypto_auth_hmacsha256_state state;
    crypto_auth_hmacsha256_init(&state, key.data(), key.size());
    crypto_auth_hmacsha256_update(&state, reinterpret_cast<const unsigned char*>(digits.data()),
                                  digits.size());
    crypto_auth_hmacsha256_final(&state, out.data());
    return out;
}

// A keyed BLAKE2b of a fixed label: per site, and not the key itself.
std::array<unsigned char, crypto_pwhash_SALTBYTES> site_salt(
    const std::vector<unsigned char>& key) {
    static constexpr std::string_view kLabel = "onthaal national number salt";
    std::array<unsigned char, crypto_pwhash_SALTBYTES> salt{};
    crypto_generichash(salt.data(), salt.size(),
                       reinterpret_cast<const unsigned char*>(kLabel.data()), kLabel.size(),
                       key.data(), key.size());
    return salt;
}

}  // namespace

std::vector<unsigned char> national_number_hash(std::string_view digits,
                                                const std::vector<unsigned char>& key) {
    if (key.size() != kNationalNumberHashKeyBytes) {
        throw std::invalid_argument("national number hash key must be 32 bytes");
    }
    const auto digest = keyed_digest(digits, key);
    return national_number_hash_from_hmac({digest.begin(), digest.end()}, key);
}

std::vector<unsigned char> national_number_hash_from_hmac(const std::vector<unsigned char>& digest,
                                                          const std::vector<unsigned char>& key) {
    if (key.size() != kNationalNumberHashKeyBytes || digest.size() != crypto_auth_hmacsha256_BYTES)
        throw std::invalid_argument("national number hash: key and HMAC must be 32 bytes");
    if (sodium_init() < 0) throw std::runtime_error("libsodium could not be initialised");
    const auto salt = site_salt(key);
    std::vector<unsigned char> out(32);
    if (crypto_pwhash(out.data(), out.size(), reinterpret_cast<const char*>(digest.data()),
                      digest.size(), salt.data(), kNationalNumberHashOpsLimit,
                      kNationalNumberHashMemLimitBytes, crypto_pwhash_ALG_ARGON2ID13) != 0) {
        throw std::runtime_error("national number hash: out of memory");
    }
    return out;
}

}  // namespace onthaal::domain
