// Runs the text-to-speech program (Debian's espeak-ng) for one phrase and collects the WAV it
// writes to stdout, within a deadline and a size limit, so a hung or runaway program can never
// hold a kiosk's answer or the agent's memory. The program is started directly (posix_spawnp,
// no shell): the text is one argument and is never interpreted.
//
// Ownership: nothing kept between calls. Thread: any thread, but run_speech_program blocks for up
// to the deadline, so the agent calls it on the speech worker only (kiosk_speech.hpp), never on
// the I/O thread. Failure: a result with `audio` empty and `why` saying what went wrong (not
// found, timed out, too large, exit status, not a WAV); never throws but std::bad_alloc.
#pragma once

#include <chrono>
#include <cstddef>
#include <string>
#include <vector>

namespace onthaal::http {

struct SpeechLimits {
    std::chrono::milliseconds timeout{5000};
    std::size_t max_bytes = 2 * 1024 * 1024;  // a 5 s phrase is about 220 kB
};

struct SpeechOutput {
    std::string audio;  // a RIFF/WAV file when it worked
    std::string why;    // empty when it worked
};

// Runs `program` (a name looked up in PATH, or a path) with `args`, stdin and stderr on
// /dev/null; the child is killed when it passes the deadline or the size limit.
SpeechOutput run_speech_program(const std::string& program, const std::vector<std::string>& args,
                                SpeechLimits limits);

// Whether `program` names an executable file (a path, or a name found in PATH).
bool speech_program_available(const std::string& program);

}  // namespace onthaal::http
