#include "domain/national_number.hpp"

#include <cstdint>

namespace onthaal::domain {

NationalNumberCheck check_national_number(std::string_view input) {
    NationalNumberCheck result;
    std::string digits;
    for (char c : input) {
        if (c >= '0' && c <= '9') {
            digits += c;
        } else if (c != '.' && c != '-' && c != ' ') {
            result.problem = NationalNumberProblem::not_digits;
            return result;
        }
        if (digits.size() > 11) break;
    }
    if (digits.size() != 11) {
        result.problem = NationalNumberProblem::wrong_length;
        return result;
    }
    const std::uint64_t first_nine = std::stoull(digits.substr(0, 9));
    const std::uint64_t check = std::stoull(digits.substr(9, 2));
    const bool born_before_2000 = 97 - (first_nine % 97) == check;
    const bool born_from_2000 = 97 - ((2'000'000'000ULL + first_nine) % 97) == check;
    if (!born_before_2000 && !born_from_2000) {
        result.problem = NationalNumberProblem::bad_check_digits;
        return result;
    }
    result.digits = std::move(digits);
    return result;
}

std::string_view reason_code(NationalNumberProblem problem) {
    switch (problem) {
        case NationalNumberProblem::none:
            return "ok";
        case NationalNumberProblem::wrong_length:
            return "national_number.wrong_length";
        case NationalNumberProblem::not_digits:
            return "national_number.not_digits";
        case NationalNumberProblem::bad_check_digits:
            return "national_number.bad_check_digits";
    }
    return "national_number.invalid";
}

}  // namespace onthaal::domain
