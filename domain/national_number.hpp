// Belgian national register number ("rijksregisternummer"): parsing and the mod-97 check.
//
// Pure: no I/O, no state. The plain number must never be stored or logged (DOMAIN.md, Privacy);
// callers hash it (a keyed hash) as soon as it is validated and drop the plain text.
// Thread safety: all functions are reentrant. Failure: returned as a NationalNumberCheck, never
// thrown.
#pragma once

#include <string>
#include <string_view>

namespace onthaal::domain {

enum class NationalNumberProblem {
    none,
    wrong_length,     // not 11 digits once separators are removed
    not_digits,       // a character other than a digit or the separators . - and space
    bad_check_digits  // the mod-97 check fails for both the 19xx and the 20xx reading
};

struct NationalNumberCheck {
    NationalNumberProblem problem = NationalNumberProblem::none;
    std::string digits;  // the 11 digits, only when problem == none
    bool ok() const { return problem == NationalNumberProblem::none; }
};

// Accepts "85073003328", "85.07.30-033.28" or "85 07 30 033 28". The check digits are
// 97 - (first nine digits mod 97); for births from 2000 on, "2" is put before the nine digits
// first (the rule the issue asks for). Either reading passing makes the number valid.
NationalNumberCheck check_national_number(std::string_view input);

// Stable reason code for the problem, e.g. "national_number.bad_check_digits".
std::string_view reason_code(NationalNumberProblem problem);

}  // namespace onthaal::domain
