#!/usr/bin/env bash
# netlens iface --json against ip -j -s link on the same namespace in the same run:
# PAIRS veth pairs (both ends inside one scratch namespace), RUNS timed runs of each,
# median wall time, peak RSS and the ratio, appended to docs/benchmarks.md. Needs root;
# the namespace is deleted on exit, whatever happens.
#
#   bench/iface_bench.sh [NETLENS]        NETLENS defaults to build/release/src/netlens
#   RUNS=30 PAIRS=250 bench/iface_bench.sh
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
source "$root/bench/lib.sh"
runs=${RUNS:-20}
pairs=${PAIRS:-250}
bench_prepare iface_bench "${1:-$root/build/release/src/netlens}"

echo "iface_bench: creating $BENCH_NS with $pairs veth pairs"
bench_veth_pairs "$pairs"
links=$(ip -n "$BENCH_NS" -o link show | wc -l)
bench_wait_dad

# Both tools must see the same links before their speed means anything.
ip netns exec "$BENCH_NS" "$BENCH_NETLENS" iface --json >"$BENCH_WORK/netlens.json"
ip netns exec "$BENCH_NS" ip -j -s link >"$BENCH_WORK/ip.json"
read -r netlens_links ip_links < <(python3 -c '
import json, sys
print(len(json.load(open(sys.argv[1]))["results"]["links"]), len(json.load(open(sys.argv[2]))))' \
  "$BENCH_WORK/netlens.json" "$BENCH_WORK/ip.json")
if [ "$netlens_links" != "$ip_links" ] || [ "$ip_links" != "$links" ]; then
  echo "iface_bench: link counts differ: netlens $netlens_links, ip $ip_links, ip -o $links" >&2
  exit 1
fi

echo "iface_bench: $links links, $runs runs each"
netlens_ms=$(bench_median_ms "$runs" "$BENCH_NETLENS" iface --json)
ip_ms=$(bench_median_ms "$runs" ip -j -s link)
netlens_rss=$(bench_peak_rss_kib "$BENCH_NETLENS" iface --json)
ip_rss=$(bench_peak_rss_kib ip -j -s link)
ratio=$(bench_ratio "$netlens_ms" "$ip_ms")
printf '%-28s %10s %12s\n' "command" "median ms" "peak RSS KiB"
printf '%-28s %10s %12s\n' "netlens iface --json" "$netlens_ms" "$netlens_rss"
printf '%-28s %10s %12s\n' "ip -j -s link" "$ip_ms" "$ip_rss"
echo "ratio netlens/ip: $ratio"
bench_append "iface: \`netlens iface --json\` vs \`ip -j -s link\`" \
  "netlens also reads addresses, neighbours, routes and ethtool driver counters for every link, which \`ip -s link\` does not." \
  "| date | commit | kernel | links | runs | netlens ms | ip ms | ratio | netlens RSS KiB | ip RSS KiB |" \
  "| $(date -u +%Y-%m-%dT%H:%MZ) | $(bench_commit) | $(uname -r) | $links | $runs | $netlens_ms | $ip_ms | $ratio | $netlens_rss | $ip_rss |"
