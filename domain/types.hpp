// Small value types shared by every layer: device roles and provinces.
//
// Pure: no I/O. Parsing functions return std::nullopt for unknown text instead of throwing, so each
// caller can name its own field in the error it reports.
#pragma once

#include <optional>
#include <string_view>

namespace onthaal::domain {

// What a device running the agent is used for (DEVELOPERS.md: kiosk, reception desk, field coach).
enum class DeviceRole { kiosk, desk, coach };

std::optional<DeviceRole> parse_device_role(std::string_view text);
std::string_view to_string(DeviceRole role);

// Province of a site; it decides the financing number "regulier DGOB" (DOMAIN.md, seed 000).
enum class Province {
    antwerpen,
    limburg,
    oost_vlaanderen,
    vlaams_brabant,
    west_vlaanderen,
    brussel
};

// Parses the one-letter code A, L, O, V, W or B.
std::optional<Province> parse_province_code(std::string_view code);
std::string_view province_code(Province province);

}  // namespace onthaal::domain
