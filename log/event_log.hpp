// Structured event log: one line per event on stderr, "LEVEL event key=value ...".
//
// Why: the agent runs under systemd; journald keeps stderr lines as-is, and one line per event
// with stable event names can be grepped and counted. Callers pass only non-personal fields
// (ids, counts, states, error texts from our own code); never a name or a national number.
//
// Thread safety: every function may be called from any thread; lines are written whole.
// Failure: writing never throws; a failed write to stderr is ignored.
#pragma once

#include <initializer_list>
#include <string>
#include <string_view>
#include <utility>

namespace onthaal::log {

enum class Level { debug = 0, info = 1, warn = 2, error = 3 };

// Parses "debug", "info", "warn" or "error"; returns false for anything else.
bool parse_level(std::string_view text, Level& out);

// Events below this level are dropped. Default: info.
void set_min_level(Level level);

using Field = std::pair<std::string_view, std::string>;

// Writes "LEVEL event k=v k=v" to stderr. Values containing spaces or quotes are quoted.
void write(Level level, std::string_view event, std::initializer_list<Field> fields = {});

inline void debug(std::string_view e, std::initializer_list<Field> f = {}) {
    write(Level::debug, e, f);
}
inline void info(std::string_view e, std::initializer_list<Field> f = {}) {
    write(Level::info, e, f);
}
inline void warn(std::string_view e, std::initializer_list<Field> f = {}) {
    write(Level::warn, e, f);
}
inline void error(std::string_view e, std::initializer_list<Field> f = {}) {
    write(Level::error, e, f);
}

// Formats one line without writing it (used by write and by tests).
std::string format_line(Level level, std::string_view event, std::initializer_list<Field> fields);

}  // namespace onthaal::log
