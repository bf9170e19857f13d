#!/usr/bin/env bash
# Findings of netlens iface, each provoked in its own namespace and each with a control
# that must stay quiet:
#
#   L  l0 up, peer l1 (in L) down        link.no_carrier (warning) on l0, link.admin_down
#      l2 up, peer l3 (in L) up          (info) on l1; nothing on l2/l3; no global
#                                        address, so no route.no_default
#   K  k0 up, peer k1 down, default via  link.no_carrier is critical: it carries the
#      10.9.0.1 on k0                    default route
#   D  d0 10.20.0.2/24 + fd20::2/64,     route.no_default for IPv4 only
#      IPv6 default only
#   G  g0 10.7.0.2/24 + fd07::2/64 --- H h0 up, no address: neigh.gateway_unresolved
#      default via 10.7.0.1 / fd07::1    (critical) for both families after a send
#   W  w0 10.17.0.2/24 --- V v0 10.17.0.1: a gateway that answers; no finding
#   E  e0 up, peer e1 down; raw frames   link.errors_rising with tx_dropped only with
#      sent on e0 are dropped            --interval; skipped otherwise
source "$(dirname "$0")/lib/netns.sh"
netlens_from_args "$@"
require_root

# iface_json NS NAME [FLAGS...]: netlens iface --json for NS, saved as NAME; sets doc.
iface_json() {
    local ns=$1 name=$2
    shift 2
    doc=$(save "$name.json" "$NETLENS" iface --netns "$ns" --json "$@")
    jsoncmp doc "$doc" iface
}

echo "# L: carrier and admin state"
L=$(make_ns L)
veth_pair "$L" l0 "$L" l1
veth_pair "$L" l2 "$L" l3
must ip -n "$L" link set l0 up
must ip -n "$L" link set l2 up
must ip -n "$L" link set l3 up
settle "$L"
iface_json "$L" L
jsoncmp finding "$doc" link.no_carrier warning l0 state=LOWERLAYERDOWN carrier=false lower_up=false
jsoncmp finding "$doc" link.admin_down info l1 state=DOWN
jsoncmp no-finding "$doc" link.no_carrier l2
jsoncmp no-finding "$doc" link.no_carrier l3
jsoncmp no-finding "$doc" link.admin_down l0
jsoncmp no-finding "$doc" link.admin_down lo
jsoncmp no-finding "$doc" route.no_default
jsoncmp expect "$doc" 'all(f.get("netns") == "'"$L"'" for f in d["findings"])' "findings are labelled netns $L"
echo "# L: bring l1 up, l0's finding goes away"
must ip -n "$L" link set l1 up
wait_for "l0 to get carrier" 5 bash -c "ip -n $L link show l0 | grep -q LOWER_UP"
iface_json "$L" L2
jsoncmp no-finding "$doc" link.no_carrier
jsoncmp no-finding "$doc" link.admin_down

echo "# K: no carrier on the link of the default route"
K=$(make_ns K)
veth_pair "$K" k0 "$K" k1
must ip -n "$K" addr add 10.9.0.2/24 dev k0
must ip -n "$K" link set k0 up
must ip -n "$K" route add default via 10.9.0.1 dev k0
iface_json "$K" K
jsoncmp finding "$doc" link.no_carrier critical k0 carrier=false
jsoncmp expect "$doc" '"default route" in [f for f in d["findings"] if f["id"] == "link.no_carrier"][0]["title"]' \
    "the title says k0 carries the default route"
jsoncmp no-finding "$doc" route.no_default

echo "# D: global addresses, a default route for IPv6 only"
D=$(make_ns D)
veth_pair "$D" d0 "$D" d1
must ip -n "$D" addr add 10.20.0.2/24 dev d0
must ip -n "$D" addr add fd20::2/64 dev d0 nodad
must ip -n "$D" link set d0 up
must ip -n "$D" link set d1 up
must ip -n "$D" -6 route add default via fd20::1 dev d0
iface_json "$D" D
jsoncmp finding "$doc" route.no_default warning IPv4 family=inet default_routes=0
jsoncmp no-finding "$doc" route.no_default IPv6
echo "# D: add an IPv4 default route, the finding goes away"
must ip -n "$D" route add default via 10.20.0.1 dev d0
iface_json "$D" D2
jsoncmp no-finding "$doc" route.no_default

echo "# G: the default gateway does not answer ARP / neighbour discovery"
G=$(make_ns G)
H=$(make_ns H)
veth_pair "$G" g0 "$H" h0
must ip -n "$G" addr add 10.7.0.2/24 dev g0
must ip -n "$G" addr add fd07::2/64 dev g0 nodad
must ip -n "$G" link set g0 up
must ip -n "$H" link set h0 up
must ip -n "$G" route add default via 10.7.0.1
must ip -n "$G" -6 route add default via fd07::1
# Give up on the gateway after 3 probes 100 ms apart instead of 1 s apart (in G only).
sysctl_ns "$G" net.ipv4.neigh.g0.retrans_time_ms=100
sysctl_ns "$G" net.ipv6.neigh.g0.retrans_time_ms=100
settle "$G"
iface_json "$G" G-before
jsoncmp no-finding "$doc" neigh.gateway_unresolved
udp_send "$G" 198.51.100.1 9 1
udp_send "$G" 2001:db8::1 9 1
wait_for "10.7.0.1 to be FAILED in G" 6 bash -c "ip -n $G neigh show 10.7.0.1 dev g0 | grep -q FAILED"
wait_for "fd07::1 to be FAILED in G" 6 bash -c "ip -n $G neigh show fd07::1 dev g0 | grep -q FAILED"
iface_json "$G" G
jsoncmp finding "$doc" neigh.gateway_unresolved critical 10.7.0.1 gateway=10.7.0.1 dev=g0 neighbour_state=FAILED
jsoncmp finding "$doc" neigh.gateway_unresolved critical fd07::1 gateway=fd07::1 dev=g0 neighbour_state=FAILED
jsoncmp no-finding "$doc" route.no_default
theirs=$(save G-neigh.json ip -n "$G" -j neigh show)
jsoncmp neigh "$doc" "$theirs"

echo "# W: a default gateway that answers"
W=$(make_ns W)
V=$(make_ns V)
veth_pair "$W" w0 "$V" v0
must ip -n "$W" addr add 10.17.0.2/24 dev w0
must ip -n "$V" addr add 10.17.0.1/24 dev v0
must ip -n "$W" link set w0 up
must ip -n "$V" link set v0 up
must ip -n "$W" route add default via 10.17.0.1
settle "$W"
udp_send "$W" 198.51.100.1 9 1
wait_for "10.17.0.1 to be REACHABLE in W" 5 bash -c "ip -n $W neigh show 10.17.0.1 dev w0 | grep -q REACHABLE"
iface_json "$W" W
jsoncmp no-finding "$doc" neigh.gateway_unresolved
jsoncmp expect "$doc" '[n["state"] for n in d["results"]["neighbours"] if n["destination"] == "10.17.0.1"] == [["REACHABLE"]]' \
    "the gateway 10.17.0.1 is REACHABLE in netlens's neighbour table"

echo "# E: drop counters rising (frames sent on e0 while its peer e1 is down count as tx_dropped)"
E=$(make_ns E)
veth_pair "$E" e0 "$E" e1
must ip -n "$E" link set e0 up
iface_json "$E" E-still
jsoncmp expect "$doc" '"link.errors_rising" in [s["check"] for s in d["skipped"]]' \
    "without --interval, skipped lists link.errors_rising"
jsoncmp no-finding "$doc" link.errors_rising
jsoncmp expect "$doc" 'all("delta" not in l for l in d["results"]["links"])' "without --interval, no link has a delta"
iface_json "$E" E-quiet --interval 0.3
jsoncmp no-finding "$doc" link.errors_rising
start_bg ip netns exec "$E" "$PYTHON" -c '
import socket, time
s = socket.socket(socket.AF_PACKET, socket.SOCK_RAW)
s.bind(("e0", 0))
# broadcast, a local MAC, the "local experimental" ethertype 0x88b5
frame = b"\xff" * 6 + b"\x02\x00\x00\x00\x00\x01" + b"\x88\xb5" + b"\x00" * 50
while True:
    s.send(frame)
    time.sleep(0.005)
'
wait_for "e0 tx_dropped to rise" 5 stat_above "$E" e0 tx dropped 10
before=$(link_stat "$E" e0 tx dropped)
iface_json "$E" E-interval --interval 1
after=$(link_stat "$E" e0 tx dropped)
echo "  ip: e0 tx dropped $before before, $after after"
jsoncmp finding "$doc" link.errors_rising warning e0 'tx_dropped~^[1-9][0-9]*$' 'interval_s~^[0-9.]+$'
jsoncmp no-finding "$doc" link.errors_rising e1
jsoncmp no-finding "$doc" link.errors_rising lo
jsoncmp expect "$doc" '"link.errors_rising" not in [s["check"] for s in d["skipped"]]' \
    "with --interval, link.errors_rising is not skipped"
jsoncmp expect "$doc" 'all(0.99 <= l["delta"]["interval_s"] < 60 for l in d["results"]["links"])' "every link has a delta, over at least the 1 s asked for"
jsoncmp expect "$doc" '0 < [l for l in d["results"]["links"] if l["name"] == "e0"][0]["delta"]["stats"]["tx"]["dropped"] <= '"$((after - before))" \
    "e0 delta tx dropped is positive and at most ip's rise over the same time ($((after - before)))"
# The evidence against ip, not against netlens's own delta: the rise is at most ip's over
# a span that contains netlens's, and the interval covers the 1 s asked for.
jsoncmp expect "$doc" '[(0 < e["value"] <= '"$((after - before))"') for f in d["findings"] if f["id"] == "link.errors_rising" for e in f["evidence"] if e["key"] == "tx_dropped"] == [True]' \
    "the finding's tx_dropped rise is positive, at most ip's rise over the same time ($((after - before)))"
jsoncmp expect "$doc" '[(1 <= e["value"] < 60) for f in d["findings"] if f["id"] == "link.errors_rising" for e in f["evidence"] if e["key"] == "interval_s"] == [True]' \
    "the finding's interval covers the 1 s asked for"
jsoncmp expect "$doc" "$before"' <= [l for l in d["results"]["links"] if l["name"] == "e0"][0]["stats"]["tx"]["dropped"] <= '"$after" \
    "e0 tx dropped is within ip's readings"

finish
