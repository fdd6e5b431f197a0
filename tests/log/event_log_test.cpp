// Log lines stay one line and bounded, whatever a value holds.
#include "log/event_log.hpp"

#include <gtest/gtest.h>

using namespace onthaal;

TEST(EventLog, ALongValueIsCutAndALineStaysOneBoundedLine) {
    const std::string digits(5000, '7');
    const std::string line =
        log::format_line(log::Level::error, "central.push_failed",
                         {{"error", "number overflow parsing '" + digits + "'"}});
    EXPECT_LT(line.size(), 400u) << line.size();
    EXPECT_NE(line.find("...(cut)\""), std::string::npos) << line;
    EXPECT_EQ(line.find(std::string(400, '7')), std::string::npos);

    const std::string wide = log::format_line(log::Level::info, "e",
                                              {{"a", std::string(299, 'a')},
                                               {"b", std::string(299, 'b')},
                                               {"c", std::string(299, 'c')},
                                               {"d", std::string(299, 'd')},
                                               {"e", std::string(299, 'e')},
                                               {"f", std::string(299, 'f')},
                                               {"g", std::string(299, 'g')},
                                               {"h", std::string(299, 'h')}});
    EXPECT_LE(wide.size(), 2020u);
    EXPECT_EQ(wide.back(), '\n');
    EXPECT_EQ(log::format_line(log::Level::warn, "e", {{"v", "two\nlines"}}),
              "WARN e v=\"two lines\"\n");
}
