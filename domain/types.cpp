#include "domain/types.hpp"

namespace onthaal::domain {

std::optional<DeviceRole> parse_device_role(std::string_view text) {
    if (text == "kiosk") return DeviceRole::kiosk;
    if (text == "desk") return DeviceRole::desk;
    if (text == "coach") return DeviceRole::coach;
    return std::nullopt;
}

std::string_view to_string(DeviceRole role) {
    switch (role) {
        case DeviceRole::kiosk:
            return "kiosk";
        case DeviceRole::desk:
            return "desk";
        case DeviceRole::coach:
            return "coach";
    }
    return "kiosk";
}

std::optional<Province> parse_province_code(std::string_view code) {
    if (code == "A") return Province::antwerpen;
    if (code == "L") return Province::limburg;
    if (code == "O") return Province::oost_vlaanderen;
    if (code == "V") return Province::vlaams_brabant;
    if (code == "W") return Province::west_vlaanderen;
    if (code == "B") return Province::brussel;
    return std::nullopt;
}

std::string_view province_code(Province province) {
    switch (province) {
        case Province::antwerpen:
            return "A";
        case Province::limburg:
            return "L";
        case Province::oost_vlaanderen:
            return "O";
        case Province::vlaams_brabant:
            return "V";
        case Province::west_vlaanderen:
            return "W";
        case Province::brussel:
            return "B";
    }
    return "A";
}

}  // namespace onthaal::domain
