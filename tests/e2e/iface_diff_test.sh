#!/usr/bin/env bash
# netlens iface against ip(8) on the same namespace: link names, operstate, MTU, flags,
# addresses and counters. Host A has a0 (peer b0 in host B, up, IPv4 + IPv6) and a
# pair a1/a2 inside A with a1 up at MTU 1400 and a2 administratively down, so the states
# UP, LOWERLAYERDOWN, DOWN and UNKNOWN (lo) all appear. B keeps sending to A during the
# comparison, so counters move and must lie between ip's readings before and after.
source "$(dirname "$0")/lib/netns.sh"
netlens_from_args "$@"
require_root

A=$(make_ns A)
B=$(make_ns B)
veth_pair "$A" a0 "$B" b0
veth_pair "$A" a1 "$A" a2
must ip -n "$A" addr add 10.1.0.1/24 dev a0
must ip -n "$A" addr add 10.1.0.11/24 dev a0
must ip -n "$A" addr add fd01::1/64 dev a0 nodad
must ip -n "$A" addr add 10.2.0.1/28 dev a1
must ip -n "$A" addr add fd02::1/80 dev a1 nodad
must ip -n "$A" addr add 10.99.0.2/32 dev lo
must ip -n "$B" addr add 10.1.0.2/24 dev b0
must ip -n "$B" addr add fd01::2/64 dev b0 nodad
must ip -n "$A" link set a1 mtu 1400
must ip -n "$A" link set a0 up
must ip -n "$A" link set a1 up
must ip -n "$B" link set b0 up
# a2 stays administratively down, so a1 has no carrier.
settle "$A" "$B"

echo "# traffic A -> B (UDP to closed ports: B answers with ICMP), then B -> A in the background"
udp_send "$A" 10.1.0.2 9 20 300
udp_send "$A" fd01::2 9 20 300
start_bg ip netns exec "$B" "$PYTHON" -c '
import socket, time
s4 = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
s6 = socket.socket(socket.AF_INET6, socket.SOCK_DGRAM)
while True:
    for s, dst in ((s4, "10.1.0.1"), (s6, "fd01::1")):
        try:
            s.sendto(b"y" * 100, (dst, 9))
        except OSError:
            pass
    time.sleep(0.005)
'
wait_for "a0 to receive 60 packets" 5 stat_above "$A" a0 rx packets 60

# compare_iface LABEL NETLENS-ARGS...: one netlens run bracketed by two ip -s link runs.
compare_iface() {
    local label=$1
    shift
    local before after addr ours
    before=$(save before.json ip -n "$A" -d -j -s link show)
    ours=$(save ours.json "$@")
    after=$(save after.json ip -n "$A" -d -j -s link show)
    addr=$(save addr.json ip -n "$A" -j addr show)
    jsoncmp doc "$ours" iface
    jsoncmp iface "$ours" "$addr" "$before" "$after" ${label:+"$label"}
}

echo "# ip netns exec A netlens iface --json  vs  ip -j addr / ip -j -s link"
compare_iface "" ip netns exec "$A" "$NETLENS" iface --json
ours="$NL_TMP/ours.json"
jsoncmp expect "$ours" '{l["name"]: l["state"] for l in d["results"]["links"]} == {"lo": "UNKNOWN", "a0": "UP", "a1": "LOWERLAYERDOWN", "a2": "DOWN"}' \
    "the scenario's four states: lo UNKNOWN, a0 UP, a1 LOWERLAYERDOWN, a2 DOWN"
jsoncmp expect "$ours" '[l["mtu"] for l in d["results"]["links"] if l["name"] == "a1"] == [1400]' "a1 has MTU 1400"
jsoncmp expect "$ours" 'all(l["stats"]["rx"]["packets"] > 0 and l["stats"]["tx"]["packets"] > 0 for l in d["results"]["links"] if l["name"] == "a0")' \
    "a0 counters are non-zero in both directions"

echo "# netlens iface --netns A --json  vs  ip, rows labelled with the namespace"
compare_iface "$A" "$NETLENS" iface --netns "$A" --json

echo "# netlens iface a0 --json shows only a0"
ours=$(save one.json ip netns exec "$A" "$NETLENS" iface a0 --json)
jsoncmp expect "$ours" '[l["name"] for l in d["results"]["links"]] == ["a0"]' "iface a0 lists exactly [a0]"
addr=$(save addr-a0.json ip -n "$A" -j addr show a0)
jsoncmp expect "$ours" 'sorted(a["local"] for a in d["results"]["links"][0]["addresses"]) == sorted(a["local"] for a in __import__("json").load(open("'"$addr"'"))[0]["addr_info"])' \
    "iface a0 addresses match ip addr show a0"

echo "# an interface that does not exist"
expect_error 2 nosuch ip netns exec "$A" "$NETLENS" iface nosuch
expect_error 2 nosuch "$NETLENS" iface nosuch --netns "$A" --json

finish
