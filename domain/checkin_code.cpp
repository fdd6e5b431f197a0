#include "domain/checkin_code.hpp"

#include <sodium.h>

#include <stdexcept>

namespace onthaal::domain {
namespace {

constexpr unsigned kSymbols = kCheckinCodeAlphabet.size();
static_assert(kSymbols == 31, "the check character needs a prime alphabet size");
constexpr unsigned kInverseOfLastWeight = 7;  // 9 * 7 = 63 = 2 * 31 + 1
static_assert(kCheckinCodeLength * kInverseOfLastWeight % kSymbols == 1);

// The symbol's value, or -1 when it is not in the alphabet.
int value_of(char c) {
    const auto at = kCheckinCodeAlphabet.find(c);
    return at == std::string_view::npos ? -1 : static_cast<int>(at);
}

// Sum of (position from 1) x value over `symbols`, mod 31; -1 when one is not in the alphabet.
int weighted_sum(std::string_view symbols) {
    unsigned sum = 0;
    for (std::size_t i = 0; i < symbols.size(); ++i) {
        const int v = value_of(symbols[i]);
        if (v < 0) return -1;
        sum = (sum + static_cast<unsigned>(i + 1) * static_cast<unsigned>(v)) % kSymbols;
    }
    return static_cast<int>(sum);
}

}  // namespace

char checkin_check_character(std::string_view random_part) {
    const int sum = weighted_sum(random_part);
    if (random_part.size() != kCheckinCodeRandomLength || sum < 0)
        throw std::invalid_argument("not 8 symbols of the check-in code alphabet");
    // 9 x check = -sum (mod 31): the whole code then sums to a multiple of 31.
    const unsigned check =
        (kSymbols - static_cast<unsigned>(sum)) % kSymbols * kInverseOfLastWeight % kSymbols;
    return kCheckinCodeAlphabet[check];
}

std::string new_checkin_code() {
    if (sodium_init() < 0) throw std::runtime_error("libsodium could not be initialised");
    std::string code(kCheckinCodeRandomLength, ' ');
    for (char& c : code) c = kCheckinCodeAlphabet[randombytes_uniform(kSymbols)];
    code += checkin_check_character(code);
    return code;
}

CodeCheck check_checkin_code(std::string_view code) {
    if (code.size() != kCheckinCodeLength) return CodeCheck::not_checked;
    return weighted_sum(code) == 0 ? CodeCheck::valid : CodeCheck::typo;
}

}  // namespace onthaal::domain
