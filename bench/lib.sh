# Shared by the bench/*_bench.sh scripts: a scratch namespace, background processes and
# a private copy of the binary, all removed on exit; medians, peak RSS, and rows
# appended to the right section of docs/benchmarks.md. Source it, then bench_prepare.

BENCH_ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
BENCH_RESULTS=${BENCH_RESULTS:-$BENCH_ROOT/docs/benchmarks.md}

# bench_prepare NAME NETLENS: checks root and the binary; sets BENCH_NS, BENCH_WORK and
# BENCH_NETLENS (a copy, so a rebuild during the run cannot disturb it).
bench_prepare() {
  BENCH_NAME=$1
  if [ "$(id -u)" -ne 0 ]; then
    echo "$BENCH_NAME: needs root to create a network namespace" >&2
    exit 77
  fi
  if [ ! -x "$2" ]; then
    echo "$BENCH_NAME: no netlens binary at $2 (build it, or pass its path)" >&2
    exit 2
  fi
  BENCH_NS=netlens-bench-$$
  BENCH_WORK=$(mktemp -d)
  cp "$2" "$BENCH_WORK/netlens"
  BENCH_NETLENS=$BENCH_WORK/netlens
  : >"$BENCH_WORK/pids"
  export WORK=$BENCH_WORK  # where bench_median_ms's inner shell keeps stderr
  trap bench_cleanup EXIT
  trap 'exit 130' INT TERM
  ip netns add "$BENCH_NS"
  ip -n "$BENCH_NS" link set lo up
}

bench_cleanup() {
  local pid
  while read -r pid; do kill "$pid" 2>/dev/null || true; done <"$BENCH_WORK/pids"
  for pid in $(ip netns pids "$BENCH_NS" 2>/dev/null); do kill -KILL "$pid" 2>/dev/null || true; done
  ip netns del "$BENCH_NS" 2>/dev/null || true
  rm -rf "$BENCH_WORK"
}

# bench_background CMD...: run CMD in the background; it is killed on exit.
bench_background() {
  "$@" &
  echo $! >>"$BENCH_WORK/pids"
}

# bench_wait_files PREFIX COUNT TIMEOUT_S: wait until PREFIX0 .. PREFIX<COUNT-1> exist.
bench_wait_files() {
  local prefix=$1 count=$2 timeout=$3 i t
  for ((i = 0; i < count; i++)); do
    for ((t = 0; t < timeout * 10; t++)); do
      [ -e "$prefix$i" ] && break
      sleep 0.1
    done
    [ -e "$prefix$i" ] || { echo "$BENCH_NAME: timed out waiting for $prefix$i" >&2; exit 1; }
  done
}

# bench_median_ms RUNS CMD...: median wall time in ms of RUNS runs of CMD inside the
# namespace (one ip-netns-exec for the whole loop, so entering it is not timed). Failed
# runs are reported on stderr and left out.
bench_median_ms() {
  local runs=$1
  shift
  ip netns exec "$BENCH_NS" bash -c '
    runs=$1; shift
    for ((r = 0; r < runs; r++)); do
      start=$(date +%s%N)
      if "$@" >/dev/null 2>"$WORK/stderr"; then
        end=$(date +%s%N)
        echo $(( (end - start) / 1000 ))
      else
        echo "bench: $1 failed on run $r: $(head -c 200 "$WORK/stderr")" >&2
      fi
    done' _ "$runs" "$@" | sort -n | awk '{ v[NR] = $1 } END {
      if (NR == 0) { print "nan"; exit }
      m = (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2
      printf "%.2f\n", m / 1000 }'
}

# bench_peak_rss_kib CMD...: peak RSS in KiB of one run inside the namespace ("-" when
# /usr/bin/time is missing).
bench_peak_rss_kib() {
  if [ ! -x /usr/bin/time ]; then
    echo "-"
    return
  fi
  ip netns exec "$BENCH_NS" /usr/bin/time -v "$@" 2>"$BENCH_WORK/time" >/dev/null
  awk -F': *' '/Maximum resident set size/ { print $2 }' "$BENCH_WORK/time"
}

bench_commit() { git -C "$BENCH_ROOT" rev-parse --short HEAD 2>/dev/null || echo "-"; }

# bench_append HEADING DESCRIPTION TABLE_HEADER ROW: adds ROW to the table under
# "## HEADING" in docs/benchmarks.md, creating the section (and file) when missing.
bench_append() {
  python3 - "$BENCH_RESULTS" "$@" <<'PY'
import os, sys
path, heading, description, header, row = sys.argv[1:6]
title = "## " + heading
lines = open(path).read().split("\n") if os.path.exists(path) else [
    "# Benchmarks", "",
    "Rows are appended by the scripts in bench/ (see bench/README.md); each compares netlens",
    "with the peer tool on the same input in the same run. Times are medians of N runs, in",
    "milliseconds; RSS is the peak resident set of one run. Compare ratios, not absolute",
    "times, across machines.", ""]
if title not in lines:
    while lines and lines[-1] == "":
        lines.pop()
    separator = "| " + " | ".join("---" for _ in header.strip("|").split("|")) + " |"
    lines += ["", title, "", description, "", header, separator]
start = lines.index(title)
end = start + 1
while end < len(lines) and not lines[end].startswith("## "):
    end += 1
last_row = max(i for i in range(start, end) if lines[i].startswith("|"))
lines.insert(last_row + 1, row)
open(path, "w").write("\n".join(lines).rstrip("\n") + "\n")
PY
}
