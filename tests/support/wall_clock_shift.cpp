// A test-only LD_PRELOAD library that moves one process's wall clock: CLOCK_REALTIME as
// clock_gettime, gettimeofday and time() report it (std::chrono::system_clock, SQLite's 'now')
// reads the whole seconds written in the file named by TEST_WALL_CLOCK_SHIFT_FILE (not ONTHAAL_*:
// the agent takes those for settings), read afresh
// at most every 10 ms, so a test makes the clock jump by days while the process runs.
//
// The steady clock (CLOCK_MONOTONIC) and the kernel's own timers are left alone. A wait that is
// measured on the wall clock therefore goes wrong under a shift exactly as after a real jump: its
// deadline, taken from the shifted clock, is days away for the kernel (tests/sync/
// clock_jump_test.cpp). Thread-safe: the shift is one atomic; a racing re-read reads the same
// file. Failure: an unreadable or empty file means no shift.
#include <dlfcn.h>
#include <sys/time.h>
#include <time.h>

#include <atomic>
#include <cstdio>
#include <cstdlib>

namespace {

using ClockGettime = int (*)(clockid_t, timespec*);

ClockGettime real_clock_gettime() {
    static const auto real = reinterpret_cast<ClockGettime>(dlsym(RTLD_NEXT, "clock_gettime"));
    return real;
}

std::atomic<long> shift_seconds{0};
std::atomic<long> next_read_ns{0};

long read_shift() {
    const char* path = std::getenv("TEST_WALL_CLOCK_SHIFT_FILE");
    if (!path) return 0;
    std::FILE* f = std::fopen(path, "r");
    if (!f) return 0;
    long value = 0;
    if (std::fscanf(f, "%ld", &value) != 1) value = 0;
    std::fclose(f);
    return value;
}

long shift() {
    timespec now{};
    real_clock_gettime()(CLOCK_MONOTONIC, &now);
    const long ns = now.tv_sec * 1000000000L + now.tv_nsec;
    if (ns >= next_read_ns.load(std::memory_order_relaxed)) {
        shift_seconds.store(read_shift(), std::memory_order_relaxed);
        next_read_ns.store(ns + 10000000L, std::memory_order_relaxed);
    }
    return shift_seconds.load(std::memory_order_relaxed);
}

}  // namespace

extern "C" {

int clock_gettime(clockid_t id, timespec* ts) noexcept {
    const int r = real_clock_gettime()(id, ts);
    if (r == 0 && (id == CLOCK_REALTIME || id == CLOCK_REALTIME_COARSE)) ts->tv_sec += shift();
    return r;
}

int gettimeofday(timeval* tv, void* tz) noexcept {
    timespec ts{};
    const int r = clock_gettime(CLOCK_REALTIME, &ts);
    if (tz) static_cast<struct timezone*>(tz)->tz_minuteswest = 0;
    if (r == 0) *tv = {ts.tv_sec, ts.tv_nsec / 1000};  // glibc declares tv non-null
    return r;
}

time_t time(time_t* out) noexcept {
    timespec ts{};
    clock_gettime(CLOCK_REALTIME, &ts);
    if (out) *out = ts.tv_sec;
    return ts.tv_sec;
}

}  // extern "C"
