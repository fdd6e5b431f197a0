#include "domain/types.hpp"

#include <gtest/gtest.h>

using namespace onthaal::domain;

TEST(DeviceRole, ParsesTheThreeRolesAndNothingElse) {
    EXPECT_EQ(parse_device_role("kiosk"), DeviceRole::kiosk);
    EXPECT_EQ(parse_device_role("desk"), DeviceRole::desk);
    EXPECT_EQ(parse_device_role("coach"), DeviceRole::coach);
    EXPECT_FALSE(parse_device_role("Kiosk"));
    EXPECT_FALSE(parse_device_role(""));
}

TEST(Province, RoundTripsEveryCode) {
    for (const char* code : {"A", "L", "O", "V", "W", "B"}) {
        const auto province = parse_province_code(code);
        ASSERT_TRUE(province) << code;
        EXPECT_EQ(province_code(*province), code);
    }
    EXPECT_FALSE(parse_province_code("X"));
    EXPECT_FALSE(parse_province_code("a"));
}
