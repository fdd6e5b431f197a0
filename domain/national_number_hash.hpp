// Keyed hash of a national register number: HMAC-SHA256 under the site's key (libsodium).
// The plain number is never stored (DOMAIN.md, Privacy); equality of hashes is how a kiosk finds
// the client. Pure computation: no I/O, no clock. Thread-safe.
// Failure: throws std::invalid_argument when the key is not 32 bytes.
#pragma once

#include <string_view>
#include <vector>

namespace onthaal::domain {

constexpr std::size_t kNationalNumberHashKeyBytes = 32;

// `digits` must be the 11 digits from check_national_number (separators removed).
std::vector<unsigned char> national_number_hash(std::string_view digits,
                                                const std::vector<unsigned char>& key);

}  // namespace onthaal::domain
