#include "domain/national_number.hpp"

#include <gtest/gtest.h>
#include <sodium.h>

#include "domain/national_number_hash.hpp"

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

// The stored form (docs/security.md, "National numbers at rest"): the same number under the same
// site key is one value, so a kiosk finds the client with one hash; another site's key or another
// number gives another value; and it is not the plain HMAC that let a stolen kiosk's numbers be
// found in 32 s.
TEST(NationalNumberHash, OneValuePerNumberAndSiteKeyThatHidesTheDigits) {
    const std::vector<unsigned char> site_a(32, 1), site_b(32, 2);
    const auto once = onthaal::domain::national_number_hash("85073003328", site_a);
    EXPECT_EQ(once.size(), 32u);
    EXPECT_EQ(onthaal::domain::national_number_hash("85073003328", site_a), once);
    EXPECT_NE(onthaal::domain::national_number_hash("85073003328", site_b), once);
    EXPECT_NE(onthaal::domain::national_number_hash("85073003329", site_a), once);
    unsigned char plain_hmac[crypto_auth_hmacsha256_BYTES];
    crypto_auth_hmacsha256_state state;
    crypto_auth_hmacsha256_init(&state, site_a.data(), site_a.size());
    crypto_auth_hmacsha256_update(&state, reinterpret_cast<const unsigned char*>("85073003328"),
                                  11);
    crypto_auth_hmacsha256_final(&state, plain_hmac);
    EXPECT_NE(once, std::vector<unsigned char>(plain_hmac, plain_hmac + sizeof plain_hmac));
    EXPECT_THROW(
        onthaal::domain::national_number_hash("85073003328", std::vector<unsigned char>(16, 1)),
        std::invalid_argument);
}
