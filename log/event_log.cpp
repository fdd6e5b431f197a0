#include "log/event_log.hpp"

#include <poll.h>
#include <unistd.h>

#include <atomic>
#include <cstdint>
#include <mutex>

namespace onthaal::log {
namespace {

std::atomic<int> g_min_level{static_cast<int>(Level::info)};
std::mutex g_write_mutex;
std::uint64_t g_dropped = 0;  // guarded by g_write_mutex

// A stalled log reader (a full pipe nobody drains) must never stall the kiosk: wait briefly for
// stderr to take the line, else drop it and say so in the next line that gets through.
bool stderr_writable() {
    pollfd p{STDERR_FILENO, POLLOUT, 0};
    return poll(&p, 1, 50) == 1 && (p.revents & POLLOUT);
}

void write_all(const std::string& line) {
    const char* data = line.data();
    size_t left = line.size();
    while (left > 0) {
        ssize_t n = ::write(STDERR_FILENO, data, left);
        if (n <= 0) return;
        data += n;
        left -= static_cast<size_t>(n);
    }
}

const char* level_name(Level level) {
    switch (level) {
        case Level::debug:
            return "DEBUG";
        case Level::info:
            return "INFO";
        case Level::warn:
            return "WARN";
        case Level::error:
            return "ERROR";
    }
    return "INFO";
}

bool needs_quotes(std::string_view value) {
    if (value.empty()) return true;
    for (char c : value) {
        if (c == ' ' || c == '"' || c == '=' || c == '\\' || static_cast<unsigned char>(c) < 0x20) {
            return true;
        }
    }
    return false;
}

// A value is cut at this many bytes: a log line stays one readable line, and whatever an error
// text quotes (a request's number, a long path) cannot fill the log.
constexpr std::size_t kMaxValueBytes = 300;
constexpr std::size_t kMaxLineBytes = 2000;

void append_value(std::string& line, std::string_view value) {
    const bool cut = value.size() > kMaxValueBytes;
    if (cut) value = value.substr(0, kMaxValueBytes);
    if (!cut && !needs_quotes(value)) {
        line += value;
        return;
    }
    line += '"';
    for (char c : value) {
        // Control characters (a newline in an error text) would split the event over two lines.
        if (c == '"' || c == '\\') {
            line += '\\';
            line += c;
        } else if (static_cast<unsigned char>(c) < 0x20) {
            line += ' ';
        } else {
            line += c;
        }
    }
    if (cut) line += "...(cut)";
    line += '"';
}

}  // namespace

bool parse_level(std::string_view text, Level& out) {
    if (text == "debug")
        out = Level::debug;
    else if (text == "info")
        out = Level::info;
    else if (text == "warn")
        out = Level::warn;
    else if (text == "error")
        out = Level::error;
    else
        return false;
    return true;
}

void set_min_level(Level level) {
    g_min_level.store(static_cast<int>(level));
}

std::string format_line(Level level, std::string_view event, std::initializer_list<Field> fields) {
    std::string line = level_name(level);
    line += ' ';
    line += event;
    for (const auto& [key, value] : fields) {
        line += ' ';
        line += key;
        line += '=';
        append_value(line, value);
        if (line.size() > kMaxLineBytes) {
            line.resize(kMaxLineBytes);
            line += " ...(cut)";
            break;
        }
    }
    line += '\n';
    return line;
}

void write(Level level, std::string_view event, std::initializer_list<Field> fields) {
    if (static_cast<int>(level) < g_min_level.load()) return;
    const std::string line = format_line(level, event, fields);
    std::lock_guard lock(g_write_mutex);
    if (!stderr_writable()) {
        ++g_dropped;
        return;
    }
    if (g_dropped > 0) {
        write_all(format_line(Level::warn, "log.dropped", {{"lines", std::to_string(g_dropped)}}));
        g_dropped = 0;
    }
    // One write() per line so concurrent processes sharing stderr do not interleave mid-line.
    write_all(line);
}

}  // namespace onthaal::log
