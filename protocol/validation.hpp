// Reading a synced record or mutation out of JSON with errors that name the entity, the record's
// id and the field at fault ("appointment 'ap-1': field 'starts_at': must be an ISO 8601 instant
// with an offset"). Every from_json in protocol/ reads through a FieldReader, so agent and central
// refuse the same things with the same words.
//
// Pure: no I/O. Thread: any (a reader borrows its JSON object; the object must outlive it).
// Failure: ValidationError. A value is never echoed whole in a message (a national number or a
// 5,000-digit number must not reach a log): at most its type is named.
#pragma once

#include <nlohmann/json.hpp>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>

#include "protocol/enums.hpp"

namespace onthaal::protocol {

class ValidationError : public std::runtime_error {
  public:
    ValidationError(std::string entity, std::string id, std::string field, std::string problem);
    const std::string& entity() const { return entity_; }
    const std::string& id() const { return id_; }
    const std::string& field() const { return field_; }
    const std::string& problem() const { return problem_; }

  private:
    std::string entity_, id_, field_, problem_;
};

class FieldReader {
  public:
    // Throws ValidationError (field "") when `object` is not a JSON object.
    FieldReader(const nlohmann::json& object, std::string entity, std::string id);

    // A required string of 1..max_length bytes.
    std::string text(const char* field, std::size_t max_length = 200) const;
    // A string of 0..max_length bytes; "" when absent or null.
    std::string text_or_empty(const char* field, std::size_t max_length = 200) const;
    // Absent or null -> nullopt; otherwise a string of 1..max_length bytes.
    std::optional<std::string> optional_text(const char* field, std::size_t max_length = 200) const;
    std::int64_t integer(const char* field, std::int64_t min, std::int64_t max) const;
    std::optional<std::int64_t> optional_integer(const char* field, std::int64_t min,
                                                 std::int64_t max) const;
    bool boolean(const char* field) const;
    bool boolean_or(const char* field, bool fallback) const;
    // An ISO 8601 instant with an offset, returned normalised to UTC text ("...Z").
    std::string instant(const char* field) const;
    // A calendar date "YYYY-MM-DD" (a real day); absent or null -> nullopt for optional_date.
    std::string date(const char* field) const;
    std::optional<std::string> optional_date(const char* field) const;
    // A finite number (whole or not) in [min, max]; absent or null -> `fallback`.
    double number_or(const char* field, double min, double max, double fallback) const;

    template <class Enum>
    Enum enumeration(const char* field) const {
        const auto value = parse_enum<Enum>(text(field, 40));
        if (!value) fail(field, "has an unknown value");
        return *value;
    }
    template <class Enum>
    std::optional<Enum> optional_enumeration(const char* field) const {
        if (absent(field)) return std::nullopt;
        return enumeration<Enum>(field);
    }

    bool absent(const char* field) const;
    [[noreturn]] void fail(const char* field, const std::string& problem) const;

  private:
    const nlohmann::json& get(const char* field) const;  // fails when absent
    const nlohmann::json& object_;
    std::string entity_, id_;
};

// A queue number as a kiosk shows it (issue 15, item 3): 0 to 2 capital letters, then 1 to 4
// digits ("12", "B7").
bool is_queue_number(std::string_view text);
// The letters before a device's queue numbers: 1 or 2 capital letters ("A", "AB").
bool is_queue_letter(std::string_view text);
// `queue_number` of an attendance fact: nullopt when absent; only a check-in carries one. Throws
// ValidationError (field "queue_number") when it is malformed or on another kind of fact.
std::optional<std::string> read_queue_number(const FieldReader& r, AttendanceKind kind);

}  // namespace onthaal::protocol
