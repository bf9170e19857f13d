#!/usr/bin/env bash
# Runs one libFuzzer binary for SECONDS over a fresh copy of its seed corpus, so the
# checked-in corpus is never modified. A crash leaves its input in ARTIFACT_DIR as
# <parser>-crash-<sha1> and makes this script exit non-zero.
#   run_fuzzer.sh FUZZER CORPUS_DIR WORK_DIR ARTIFACT_DIR SECONDS
set -euo pipefail
if [ $# -ne 5 ]; then
  echo "usage: $0 FUZZER CORPUS_DIR WORK_DIR ARTIFACT_DIR SECONDS" >&2
  exit 2
fi
fuzzer=$1 corpus=$2 work=$3 artifacts=$4 seconds=$5
name=$(basename "$fuzzer")
name=${name%_fuzz}

rm -rf "$work"
mkdir -p "$work/corpus" "$artifacts"
if [ -d "$corpus" ]; then
  cp -r "$corpus"/. "$work/corpus/"
fi

# UBSan reports are recoverable in the fuzz build's objects; make each one a crash.
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-halt_on_error=1:print_stacktrace=1}
export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1}

echo "fuzz $name: ${seconds}s over $(find "$work/corpus" -type f | wc -l) seed inputs"
status=0
"$fuzzer" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -print_final_stats=1 \
  -artifact_prefix="$artifacts/$name-" "$work/corpus" >"$work/log" 2>&1 || status=$?
grep -E '^(stat::|#[0-9]+ +DONE|Done [0-9]+ runs)' "$work/log" || true
if [ $status -ne 0 ]; then
  echo "fuzz $name: FAILED (exit $status); log: $work/log" >&2
  grep -E -A40 '^==[0-9]+== ?ERROR|runtime error|deadly signal' "$work/log" | head -60 >&2 || true
  ls -1 "$artifacts"/"$name"-* 2>/dev/null >&2 || true
  exit 1
fi
echo "fuzz $name: ok"
