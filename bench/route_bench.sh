#!/usr/bin/env bash
# netlens route and iface against ip on a namespace with many routes and links, in the
# same run: PAIRS veth pairs (2 * PAIRS links) and ROUTES /32 routes via a gateway on
# bv0a, plus a default route, all in the main table. Times (median of RUNS) and peak RSS
# of route (text, --json, --ndjson) against ip route / ip -j route, and of iface (text,
# --json) against ip -s link / ip -s -j link; the peak RSS of route --ndjson at
# SMALL_ROUTES and at ROUTES routes (streamed output should not grow with the table).
# Appends rows to docs/benchmarks.md. IPv6 is disabled in the namespace so that both
# tools list the same routes (ip route shows IPv4 only, netlens route both families).
# Needs root; the namespace is deleted on exit, whatever happens.
#
#   bench/route_bench.sh [NETLENS]        NETLENS defaults to build/release/src/netlens
#   ROUTES=100000 SMALL_ROUTES=10000 PAIRS=1000 RUNS=10 bench/route_bench.sh
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
source "$root/bench/lib.sh"
routes=${ROUTES:-100000}
small_routes=${SMALL_ROUTES:-10000}
pairs=${PAIRS:-1000}
runs=${RUNS:-10}
if ((small_routes > routes)); then small_routes=$routes; fi
bench_prepare route_bench "${1:-$root/build/release/src/netlens}"

echo "route_bench: creating $BENCH_NS with $pairs veth pairs"
ip netns exec "$BENCH_NS" sysctl -qw net.ipv6.conf.all.disable_ipv6=1 net.ipv6.conf.default.disable_ipv6=1
bench_veth_pairs "$pairs"
ip -n "$BENCH_NS" addr add 10.0.0.1/24 dev bv0a
ip -n "$BENCH_NS" route add default via 10.0.0.2

# add_routes FROM TO: /32 routes number FROM .. TO-1, 172.16.0.0 onwards, via the gateway.
add_routes() {
  awk -v from="$1" -v to="$2" 'BEGIN {
    for (i = from; i < to; i++)
      printf "route add 172.%d.%d.%d/32 via 10.0.0.2\n", 16 + int(i / 65536), int(i / 256) % 256, i % 256 }' \
    >"$BENCH_WORK/routes.batch"
  ip -n "$BENCH_NS" -batch "$BENCH_WORK/routes.batch"
}

# check_counts: both tools must print the same routes before their speed means
# anything: one line per route in text, one record per route in JSON and NDJSON.
check_counts() {
  local text ip_text json ip_json ndjson
  text=$(ip netns exec "$BENCH_NS" "$BENCH_NETLENS" route | wc -l)
  ip_text=$(ip netns exec "$BENCH_NS" ip route | wc -l)
  ndjson=$(ip netns exec "$BENCH_NS" "$BENCH_NETLENS" route --ndjson | grep -c '"type":"route"')
  json=$(ip netns exec "$BENCH_NS" "$BENCH_NETLENS" route --json |
    python3 -c 'import json, sys; print(len(json.load(sys.stdin)["results"]["routes"]))')
  ip_json=$(ip netns exec "$BENCH_NS" ip -j route | python3 -c 'import json, sys; print(len(json.load(sys.stdin)))')
  if [ "$text" != "$ip_text" ] || [ "$json" != "$ip_json" ] || [ "$ndjson" != "$ip_json" ] || [ "$text" != "$json" ]; then
    echo "route_bench: route counts differ: netlens route $text, ip route $ip_text," \
      "netlens route --json $json, --ndjson $ndjson, ip -j route $ip_json" >&2
    exit 1
  fi
  ROUTE_COUNT=$text
}

date=$(date -u +%Y-%m-%dT%H:%MZ)
commit=$(bench_commit)
links=$(ip -n "$BENCH_NS" -o link show | wc -l)

# The same streamed output at two table sizes: its peak RSS should not grow.
ndjson_rss() {
  check_counts
  local ours peer
  ours=$(bench_peak_rss_kib "$BENCH_NETLENS" route --ndjson)
  peer=$(bench_peak_rss_kib ip -j route)
  printf 'route --ndjson at %7s routes: netlens %9s KiB, ip -j route %9s KiB\n' "$ROUTE_COUNT" "$ours" "$peer"
  bench_append "route: peak RSS of \`netlens route --ndjson\` by table size" \
    "The same namespace at two table sizes; NDJSON output is streamed, so netlens's peak RSS should stay the same while the table grows (ip -j route for reference)." \
    "| date | commit | kernel | links | routes | netlens RSS KiB | ip -j route RSS KiB |" \
    "| $date | $commit | $(uname -r) | $links | $ROUTE_COUNT | $ours | $peer |"
}

add_routes 0 "$small_routes"
ndjson_rss
add_routes "$small_routes" "$routes"
echo "route_bench: $links links, $routes routes added, $runs runs each"
ndjson_rss

row() {
  bench_measure "$runs" "$1" "$2"
  bench_append "route: \`netlens route\` and \`netlens iface\` vs \`ip\` on a large table" \
    "One namespace with many links and a large main table (/32 routes via one gateway, and a default route). Ratio is ip time / netlens time (above 1: netlens is faster). netlens iface also reads addresses, neighbours, the main table's default routes and ethtool counters." \
    "| date | commit | kernel | links | routes | runs | netlens | ip | netlens ms | ip ms | ip/netlens | netlens RSS KiB | ip RSS KiB |" \
    "| $date | $commit | $(uname -r) | $links | $ROUTE_COUNT | $runs | \`$1\` | \`$2\` | $BENCH_OURS_MS | $BENCH_PEER_MS | $BENCH_RATIO | $BENCH_OURS_RSS | $BENCH_PEER_RSS |"
}
row "route" "ip route"
row "route --json" "ip -j route"
row "route --ndjson" "ip -j route"
row "iface" "ip -s link"
row "iface --json" "ip -s -j link"
