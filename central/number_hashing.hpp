// Hashing an import's national numbers before its transaction opens (issue 12, item 5): each
// hash is a deliberate ~10 ms of argon2id, and central's write lock must not be held meanwhile,
// or every device's push waits (and fails after the 5 s busy timeout) while 10,000 clients hash.
// The work is spread over the machine's cores.
//
// Pure computation on the caller's data; runs its own threads and joins them before returning.
// Failure: rethrows the first exception of a worker (std::runtime_error, std::invalid_argument).
#pragma once

#include <optional>
#include <string>
#include <vector>

namespace onthaal::central {

// For each entry: the stored form of `digits[i]` (11 digits, already checked), or nullopt when
// it is empty (the client has no national number in the file).
std::vector<std::optional<std::vector<unsigned char>>> hash_national_numbers(
    const std::vector<std::string>& digits, const std::vector<unsigned char>& key);

}  // namespace onthaal::central
