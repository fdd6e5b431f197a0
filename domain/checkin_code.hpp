// Check-in codes, the ones printed on invitations and typed or scanned at the kiosk: their
// alphabet, how a new one is made, and its check character.
//
// A new code is 8 random characters from a 31-symbol alphabet without look-alikes (no 0/O, no
// 1/I/L) plus one check character: 31^8 = 8.5 x 10^11 codes, so guessing one of a site's live
// codes stays hopeless at the kiosk's limits (docs/security.md). The check character makes the
// weighted sum of the nine symbol values, with weights 1..9, a multiple of 31. Since 31 is prime
// and the weights differ, any one character typed wrong and any two characters swapped are caught
// before a lookup.
//
// Codes of any other length are from before (central made 6 characters; imports and tests gave
// their own): they carry no check character and are looked up as they are. Central's import
// refuses a given 9-character code whose check character is wrong, so every 9-character code in
// the system carries one.
//
// Pure: no I/O, no clock (randomness from libsodium's randombytes). Thread-safe.
// Failure: new_checkin_code throws std::runtime_error when libsodium cannot be initialised.
#pragma once

#include <string>
#include <string_view>

namespace onthaal::domain {

inline constexpr std::string_view kCheckinCodeAlphabet = "23456789ABCDEFGHJKMNPQRSTUVWXYZ";
inline constexpr std::size_t kCheckinCodeRandomLength = 8;
inline constexpr std::size_t kCheckinCodeLength = kCheckinCodeRandomLength + 1;

// 8 uniformly random symbols and their check character.
std::string new_checkin_code();

// The check character that completes `random_part` (8 symbols of the alphabet); throws
// std::invalid_argument for anything else.
char checkin_check_character(std::string_view random_part);

enum class CodeCheck {
    valid,        // 9 symbols whose check character matches
    typo,         // 9 characters, but a symbol outside the alphabet or a wrong check character
    not_checked,  // another length: a code from before, looked up as it is
};

// `code` as normalised for lookup (upper case, no spaces or dashes).
CodeCheck check_checkin_code(std::string_view code);

}  // namespace onthaal::domain
