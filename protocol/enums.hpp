// The states and kinds that cross the wire, as types: attendance kinds, appointment kinds, change
// operations, push result statuses and sync states. Text is parsed into them only at the edges
// (JSON, SQLite rows); the rest of the code compares enums. Device roles are domain::DeviceRole.
//
// Pure: no I/O. Parsing returns std::nullopt for unknown text, so each caller names its own field
// in the error it reports. Thread-safe (constant tables).
#pragma once

#include <array>
#include <optional>
#include <string_view>
#include <utility>

namespace onthaal::protocol {

// A fact about an appointment: the kiosk's arrival, or the outcome the desk records (002 §2.1.1).
enum class AttendanceKind { checked_in, present, absent_valid, absent_invalid, rescheduled };
enum class AppointmentKind { first, regular };
enum class ChangeOp { upsert, remove };  // "upsert" / "delete" on the wire
enum class PushStatus { applied, duplicate, conflict, rejected };
enum class SyncState { never_synced, online, offline, device_not_authorised };

// One table per enum: the wire name of each value. Declared here, defined in enums.cpp.
template <class Enum>
struct EnumNames;

template <>
struct EnumNames<AttendanceKind> {
    static const std::array<std::pair<AttendanceKind, std::string_view>, 5> table;
};
template <>
struct EnumNames<AppointmentKind> {
    static const std::array<std::pair<AppointmentKind, std::string_view>, 2> table;
};
template <>
struct EnumNames<ChangeOp> {
    static const std::array<std::pair<ChangeOp, std::string_view>, 2> table;
};
template <>
struct EnumNames<PushStatus> {
    static const std::array<std::pair<PushStatus, std::string_view>, 4> table;
};
template <>
struct EnumNames<SyncState> {
    static const std::array<std::pair<SyncState, std::string_view>, 4> table;
};

template <class Enum>
std::optional<Enum> parse_enum(std::string_view text) {
    for (const auto& [value, name] : EnumNames<Enum>::table)
        if (name == text) return value;
    return std::nullopt;
}

template <class Enum>
std::string_view to_string(Enum value) {
    for (const auto& [candidate, name] : EnumNames<Enum>::table)
        if (candidate == value) return name;
    return EnumNames<Enum>::table.front().second;  // unreachable for a declared value
}

// Outcomes are every attendance kind but the arrival.
constexpr bool is_outcome(AttendanceKind kind) {
    return kind != AttendanceKind::checked_in;
}

}  // namespace onthaal::protocol
