// The programmes ("services") a client can be enrolled in, by the names DOMAIN.md uses.
// Pure; thread-safe. parse_programme returns std::nullopt for an unknown name.
#pragma once

#include <array>
#include <optional>
#include <string_view>

namespace onthaal::domain {

enum class Programme {
    tibb4,                // 002
    tibb4_anderstaligen,  // 002
    scraba,               // 002
    sab3,                 // 002
    wij3,                 // 002
    twe_wz,               // 003, 004
    twe_art60,            // 003
    glow,                 // 001
    gob_gwpl,             // 000: specialised workplace learning
    gob_gjc,              // 000: specialised job coaching
};

// Names as written in DOMAIN.md's programme table, used in the import file and on the wire.
constexpr std::array<std::string_view, 10> kProgrammeNames = {
    "TIBB4",  "TIBB4 anderstaligen", "SCRABA", "SAB3",  "WIJ3",
    "TWE-wz", "TWE-art60",           "GLOW",   "G-WPL", "G-JC"};

inline std::optional<Programme> parse_programme(std::string_view name) {
    for (std::size_t i = 0; i < kProgrammeNames.size(); ++i) {
        if (kProgrammeNames[i] == name) return static_cast<Programme>(i);
    }
    return std::nullopt;
}

inline std::string_view programme_name(Programme p) {
    return kProgrammeNames[static_cast<std::size_t>(p)];
}

}  // namespace onthaal::domain
