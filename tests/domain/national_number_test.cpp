#include "domain/national_number.hpp"

#include <gtest/gtest.h>

using onthaal::domain::check_national_number;
using onthaal::domain::NationalNumberProblem;

TEST(NationalNumber, AcceptsValidNumberOfBirthBefore2000) {
    const auto check = check_national_number("85073003328");
    EXPECT_TRUE(check.ok());
    EXPECT_EQ(check.digits, "85073003328");
}

TEST(NationalNumber, AcceptsNumberOfBirthFrom2000WithTheTwoPrefixRule) {
    // 010101001: 97 - (2010101001 mod 97) = 26; the pre-2000 reading would need 94.
    EXPECT_TRUE(check_national_number("01010100126").ok());
    EXPECT_TRUE(check_national_number("00022912320").ok());  // born 29 February 2000
}

TEST(NationalNumber, AcceptsTheUsualWrittenSeparators) {
    const auto check = check_national_number("85.07.30-033.28");
    ASSERT_TRUE(check.ok());
    EXPECT_EQ(check.digits, "85073003328");
    EXPECT_TRUE(check_national_number("85 07 30 033 28").ok());
}

TEST(NationalNumber, RejectsWrongCheckDigits) {
    EXPECT_EQ(check_national_number("85073003329").problem,
              NationalNumberProblem::bad_check_digits);
    EXPECT_EQ(check_national_number("01010100127").problem,
              NationalNumberProblem::bad_check_digits);
}

TEST(NationalNumber, RejectsWrongLength) {
    EXPECT_EQ(check_national_number("").problem, NationalNumberProblem::wrong_length);
    EXPECT_EQ(check_national_number("8507300332").problem, NationalNumberProblem::wrong_length);
    EXPECT_EQ(check_national_number("850730033281").problem, NationalNumberProblem::wrong_length);
}

TEST(NationalNumber, RejectsLettersAndOtherCharacters) {
    EXPECT_EQ(check_national_number("8507300332a").problem, NationalNumberProblem::not_digits);
    EXPECT_EQ(check_national_number("85073003328;DROP").problem, NationalNumberProblem::not_digits);
}

TEST(NationalNumber, ReasonCodesAreStable) {
    EXPECT_EQ(onthaal::domain::reason_code(NationalNumberProblem::bad_check_digits),
              "national_number.bad_check_digits");
}
