#!/bin/sh
# Runs a test binary, and so every central and agent it starts, on the tests' clock: outside
# 08:00-18:00 Brussels its wall clock is moved by whole hours to 12:00 of the same day (time still
# flows), as tests/browser/clock.mjs does for the browser suite. The integration tests plan
# today's appointments around now; near midnight "now - 5 min" is yesterday and "now + 25 min"
# tomorrow, and the kiosk and the desk rightly treat them so.
# Usage: on_test_clock.sh SHIFT_LIBRARY BINARY [ARGS...] (CTest's test executor, tests/CMakeLists.txt).
# SHIFT_LIBRARY is tests/support/wall_clock_shift.cpp, preloaded; ASan is told it comes first.
lib=$1
shift
hour=$(TZ=Europe/Brussels date +%H)
hour=${hour#0}
if [ "$hour" -ge 8 ] && [ "$hour" -lt 18 ] || [ ! -f "$lib" ]; then exec "$@"; fi
file=$(mktemp "${TMPDIR:-/tmp}/onthaal-test-clock.XXXXXX")
echo $(( (12 - hour) * 3600 )) > "$file"
export TEST_WALL_CLOCK_SHIFT_FILE="$file"
export LD_PRELOAD="$lib${LD_PRELOAD:+:$LD_PRELOAD}"
export ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}verify_asan_link_order=0"
"$@"
rc=$?
rm -f "$file"
exit $rc
