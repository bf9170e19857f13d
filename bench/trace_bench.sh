#!/usr/bin/env bash
# netlens trace against strace on the same program in the same run. The program is
# tests/programs/bench_load (built with the tests) in three modes:
#   udp N     N sendto + recvfrom pairs on loopback: calls both tracers stop on
#   getpid N  N getpid calls: calls nobody asked for (netlens's seccomp filter lets them
#             run untouched; strace without --seccomp-bpf stops on each)
#   tcp N     N loopback connections: new sockets, each resolved to its addresses
# Each case is timed bare, under `netlens trace -f`, under `strace -f -yy -e
# trace=network` and under the same with --seccomp-bpf (medians of RUNS). Reported:
#   cost per call = (traced - bare) / calls, and netlens's cost / strace's cost;
#   for getpid, netlens / bare (the untraced overhead);
#   for tcp, the resolution cost per new socket = (netlens -e trace=network - the same with
#   --no-resolve) / sockets: with that set --no-resolve looks at no socket at all, so the
#   difference is every resolution (pidfd_getfd, getsockname, options) and its printing;
#   and the same cost measured in-process by build/release/bench/netlens_resolve_bench
#   (a connection = a fresh socket() and two full resolutions, connect and accept, over its
#   two sockets), which a busy machine disturbs less.
# Appends rows to docs/benchmarks.md. Traffic stays on loopback.
#
#   bench/trace_bench.sh [NETLENS] [BENCH_LOAD]
#   RUNS=3 UDP=20000 GETPID=2000000 TCP=2000 bench/trace_bench.sh
# strace without --seccomp-bpf stops on every getpid (about 25 µs each here), so that
# column is left out of the getpid case; strace -yy dumps the namespace's sockets to
# resolve each new one (about 5 ms a connection here), so TCP defaults to 2000.
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
netlens=${1:-$root/build/release/src/netlens}
load=${2:-$root/build/release/tests/programs/bench_load}
resolve_bench=${RESOLVE_BENCH:-$root/build/release/bench/netlens_resolve_bench}
runs=${RUNS:-3}
udp=${UDP:-20000}
getpid=${GETPID:-2000000}
tcp=${TCP:-2000}
results=${BENCH_RESULTS:-$root/docs/benchmarks.md}
source "$root/bench/lib.sh"

for tool in "$netlens" "$load" "$resolve_bench"; do
  [ -x "$tool" ] || { echo "trace_bench: $tool is missing (make build)" >&2; exit 1; }
done
command -v strace >/dev/null || { echo "trace_bench: strace is not installed" >&2; exit 77; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# median_ms CMD...: median wall time of RUNS runs, in ms (output discarded).
median_ms() {
  local r start end
  for ((r = 0; r < runs; r++)); do
    start=$(date +%s%N)
    "$@" >/dev/null 2>"$work/stderr" || { echo "trace_bench: failed: $* ($(head -c 300 "$work/stderr"))" >&2; exit 1; }
    end=$(date +%s%N)
    echo $(((end - start) / 1000))
  done | sort -n | awk '{ v[NR] = $1 } END { m = (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2; printf "%.2f\n", m / 1000 }'
}

per_call_us() { awk -v t="$1" -v b="$2" -v n="$3" 'BEGIN { printf "%.2f\n", (t - b) * 1000 / n }'; }

heading="trace: \`netlens trace -f\` vs strace on the same program"
description="tests/programs/bench_load: udp = sendto+recvfrom pairs (traced calls), getpid = calls no trace asks for, tcp = new loopback connections. Times are medians in ms; cost per call = (traced - bare) / calls in µs; cost ratio = netlens cost / strace cost (below 1: netlens is cheaper); untraced = netlens / bare; resolution = (netlens -e trace=network - the same with --no-resolve, which then looks at no socket) / new sockets in µs; in-process = the same cost from bench/netlens_resolve_bench (a fresh socket() plus two full resolutions per connection of two sockets), medians of 3."
header="| date | commit | kernel | case | calls | runs | bare ms | netlens ms | strace ms | strace seccomp ms | netlens µs/call | strace µs/call | cost ratio | untraced netlens/bare | resolution µs/socket | in-process µs/socket |"
date=$(date -u +%Y-%m-%dT%H:%MZ)
commit=$(git -C "$root" rev-parse --short HEAD 2>/dev/null || echo -)
kernel=$(uname -r)

for case in udp getpid tcp; do
  count=${!case}
  case $case in
    udp) calls=$((2 * count)) ;;      # sendto + recvfrom
    getpid) calls=$count ;;
    tcp) calls=$((5 * count)) ;;      # socket, connect, accept, close, close
  esac
  bare=$(median_ms "$load" "$case" "$count")
  ours=$(median_ms "$netlens" trace -f -o /dev/null -- "$load" "$case" "$count")
  theirs="-"
  [ "$case" = getpid ] || theirs=$(median_ms strace -f -yy -e trace=network -o /dev/null -- "$load" "$case" "$count")
  theirs_seccomp=$(median_ms strace -f --seccomp-bpf -yy -e trace=network -o /dev/null -- "$load" "$case" "$count")
  ours_cost=$(per_call_us "$ours" "$bare" "$calls")
  theirs_cost="-"
  ratio="-"
  if [ "$theirs" != "-" ]; then
    theirs_cost=$(per_call_us "$theirs" "$bare" "$calls")
    ratio=$(bench_ratio "$ours_cost" "$theirs_cost")
  fi
  untraced=$(bench_ratio "$ours" "$bare")
  resolution="-"
  in_process="-"
  if [ "$case" = tcp ]; then
    in_process=$("$resolve_bench" --benchmark_format=json --benchmark_repetitions=3 --benchmark_report_aggregates_only=true 2>/dev/null |
      python3 -c 'import json, sys
times = {b["run_name"]: b["real_time"] for b in json.load(sys.stdin)["benchmarks"] if b.get("aggregate_name") == "median"}
print("%.2f" % ((times["FreshSocket"] + 2 * times["ConnectedTcpSocket"]) / 2 / 1000))')
    resolved=$(median_ms "$netlens" trace -f -e trace=network -o /dev/null -- "$load" "$case" "$count")
    plain=$(median_ms "$netlens" trace -f -e trace=network --no-resolve -o /dev/null -- "$load" "$case" "$count")
    resolution=$(per_call_us "$resolved" "$plain" $((2 * count)))
  fi
  printf '%-7s calls %8s  bare %9s ms  netlens %9s ms  strace %9s ms  strace seccomp %9s ms  µs/call %7s vs %7s  cost ratio %5s  netlens/bare %5s  resolution (wall, in-process) %s µs\n' \
    "$case" "$calls" "$bare" "$ours" "$theirs" "$theirs_seccomp" "$ours_cost" "$theirs_cost" "$ratio" "$untraced" "$resolution $in_process"
  BENCH_RESULTS=$results bench_append "$heading" "$description" "$header" \
    "| $date | $commit | $kernel | $case | $calls | $runs | $bare | $ours | $theirs | $theirs_seccomp | $ours_cost | $theirs_cost | $ratio | $untraced | $resolution | $in_process |"
done
