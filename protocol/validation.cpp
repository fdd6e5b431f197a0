#include "protocol/validation.hpp"

#include <cstdint>

#include "domain/time_text.hpp"

namespace onthaal::protocol {
namespace {

std::string describe(const std::string& entity, const std::string& id, const std::string& field,
                     const std::string& problem) {
    std::string text = entity;
    if (!id.empty()) text += " '" + id + "'";
    if (!field.empty()) text += ": field '" + field + "'";
    return text + ": " + problem;
}

}  // namespace

ValidationError::ValidationError(std::string entity, std::string id, std::string field,
                                 std::string problem)
    : std::runtime_error(describe(entity, id, field, problem)),
      entity_(std::move(entity)),
      id_(std::move(id)),
      field_(std::move(field)),
      problem_(std::move(problem)) {}

FieldReader::FieldReader(const nlohmann::json& object, std::string entity, std::string id)
    : object_(object), entity_(std::move(entity)), id_(std::move(id)) {
    // An id from the wire is cut before it goes into any message.
    if (id_.size() > 100) id_ = id_.substr(0, 100) + "...";
    if (!object_.is_object()) throw ValidationError(entity_, id_, "", "must be a JSON object");
}

void FieldReader::fail(const char* field, const std::string& problem) const {
    throw ValidationError(entity_, id_, field, problem);
}

bool FieldReader::absent(const char* field) const {
    const auto it = object_.find(field);
    return it == object_.end() || it->is_null();
}

const nlohmann::json& FieldReader::get(const char* field) const {
    const auto it = object_.find(field);
    if (it == object_.end() || it->is_null()) fail(field, "is required");
    return *it;
}

std::string FieldReader::text(const char* field, std::size_t max_length) const {
    const nlohmann::json& value = get(field);
    if (!value.is_string()) fail(field, "must be a string");
    const auto& s = value.get_ref<const std::string&>();
    if (s.empty()) fail(field, "must not be empty");
    if (s.size() > max_length)
        fail(field, "is longer than " + std::to_string(max_length) + " bytes");
    return s;
}

std::string FieldReader::text_or_empty(const char* field, std::size_t max_length) const {
    if (absent(field)) return "";
    const nlohmann::json& value = get(field);
    if (!value.is_string()) fail(field, "must be a string");
    const auto& s = value.get_ref<const std::string&>();
    if (s.size() > max_length)
        fail(field, "is longer than " + std::to_string(max_length) + " bytes");
    return s;
}

std::optional<std::string> FieldReader::optional_text(const char* field,
                                                      std::size_t max_length) const {
    if (absent(field)) return std::nullopt;
    return text(field, max_length);
}

std::int64_t FieldReader::integer(const char* field, std::int64_t min, std::int64_t max) const {
    const nlohmann::json& value = get(field);
    // nlohmann keeps integers that fit 64 bits as integers; anything else (1e999, 2^70, 1.5) is
    // refused here without being printed.
    if (!value.is_number_integer()) fail(field, "must be a whole number");
    if (value.is_number_unsigned() &&
        value.get<std::uint64_t>() > static_cast<std::uint64_t>(INT64_MAX))
        fail(field, "is out of range");
    const std::int64_t n = value.get<std::int64_t>();
    if (n < min || n > max)
        fail(field, "must be between " + std::to_string(min) + " and " + std::to_string(max));
    return n;
}

std::optional<std::int64_t> FieldReader::optional_integer(const char* field, std::int64_t min,
                                                          std::int64_t max) const {
    if (absent(field)) return std::nullopt;
    return integer(field, min, max);
}

bool FieldReader::boolean(const char* field) const {
    const nlohmann::json& value = get(field);
    if (!value.is_boolean()) fail(field, "must be true or false");
    return value.get<bool>();
}

bool FieldReader::boolean_or(const char* field, bool fallback) const {
    return absent(field) ? fallback : boolean(field);
}

std::string FieldReader::date(const char* field) const {
    const std::string text_value = text(field, 10);
    const auto parsed = domain::parse_date(text_value);
    if (!parsed || text_value.size() != 10) fail(field, "must be a date YYYY-MM-DD");
    return text_value;
}

std::optional<std::string> FieldReader::optional_date(const char* field) const {
    if (absent(field)) return std::nullopt;
    return date(field);
}

double FieldReader::number_or(const char* field, double min, double max, double fallback) const {
    if (absent(field)) return fallback;
    const nlohmann::json& value = get(field);
    if (!value.is_number()) fail(field, "must be a number");
    const double n = value.get<double>();
    if (!(n >= min && n <= max))  // NaN fails too
        fail(field, "must be between " + std::to_string(static_cast<long long>(min)) + " and " +
                        std::to_string(static_cast<long long>(max)));
    return n;
}

std::string FieldReader::instant(const char* field) const {
    const auto parsed = domain::parse_instant(text(field, 40));
    if (!parsed) fail(field, "must be an ISO 8601 instant with an offset");
    return domain::format_instant(*parsed);
}

bool is_queue_number(std::string_view text) {
    std::size_t letters = 0;
    while (letters < text.size() && text[letters] >= 'A' && text[letters] <= 'Z') ++letters;
    const std::size_t digits = text.size() - letters;
    if (letters > 2 || digits < 1 || digits > 4) return false;
    for (char c : text.substr(letters))
        if (c < '0' || c > '9') return false;
    return true;
}

bool is_queue_letter(std::string_view text) {
    if (text.empty() || text.size() > 2) return false;
    for (char c : text)
        if (c < 'A' || c > 'Z') return false;
    return true;
}

std::optional<std::string> read_queue_number(const FieldReader& r, AttendanceKind kind) {
    auto number = r.optional_text("queue_number", 6);
    if (!number) return std::nullopt;
    if (kind != AttendanceKind::checked_in) r.fail("queue_number", "belongs to a check-in only");
    if (!is_queue_number(*number))
        r.fail("queue_number", "must be up to 2 capital letters and 1 to 4 digits");
    return number;
}

}  // namespace onthaal::protocol
