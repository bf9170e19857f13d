# Shared by the bench/*_bench.sh scripts: a scratch namespace, background processes and
# a private copy of the binary, all removed on exit; medians, peak RSS, and rows
# appended to the right section of docs/benchmarks.md. Source it, then bench_prepare.

BENCH_ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
BENCH_RESULTS=${BENCH_RESULTS:-$BENCH_ROOT/docs/benchmarks.md}

# bench_need_root NAME: exits 77 (skip) unless running as root.
bench_need_root() {
  if [ "$(id -u)" -ne 0 ]; then
    echo "$1: needs root to create a network namespace" >&2
    exit 77
  fi
}

# bench_prepare NAME NETLENS: checks root and the binary; sets BENCH_NS, BENCH_WORK and
# BENCH_NETLENS (a copy, so a rebuild during the run cannot disturb it). With
# BENCH_NS_HERE=1 the scratch namespace is the one the script already runs in (named
# with `ip netns attach`) instead of a new one.
# While iterating on one fixture: BENCH_KEEP=1 leaves the scratch namespace and its
# processes running at exit (the script prints its name), and BENCH_REUSE_NS=NAME times
# against such a namespace instead of building one (the script skips building its
# fixture and leaves NAME alone at exit). Neither appends rows to docs/benchmarks.md:
# only the default, full and self-cleaning run does.
bench_prepare() {
  BENCH_NAME=$1
  bench_need_root "$BENCH_NAME"
  if [ ! -x "$2" ]; then
    echo "$BENCH_NAME: no netlens binary at $2 (build it, or pass its path)" >&2
    exit 2
  fi
  BENCH_NS=${BENCH_REUSE_NS:-netlens-bench-$$}
  BENCH_WORK=$(mktemp -d)
  cp "$2" "$BENCH_WORK/netlens"
  BENCH_NETLENS=$BENCH_WORK/netlens
  : >"$BENCH_WORK/pids"
  : >"$BENCH_WORK/netns"
  export WORK=$BENCH_WORK  # where bench_median_ms's inner shell keeps stderr
  trap bench_cleanup EXIT
  trap 'exit 130' INT TERM
  if bench_reusing; then
    return
  elif [ "${BENCH_NS_HERE:-0}" = 1 ]; then
    ip netns attach "$BENCH_NS" $$
  else
    ip netns add "$BENCH_NS"
  fi
  ip -n "$BENCH_NS" link set lo up
}

# bench_reusing: true when timing against an existing fixture (BENCH_REUSE_NS).
bench_reusing() { [ -n "${BENCH_REUSE_NS:-}" ]; }

bench_cleanup() {
  local pid ns
  if bench_reusing || [ "${BENCH_KEEP:-0}" = 1 ]; then
    bench_reusing || echo "$BENCH_NAME: fixture kept: BENCH_REUSE_NS=$BENCH_NS; remove it with" \
      "kill \$(ip netns pids $BENCH_NS); ip netns del $BENCH_NS" >&2
    rm -rf "$BENCH_WORK"
    return
  fi
  while read -r pid; do kill "$pid" 2>/dev/null || true; done <"$BENCH_WORK/pids"
  for ns in "$BENCH_NS" $(cat "$BENCH_WORK/netns"); do
    for pid in $(ip netns pids "$ns" 2>/dev/null); do
      [ "$pid" = $$ ] || kill -KILL "$pid" 2>/dev/null || true
    done
    ip netns del "$ns" 2>/dev/null || true
  done
  rm -rf "$BENCH_WORK"
}

# bench_netns_add COUNT: COUNT more namespaces, $BENCH_NS-0 .. $BENCH_NS-<COUNT-1>, with
# lo up; deleted on exit with the scratch namespace.
bench_netns_add() {
  local count=$1 i
  for ((i = 0; i < count; i++)); do
    echo "$BENCH_NS-$i" >>"$BENCH_WORK/netns"
    ip netns add "$BENCH_NS-$i"
    ip -n "$BENCH_NS-$i" link set lo up
  done
}

# bench_veth_pairs COUNT: COUNT veth pairs bv<i>a/bv<i>b, both ends up inside the
# scratch namespace (one ip -batch).
bench_veth_pairs() {
  local pairs=$1 i
  {
    for ((i = 0; i < pairs; i++)); do echo "link add bv${i}a type veth peer name bv${i}b"; done
    for ((i = 0; i < pairs; i++)); do echo "link set bv${i}a up"; echo "link set bv${i}b up"; done
  } >"$BENCH_WORK/veth.batch"
  ip -n "$BENCH_NS" -batch "$BENCH_WORK/veth.batch"
}

# bench_wait_dad: waits (up to 15 s) until no IPv6 address in the scratch namespace is
# tentative. While hundreds of link-local addresses change state, address dumps are
# interrupted (NLM_F_DUMP_INTR) and timings are noise.
bench_wait_dad() {
  local i
  for ((i = 0; i < 150; i++)); do
    [ -z "$(ip -n "$BENCH_NS" -6 addr show tentative)" ] && return
    sleep 0.1
  done
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

# bench_measure RUNS "NETLENS ARGS" "PEER COMMAND": median ms and peak RSS of both, in
# that order, and the ratio peer/netlens (above 1: netlens is faster). Sets BENCH_OURS_MS,
# BENCH_PEER_MS, BENCH_OURS_RSS, BENCH_PEER_RSS and BENCH_RATIO. Arguments are split at
# spaces. For a peer that runs other programs (ip -all netns exec), the RSS is that of
# the largest process.
bench_measure() {
  local runs=$1
  local -a ours peer
  read -r -a ours <<<"$2"
  read -r -a peer <<<"$3"
  BENCH_OURS_MS=$(bench_median_ms "$runs" "$BENCH_NETLENS" "${ours[@]}")
  BENCH_PEER_MS=$(bench_median_ms "$runs" "${peer[@]}")
  BENCH_OURS_RSS=$(bench_peak_rss_kib "$BENCH_NETLENS" "${ours[@]}")
  BENCH_PEER_RSS=$(bench_peak_rss_kib "${peer[@]}")
  BENCH_RATIO=$(bench_ratio "$BENCH_PEER_MS" "$BENCH_OURS_MS")
  printf '%-34s %10s ms %9s KiB | %-34s %10s ms %9s KiB | peer/netlens %6s\n' "netlens $2" "$BENCH_OURS_MS" \
    "$BENCH_OURS_RSS" "$3" "$BENCH_PEER_MS" "$BENCH_PEER_RSS" "$BENCH_RATIO"
}

# bench_ratio A B: A / B with two decimals.
bench_ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (b == 0) print "nan"; else printf "%.2f\n", a / b }'; }

bench_commit() { git -C "$BENCH_ROOT" rev-parse --short HEAD 2>/dev/null || echo "-"; }

# bench_append HEADING DESCRIPTION TABLE_HEADER ROW: adds ROW to the table under
# "## HEADING" in docs/benchmarks.md, creating the section (and file) when missing.
bench_append() {
  if bench_reusing || [ "${BENCH_KEEP:-0}" = 1 ]; then return; fi  # only full runs are recorded
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
