#!/usr/bin/env bash
# Re-records the real rtnetlink seeds in corpus/rtnl_decode/ (links, addresses,
# neighbours, routes_inet, routes_inet6, full_dump) and the ethtool netlink seeds in
# corpus/ethtool/ (family, linkmodes, linkinfo, linkstate, all_queries): builds record_rtnl.cc, sets up a
# scratch namespace with veths, a bridge, v4/v6 addresses, routes and neighbours, dumps
# it, and deletes the namespace on exit. Needs root, g++ and libmnl-dev.
# tests/unit/rtnl_decode_test.cc checks these recordings: update it if the setup changes.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
out=$here/corpus/rtnl_decode
ns=netlens-rec-$$
tool=$(mktemp)
recorder=$(mktemp)
trap 'ip netns del "$ns" 2>/dev/null || true; rm -f "$tool" "$recorder"' EXIT

g++ -std=c++20 -O2 -Wall -Wextra -o "$tool" "$here/record_rtnl.cc" -lmnl
ip netns add "$ns"
ipn() { ip -n "$ns" "$@"; }
ipn link set lo up
ipn link add veth1 type veth peer name veth2
ipn link add veth3 type veth peer name veth4   # veth4 stays down: veth3 has no carrier
ipn link add veth5 type veth peer name port6
ipn link add br0 type bridge
ipn link set port6 master br0
for link in veth1 veth2 veth3 veth5 port6 br0; do ipn link set "$link" up; done
ipn link set veth5 mtu 9000
ipn addr add 10.20.0.1/24 dev veth1
ipn addr add 10.20.0.2/24 dev veth2
ipn addr add 2001:db8:20::1/64 dev veth1 nodad
ipn addr add 10.30.0.1 peer 10.30.0.2/32 dev veth3
ipn addr add 198.51.100.7/24 brd + dev br0 label br0:web
ipn addr add 2001:db8:30::5/64 dev veth5 nodad
ipn route add default via 10.20.0.254 dev veth1 metric 100
ipn route add 203.0.113.0/24 via 10.20.0.254 table 1000
ipn route add blackhole 192.0.2.0/24
ipn route add unreachable 2001:db8:dead::/48
ipn -6 route add default via 2001:db8:20::fe dev veth1
ipn route add 10.99.0.0/16 nexthop via 10.20.0.9 dev veth1 weight 1 nexthop via 10.20.0.10 dev veth1 weight 2
ipn neigh add 10.20.0.254 lladdr 02:00:00:00:00:fe dev veth1 nud permanent
ipn neigh add 2001:db8:20::fe lladdr 02:00:00:00:01:fe dev veth1 nud stale
ipn neigh add 10.20.0.9 lladdr 02:00:00:00:00:09 dev veth1 nud reachable

ip netns exec "$ns" "$tool" "$out"
ip netns exec "$ns" python3 "$here/record_ethtool_seeds.py" "$here/corpus/ethtool"
cat "$out"/{links,addresses,neighbours,routes_inet,routes_inet6} >"$out/full_dump"

# A second namespace for the shapes routes take: multipath with weights, nexthop
# objects and groups, RTA_VIA, metrics, expiry and preference; recorded as
# route_kinds_inet, route_kinds_inet6 and nexthop_objects.
kinds=$(mktemp -d)
ns2=$ns-kinds
trap 'ip netns del "$ns" 2>/dev/null || true; ip netns del "$ns2" 2>/dev/null || true; rm -rf "$tool" "$recorder" "$kinds"' EXIT
ip netns add "$ns2"
ipk() { ip -n "$ns2" "$@"; }
ipk link add k0 type veth peer name k1
ipk link add k2 type veth peer name k3
for link in lo k0 k1 k2 k3; do ipk link set "$link" up; done
ipk addr add 10.0.0.1/24 dev k0
ipk addr add 10.0.1.1/24 dev k2
ipk addr add fd00::1/64 dev k0 nodad
ipk addr add fd01::1/64 dev k2 nodad
ipk route add 10.9.0.0/16 proto static metric 5 nexthop via 10.0.0.2 dev k0 weight 2 nexthop via 10.0.1.2 dev k2
ipk -6 route add fd09::/64 nexthop via fd00::2 dev k0 weight 3 nexthop via fd01::2 dev k2
ipk nexthop add id 1 via 10.0.0.3 dev k0
ipk nexthop add id 2 via 10.0.1.3 dev k2
ipk nexthop add id 3 blackhole
ipk nexthop add id 10 group 1,3/2
ipk route add 10.10.0.0/16 nhid 10
ipk route add 10.11.0.0/16 nhid 1
ipk route add 10.1.0.0/16 via inet6 fe80::1 dev k0
ipk route add 10.12.0.0/16 via 10.0.0.9 dev k0 mtu lock 1400 advmss 1300 rtt 20ms initcwnd 10 congctl cubic \
  features ecn quickack 1 onlink
ipk -6 route add fd10::/64 via fd00::5 pref high expires 300
ip netns exec "$ns2" "$tool" "$kinds"
cp "$kinds/routes_inet" "$out/route_kinds_inet"
cp "$kinds/routes_inet6" "$out/route_kinds_inet6"
cp "$kinds/nexthops" "$out/nexthop_objects"
rm -f "$out/nexthops"  # the first namespace has none

# A third for tos, realms and lightweight tunnels (ip, ip6, seg6, and inside multipath),
# recorded as route_encap_inet and route_encap_inet6.
ns3=$ns-encap
trap 'ip netns del "$ns" 2>/dev/null || true; ip netns del "$ns2" 2>/dev/null || true; ip netns del "$ns3" 2>/dev/null || true; rm -rf "$tool" "$recorder" "$kinds"' EXIT
ip netns add "$ns3"
ipe() { ip -n "$ns3" "$@"; }
ipe link add k0 type veth peer name k1
for link in lo k0 k1; do ipe link set "$link" up; done
ipe addr add 10.0.0.1/24 dev k0
ipe addr add fd00::1/64 dev k0 nodad
ipe route add 10.50.0.0/16 dev k0 tos 0x10 realm 5
ipe route add 10.51.0.0/16 dev k0 tos 0x28 realms 3/4
ipe route add 10.52.0.0/16 encap ip id 5 dst 10.0.0.9 ttl 3 tos 4 key csum dev k0
ipe route add 10.53.0.0/16 nexthop via 10.0.0.2 dev k0 realm 7 nexthop encap ip id 9 dst 10.0.0.8 via 10.0.0.3 dev k0
ipe -6 route add fd15::/64 encap seg6 mode encap segs fd00::1,fd00::2 dev k0
ipe -6 route add fd16::/64 encap ip6 id 7 dst fd00::9 hoplimit 3 tc 2 dev k0
ipe -6 route add fd17::/64 encap seg6 mode inline segs fd00::5 dev k0
rm -rf "$kinds"/*
ip netns exec "$ns3" "$tool" "$kinds"
cp "$kinds/routes_inet" "$out/route_encap_inet"
cp "$kinds/routes_inet6" "$out/route_encap_inet6"

g++ -std=c++20 -O2 -I"$here/../src" -o "$recorder" "$here/record_recording.cc" \
  "$here/../build/release/src/libnetlens_lib.a" -lmnl -lfmt
ip netns exec "$ns" "$recorder" "$here/corpus/recording/scratch_namespace"
python3 "$here/recording_edge_seeds.py"
