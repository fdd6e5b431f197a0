// The form in which a national register number is kept (DOMAIN.md, Privacy): never the number,
// only argon2id(HMAC-SHA256(site key, digits)), with a salt derived from the site key.
//
// Why two steps (issue 12, item 5; docs/security.md, "National numbers at rest"):
// - The HMAC under the site's secret key means a copy of a store alone reveals nothing: without
//   the key no candidate number can be tested at all. Devices keep the key in their key file,
//   outside the store (local_store/device_key_file.hpp).
// - argon2id makes every candidate expensive for whoever has the key as well (all the device's
//   files): with kOpsLimit and kMemLimitBytes one hash takes about 9 ms and 16 MiB on the
//   reference machine, so trying the 74 million possible numbers costs days of CPU, not the
//   32 s plain HMAC allowed. One check-in by number is still one hash.
// - The salt is the same for a whole site (one lookup, one hash), derived from the key so it is
//   unique per site and needs no storage of its own.
// Pure computation: no I/O, no clock. Thread-safe.
// Failure: throws std::invalid_argument when the key is not 32 bytes; std::runtime_error when
// libsodium cannot start or cannot allocate the hash's memory.
#pragma once

#include <cstddef>
#include <string_view>
#include <vector>

namespace onthaal::domain {

constexpr std::size_t kNationalNumberHashKeyBytes = 32;
constexpr unsigned long long kNationalNumberHashOpsLimit = 2;
constexpr std::size_t kNationalNumberHashMemLimitBytes = 16u << 20;

// `digits` must be the 11 digits from check_national_number (separators removed).
std::vector<unsigned char> national_number_hash(std::string_view digits,
                                                const std::vector<unsigned char>& key);

// The same from the first step's result (HMAC-SHA256(key, digits), 32 bytes): how central turns
// the hashes it stored before issue 12 (plain HMAC) into this form without the numbers.
std::vector<unsigned char> national_number_hash_from_hmac(const std::vector<unsigned char>& hmac,
                                                          const std::vector<unsigned char>& key);

}  // namespace onthaal::domain
