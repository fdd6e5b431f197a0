#include "domain/national_number_hash.hpp"

#include <sodium.h>

#include <stdexcept>

namespace onthaal::domain {

std::vector<unsigned char> national_number_hash(std::string_view digits,
                                                const std::vector<unsigned char>& key) {
    if (key.size() != kNationalNumberHashKeyBytes) {
        throw std::invalid_argument("national number hash key must be 32 bytes");
    }
    if (sodium_init() < 0) throw std::runtime_error("libsodium could not be initialised");
    std::vector<unsigned char> out(crypto_auth_hmacsha256_BYTES);
    crypto_auth_hmacsha256_state state;
    crypto_auth_hmacsha256_init(&state, key.data(), key.size());
    crypto_auth_hmacsha256_update(&state, reinterpret_cast<const unsigned char*>(digits.data()),
                                  digits.size());
    crypto_auth_hmacsha256_final(&state, out.data());
    return out;
}

}  // namespace onthaal::domain
