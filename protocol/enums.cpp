#include "protocol/enums.hpp"

namespace onthaal::protocol {

const std::array<std::pair<AttendanceKind, std::string_view>, 5> EnumNames<AttendanceKind>::table{{
    {AttendanceKind::checked_in, "checked_in"},
    {AttendanceKind::present, "present"},
    {AttendanceKind::absent_valid, "absent_valid"},
    {AttendanceKind::absent_invalid, "absent_invalid"},
    {AttendanceKind::rescheduled, "rescheduled"},
}};

const std::array<std::pair<AppointmentKind, std::string_view>, 2> EnumNames<AppointmentKind>::table{
    {{AppointmentKind::first, "first"}, {AppointmentKind::regular, "regular"}}};

const std::array<std::pair<ChangeOp, std::string_view>, 2> EnumNames<ChangeOp>::table{
    {{ChangeOp::upsert, "upsert"}, {ChangeOp::remove, "delete"}}};

const std::array<std::pair<PushStatus, std::string_view>, 4> EnumNames<PushStatus>::table{{
    {PushStatus::applied, "applied"},
    {PushStatus::duplicate, "duplicate"},
    {PushStatus::conflict, "conflict"},
    {PushStatus::rejected, "rejected"},
}};

const std::array<std::pair<SyncState, std::string_view>, 4> EnumNames<SyncState>::table{{
    {SyncState::never_synced, "never_synced"},
    {SyncState::online, "online"},
    {SyncState::offline, "offline"},
    {SyncState::device_not_authorised, "device_not_authorised"},
}};

}  // namespace onthaal::protocol
