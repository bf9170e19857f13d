#!/usr/bin/env bash
# netlens sockets --all-netns against a loop of ss over every namespace
# (ip -all netns exec ss), in the same run: NAMESPACES namespaces with SOCKETS loopback
# TCP sockets each (listeners and both ends of connections), each namespace's sockets
# held by its own process. Times -tan, -tanp and -s (median of RUNS), peak RSS, ratios
# ip-loop / netlens; appends rows to docs/benchmarks.md.
#
# Both tools must visit the same namespaces, and only these: the script runs in private
# mount, PID and network namespaces, with its own /run/netns. ip -all netns exec walks
# /run/netns (the scratch namespace and the NAMESPACES others); netlens also finds
# namespaces through /proc, where only this script's processes are visible, and the
# script's own network namespace is the scratch one. Needs root; every namespace and
# process is gone on exit, whatever happens (leaving the PID namespace kills them all).
#
#   bench/netns_bench.sh [NETLENS]        NETLENS defaults to build/release/src/netlens
#   NAMESPACES=200 SOCKETS=10 RUNS=10 bench/netns_bench.sh
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
source "$root/bench/lib.sh"
bench_need_root netns_bench
if [ "${NETNS_BENCH_PRIVATE:-0}" != 1 ]; then
  mkdir -p /run/netns
  NETNS_BENCH_PRIVATE=1 unshare --mount --propagation private --pid --fork --mount-proc --net \
    --kill-child=TERM bash "$0" "$@" &
  outer=$!
  # unshare ignores INT and TERM while it waits: pass them on to the script inside.
  trap 'kill -TERM $(cat /proc/$outer/task/$outer/children 2>/dev/null) 2>/dev/null || true' INT TERM
  while true; do
    wait "$outer" && exit 0
    status=$?
    kill -0 "$outer" 2>/dev/null || exit "$status"
  done
fi
mount -t tmpfs netlens-bench /run/netns

namespaces=${NAMESPACES:-200}
sockets=${SOCKETS:-10}
runs=${RUNS:-10}
BENCH_NS_HERE=1 bench_prepare netns_bench "${1:-$root/build/release/src/netlens}"

echo "netns_bench: $namespaces namespaces with $sockets TCP sockets each"
bench_netns_add "$namespaces"
bench_background python3 "$root/bench/socket_load.py" netns "$sockets" "$BENCH_WORK/ready" \
  $(sed 's|^|/run/netns/|' "$BENCH_WORK/netns")
bench_wait_files "$BENCH_WORK/ready" "$namespaces" 60

# Both tools must list the same sockets before their speed means anything.
ours=$(ip netns exec "$BENCH_NS" "$BENCH_NETLENS" sockets -tanH --all-netns | wc -l)
theirs=$(ip netns exec "$BENCH_NS" ip -all netns exec ss -tanH | grep -cv -e '^netns: ' -e '^$')
visited=$(ip netns exec "$BENCH_NS" ip -all netns exec true | grep -c '^netns: ')
visited_ours=$(ip netns exec "$BENCH_NS" "$BENCH_NETLENS" sockets -s --all-netns --ndjson | grep -c '"sockets_used"')
if [ "$ours" != "$theirs" ] || [ "$ours" != $((namespaces * sockets)) ] || [ "$visited" != "$visited_ours" ]; then
  echo "netns_bench: counts differ: sockets: netlens $ours, ip -all netns exec ss $theirs," \
    "expected $((namespaces * sockets)); namespaces: netlens $visited_ours, ip $visited" >&2
  exit 1
fi
echo "netns_bench: $ours sockets in $visited namespaces, $runs runs each"

for flags in -tan -tanp -s; do
  bench_measure "$runs" "sockets $flags --all-netns" "ip -all netns exec ss $flags"
  bench_append "netns: \`netlens sockets --all-netns\` vs \`ip -all netns exec ss\`" \
    "Many namespaces with a few loopback TCP sockets each, each namespace's sockets held by its own process; ip runs ss once per namespace. Ratio is ip-loop time / netlens time (above 1: netlens is faster); the ip loop's RSS is that of its largest process." \
    "| date | commit | kernel | namespaces | sockets | flags | runs | netlens ms | ip loop ms | ip-loop/netlens | netlens RSS KiB | ip loop RSS KiB |" \
    "| $(date -u +%Y-%m-%dT%H:%MZ) | $(bench_commit) | $(uname -r) | $visited | $ours | $flags | $runs | $BENCH_OURS_MS | $BENCH_PEER_MS | $BENCH_RATIO | $BENCH_OURS_RSS | $BENCH_PEER_RSS |"
done
