#include "domain/staff_password.hpp"

#include <sodium.h>

namespace onthaal::domain {

std::optional<std::string> hash_staff_password(std::string_view password) {
    if (sodium_init() < 0) return std::nullopt;
    char out[crypto_pwhash_STRBYTES];
    if (crypto_pwhash_str(out, password.data(), password.size(), crypto_pwhash_OPSLIMIT_INTERACTIVE,
                          crypto_pwhash_MEMLIMIT_INTERACTIVE) != 0) {
        return std::nullopt;
    }
    return std::string(out);
}

bool staff_password_matches(const std::string& hash, std::string_view password) {
    return sodium_init() >= 0 &&
           crypto_pwhash_str_verify(hash.c_str(), password.data(), password.size()) == 0;
}

}  // namespace onthaal::domain
