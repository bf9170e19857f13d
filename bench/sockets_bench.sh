#!/usr/bin/env bash
# netlens sockets against ss on the same sockets in the same run: a scratch namespace
# with SOCKETS loopback TCP sockets (SOCKETS/2 connections, both ends) held by
# PROCESSES processes (10 servers, the rest clients). Times -tan, -tanp and -tlnp of
# both tools (median of RUNS), peak RSS, ratios; appends rows to docs/benchmarks.md.
# Needs root; the namespace and every process are removed on exit.
#
#   bench/sockets_bench.sh [NETLENS]
#   SOCKETS=100000 PROCESSES=500 RUNS=5 FLAGS="-tan -tanp -tlnp" bench/sockets_bench.sh
#   BENCH_KEEP=1 / BENCH_REUSE_NS=NAME: keep the fixture, time again on it (bench/lib.sh)
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
source "$root/bench/lib.sh"
netlens=${1:-$root/build/release/src/netlens}
sockets=${SOCKETS:-100000}
processes=${PROCESSES:-500}
runs=${RUNS:-5}
servers=10
bench_prepare sockets_bench "$netlens"

# The fixture: servers, then clients, until every connection is accepted.
build_fixture() {
  local port i have want
  connections=$((sockets / 2))
  clients=$((processes - servers))
  per_client=$(((connections + clients - 1) / clients))
  echo "sockets_bench: $connections connections from $clients clients to $servers servers in $BENCH_NS"
  ip netns exec "$BENCH_NS" sysctl -qw net.ipv4.ip_local_port_range="1024 65535"
  ip netns exec "$BENCH_NS" sysctl -qw net.core.somaxconn=4096
  ports=""
  for ((i = 0; i < servers; i++)); do
    port=$((5000 + i))
    ports+="${ports:+,}$port"
    bench_background ip netns exec "$BENCH_NS" python3 "$root/bench/socket_load.py" server "$port" "$BENCH_WORK/server$i"
  done
  bench_wait_files "$BENCH_WORK/server" "$servers" 30
  for ((i = 0; i < clients; i++)); do
    bench_background ip netns exec "$BENCH_NS" python3 "$root/bench/socket_load.py" client "$ports" "$per_client" \
      "$BENCH_WORK/client$i"
  done
  bench_wait_files "$BENCH_WORK/client" "$clients" 600
  # The servers accept in the background; wait until every connection is accepted.
  want=$((clients * per_client * 2))
  for ((i = 0; i < 600; i++)); do
    have=$(ip netns exec "$BENCH_NS" ss -tnH state established | wc -l)
    [ "$have" -ge "$want" ] && break
    sleep 1
  done
}
bench_reusing || build_fixture
have=$(ip netns exec "$BENCH_NS" ss -tnH state established | wc -l)
echo "sockets_bench: $have established sockets, $(ip netns exec "$BENCH_NS" ss -tlnH | wc -l) listeners"

# Both tools must list the same number of sockets before their speed means anything.
ours=$(ip netns exec "$BENCH_NS" "$BENCH_NETLENS" sockets -tanH | wc -l)
theirs=$(ip netns exec "$BENCH_NS" ss -tanH | wc -l)
if [ "$ours" != "$theirs" ]; then
  echo "sockets_bench: socket counts differ: netlens $ours, ss $theirs" >&2
  exit 1
fi

compare() {
  local flags=$1
  local n s nr sr
  n=$(bench_median_ms "$runs" "$BENCH_NETLENS" sockets "$flags")
  s=$(bench_median_ms "$runs" ss "$flags")
  nr=$(bench_peak_rss_kib "$BENCH_NETLENS" sockets "$flags")
  sr=$(bench_peak_rss_kib ss "$flags")
  local ratio
  ratio=$(bench_ratio "$s" "$n")
  printf '%-8s netlens %10s ms  ss %10s ms  ss/netlens %6s  RSS KiB %8s / %8s\n' "$flags" "$n" "$s" "$ratio" "$nr" "$sr"
  bench_append "sockets: \`netlens sockets\` vs \`ss\`" \
    "Loopback TCP sockets in one namespace held by many processes; ratio is ss time / netlens time (above 1: netlens is faster)." \
    "| date | commit | kernel | sockets | processes | flags | runs | netlens ms | ss ms | ss/netlens | netlens RSS KiB | ss RSS KiB |" \
    "| $(date -u +%Y-%m-%dT%H:%MZ) | $(bench_commit) | $(uname -r) | $ours | $processes | $flags | $runs | $n | $s | $ratio | $nr | $sr |"
}
for flags in ${FLAGS:--tan -tanp -tlnp}; do compare "$flags"; done
