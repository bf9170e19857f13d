#!/usr/bin/env bash
# netlens iface --json against ip -j -s link on the same namespace in the same run:
# 250 veth pairs (500 links, both ends inside one scratch namespace), RUNS timed runs
# of each, median wall time, peak RSS, and the ratio. Appends a dated row to
# docs/benchmarks.md. Needs root (it creates a network namespace); the namespace is
# deleted on exit, whatever happens.
#
#   bench/iface_bench.sh [NETLENS]        NETLENS defaults to build/release/src/netlens
#   RUNS=30 PAIRS=250 bench/iface_bench.sh
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
netlens=${1:-$root/build/release/src/netlens}
runs=${RUNS:-20}
pairs=${PAIRS:-250}
results=$root/docs/benchmarks.md

if [ "$(id -u)" -ne 0 ]; then
  echo "iface_bench: needs root to create a network namespace" >&2
  exit 77
fi
if [ ! -x "$netlens" ]; then
  echo "iface_bench: no netlens binary at $netlens (build it, or pass its path)" >&2
  exit 2
fi
ns=netlens-bench-$$
work=$(mktemp -d)
# A private copy, so a rebuild of the binary during the run cannot disturb it.
cp "$netlens" "$work/netlens"
netlens=$work/netlens
cleanup() {
  ip netns del "$ns" 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

echo "iface_bench: creating $ns with $pairs veth pairs"
ip netns add "$ns"
{
  echo "link set lo up"
  for ((i = 0; i < pairs; i++)); do echo "link add bv${i}a type veth peer name bv${i}b"; done
  for ((i = 0; i < pairs; i++)); do echo "link set bv${i}a up"; echo "link set bv${i}b up"; done
} >"$work/batch"
ip -n "$ns" -batch "$work/batch"
links=$(ip -n "$ns" -o link show | wc -l)
# Let IPv6 duplicate address detection settle first: while 500 link-local addresses
# change state, address dumps are interrupted (NLM_F_DUMP_INTR) and timings are noise.
for ((i = 0; i < 150; i++)); do
  [ -z "$(ip -n "$ns" -6 addr show tentative)" ] && break
  sleep 0.1
done

# Runs "$@" RUNS times inside the namespace (one ip-netns-exec for the whole loop, so
# entering the namespace is not part of what is timed); prints the median in ms of the
# runs that succeeded. Failed runs are reported on stderr and counted in $work/failures.
median_ms() {
  # shellcheck disable=SC2016  # the inner script expands its own variables
  ip netns exec "$ns" bash -c '
    runs=$1; shift
    for ((r = 0; r < runs; r++)); do
      start=$(date +%s%N)
      if "$@" >/dev/null 2>"$WORK/stderr"; then
        end=$(date +%s%N)
        echo $(( (end - start) / 1000 ))
      else
        echo "iface_bench: $1 failed on run $r: $(head -c 200 "$WORK/stderr")" >&2
        echo fail >>"$WORK/failures"
      fi
    done' _ "$runs" "$@" | sort -n | awk '{ v[NR] = $1 } END {
      if (NR == 0) { print "nan"; exit }
      m = (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2
      printf "%.2f\n", m / 1000 }'
}

# Peak RSS in KiB of one run, or "-" when /usr/bin/time is missing.
peak_rss_kib() {
  if [ ! -x /usr/bin/time ]; then
    echo "-"
    return
  fi
  ip netns exec "$ns" /usr/bin/time -v "$@" 2>"$work/time" >/dev/null
  awk -F': *' '/Maximum resident set size/ { print $2 }' "$work/time"
}

# Both tools must see the same links before their speed means anything.
ip netns exec "$ns" "$netlens" iface --json >"$work/netlens.json"
ip netns exec "$ns" ip -j -s link >"$work/ip.json"
counts=$(python3 -c '
import json, sys
n = json.load(open(sys.argv[1]))["results"]["links"]
i = json.load(open(sys.argv[2]))
print(len(n), len(i))' "$work/netlens.json" "$work/ip.json")
read -r netlens_links ip_links <<<"$counts"
if [ "$netlens_links" != "$ip_links" ] || [ "$ip_links" != "$links" ]; then
  echo "iface_bench: link counts differ: netlens $netlens_links, ip $ip_links, ip -o $links" >&2
  exit 1
fi

echo "iface_bench: $links links, $runs runs each"
# One untimed warm-up each, then the timed runs.
ip netns exec "$ns" "$netlens" iface --json >/dev/null
ip netns exec "$ns" ip -j -s link >/dev/null
export WORK=$work
: >"$work/failures"
netlens_ms=$(median_ms "$netlens" iface --json)
netlens_failures=$(wc -l <"$work/failures")
: >"$work/failures"
ip_ms=$(median_ms ip -j -s link)
ip_failures=$(wc -l <"$work/failures")
netlens_rss=$(peak_rss_kib "$netlens" iface --json)
ip_rss=$(peak_rss_kib ip -j -s link)
ratio=$(awk -v a="$netlens_ms" -v b="$ip_ms" 'BEGIN { printf "%.2f", a / b }')
bytes_netlens=$(wc -c <"$work/netlens.json")
bytes_ip=$(wc -c <"$work/ip.json")

printf '%-28s %10s %12s %12s\n' "command" "median ms" "peak RSS KiB" "output bytes"
printf '%-28s %10s %12s %12s\n' "netlens iface --json" "$netlens_ms" "$netlens_rss" "$bytes_netlens"
printf '%-28s %10s %12s %12s\n' "ip -j -s link" "$ip_ms" "$ip_rss" "$bytes_ip"
echo "ratio netlens/ip: $ratio"
if [ "$netlens_failures" -gt 0 ] || [ "$ip_failures" -gt 0 ]; then
  echo "iface_bench: failed runs (left out of the medians): netlens $netlens_failures, ip $ip_failures" >&2
fi

if [ ! -f "$results" ]; then
  mkdir -p "$(dirname "$results")"
  cat >"$results" <<'HEADER'
# Benchmarks

Rows are appended by the scripts in bench/ (see bench/README.md); each compares netlens
with the peer tool on the same input in the same run. Times are medians of N runs, in
milliseconds; RSS is the peak resident set of one run. Compare ratios, not absolute
times, across machines.

## iface: `netlens iface --json` vs `ip -j -s link`

netlens also reads addresses, neighbours, routes and ethtool driver counters for every
link, which `ip -s link` does not.

| date | commit | kernel | links | runs | netlens ms | ip ms | ratio | netlens RSS KiB | ip RSS KiB |
| --- | --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |
HEADER
fi
commit=$(git -C "$root" rev-parse --short HEAD 2>/dev/null || echo "-")
[ "$netlens_failures" -gt 0 ] && netlens_ms="$netlens_ms ($netlens_failures failed)"
[ "$ip_failures" -gt 0 ] && ip_ms="$ip_ms ($ip_failures failed)"
printf '| %s | %s | %s | %s | %s | %s | %s | %s | %s | %s |\n' "$(date -u +%Y-%m-%dT%H:%MZ)" "$commit" \
  "$(uname -r)" "$links" "$runs" "$netlens_ms" "$ip_ms" "$ratio" "$netlens_rss" "$ip_rss" >>"$results"
echo "iface_bench: row appended to ${results#"$root"/}"
