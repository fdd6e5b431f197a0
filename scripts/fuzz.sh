#!/usr/bin/env bash
# Runs every fuzz target (fuzz/, docs/fuzzing.md) for a bounded time, each starting from its seed
# corpus in fuzz/corpus/<target>/ plus what earlier runs in this build dir found. Fails when any
# target stops on a finding: a crash, a sanitizer report, an undocumented exception, an input that
# runs past the timeout or a memory blow-up. All targets run even when one fails, so one CI run
# shows every finding.
#
# Usage: scripts/fuzz.sh BUILD_DIR [TARGET...]     (every target when none is named)
# FUZZ_SECONDS: seconds per target (default 60).
set -euo pipefail
cd "$(dirname "$0")/.."
build=${1:?usage: scripts/fuzz.sh BUILD_DIR [TARGET...]}
shift
seconds=${FUZZ_SECONDS:-60}
if [ $# -gt 0 ]; then targets=("$@"); else mapfile -t targets < <(ls fuzz/corpus); fi

work="$build/fuzz-work"  # grown corpora, logs and findings; kept between runs, never committed
# The targets' store copies: their own directory, removed at the end even when a target crashed.
tmp=$(mktemp -d /dev/shm/onthaal-fuzz-run.XXXXXX 2>/dev/null || mktemp -d)
trap 'rm -rf "$tmp"' EXIT
export ONTHAAL_FUZZ_TMP="$tmp"
export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1}

failed=()
rows=()
for t in "${targets[@]}"; do
  bin="$build/fuzz/${t}_fuzz"
  [ -x "$bin" ] || { echo "fuzz: no target $bin (build it: make fuzz)" >&2; exit 2; }
  mkdir -p "$work/corpus/$t" "$work/findings/$t"
  dict=fuzz/dict/json.dict timeout=10 max_len=()
  case "$t" in
    # Past the 8 KiB header limit, so a 431 can be reached by sending, not only by announcing.
    http_request) dict=fuzz/dict/http.dict max_len=(-max_len=16384) ;;
    # A password in the file costs an argon2id hash (~0.1 s, by design): a 4 KiB file can hold 60.
    site_import) timeout=30 ;;
  esac
  options=(-max_total_time="$seconds" -rss_limit_mb=2048 -timeout="$timeout" "${max_len[@]}"
           -dict="$dict" -print_final_stats=1 -artifact_prefix="$work/findings/$t/")
  echo "fuzz: $t for ${seconds} s" >&2
  if "$bin" "${options[@]}" "$work/corpus/$t" "fuzz/corpus/$t" > "$work/$t.log" 2>&1; then
    verdict=ok
  else
    verdict=FINDING
    failed+=("$t")
  fi
  runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$work/$t.log")
  rate=$(sed -n 's/^stat::average_exec_per_sec: *//p' "$work/$t.log")
  cov=$( (grep -o 'cov: [0-9]*' "$work/$t.log" || true) | tail -1 | cut -d' ' -f2)
  rows+=("$(printf '%-20s %-8s %10s runs %7s exec/s  cov %s' "$t" "$verdict" "${runs:-?}" \
    "${rate:-?}" "${cov:-?}")")
done

printf '%s\n' "${rows[@]}"
for t in "${failed[@]}"; do
  echo "--- $t: end of $work/$t.log (the input is in $work/findings/$t/)"
  (grep -v -E '^#[0-9]+\s+(NEW|REDUCE|pulse)' "$work/$t.log" || true) | tail -40
done
[ ${#failed[@]} -eq 0 ] || { echo "fuzz: findings in ${failed[*]} (docs/fuzzing.md: what to do)"; exit 1; }
