#include "domain/checkin_code.hpp"

#include <gtest/gtest.h>

#include <set>
#include <stdexcept>

using namespace onthaal::domain;

TEST(CheckinCode, NewCodesAreNineSymbolsWithoutLookAlikesThatPassTheirCheck) {
    std::set<std::string> seen;
    for (int i = 0; i < 2000; ++i) {
        const std::string code = new_checkin_code();
        ASSERT_EQ(code.size(), 9u) << code;
        EXPECT_EQ(code.find_first_not_of(kCheckinCodeAlphabet), std::string::npos) << code;
        EXPECT_EQ(code.find_first_of("0O1IL"), std::string::npos) << code;
        EXPECT_EQ(check_checkin_code(code), CodeCheck::valid) << code;
        seen.insert(code);
    }
    EXPECT_EQ(seen.size(), 2000u) << "codes repeat";
}

// One character typed wrong, a look-alike from outside the alphabet included, never passes.
TEST(CheckinCode, EveryOneCharacterTypoIsCaught) {
    const std::string others = std::string(kCheckinCodeAlphabet) + "0O1IL";
    for (int n = 0; n < 100; ++n) {
        const std::string code = new_checkin_code();
        for (std::size_t i = 0; i < code.size(); ++i) {
            for (const char c : others) {
                if (c == code[i]) continue;
                std::string typo = code;
                typo[i] = c;
                ASSERT_EQ(check_checkin_code(typo), CodeCheck::typo) << code << " -> " << typo;
            }
        }
    }
}

TEST(CheckinCode, EverySwapOfTwoDifferentCharactersIsCaught) {
    for (int n = 0; n < 300; ++n) {
        const std::string code = new_checkin_code();
        for (std::size_t i = 0; i < code.size(); ++i) {
            for (std::size_t j = i + 1; j < code.size(); ++j) {
                if (code[i] == code[j]) continue;
                std::string swapped = code;
                std::swap(swapped[i], swapped[j]);
                ASSERT_EQ(check_checkin_code(swapped), CodeCheck::typo) << code << " " << swapped;
            }
        }
    }
}

// The weighted sum, fixed: scripts/demo-data.py computes it too, and the codes of the browser
// tests and docs/examples were made with it.
TEST(CheckinCode, TheCheckCharacterIsTheWeightedSumModuloThirtyOne) {
    EXPECT_EQ(checkin_check_character("ANTWERP7"), 'Z');
    EXPECT_EQ(checkin_check_character("DEMA2AGT"), 'D');
    EXPECT_EQ(check_checkin_code("ANTWERP7Z"), CodeCheck::valid);
    EXPECT_THROW(checkin_check_character("ANTWERP"), std::invalid_argument);
    EXPECT_THROW(checkin_check_character("ANTWERP0"), std::invalid_argument);
}

// Codes from before (central made 6 characters; imports and tests gave their own) are looked up
// as they are.
TEST(CheckinCode, CodesOfOtherLengthsAreNotChecked) {
    EXPECT_EQ(check_checkin_code("K7Q2M9"), CodeCheck::not_checked);
    EXPECT_EQ(check_checkin_code("CODE0000"), CodeCheck::not_checked);
    EXPECT_EQ(check_checkin_code("CODE00001X"), CodeCheck::not_checked);
    EXPECT_EQ(check_checkin_code(""), CodeCheck::not_checked);
}
