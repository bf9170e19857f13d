#!/usr/bin/env bash
# netlens route get / route against ip(8) on a client behind a router:
#
#   C (client)                      R (router, forwarding)          S (server)
#   c0 10.1.0.2/24 fd01::2/64  ---  r0 10.1.0.1 + 10.1.0.3, fd01::1
#                                   r1 10.2.0.1/24 fd02::1  ------  s0 10.2.0.2/24 fd02::2
#   c1 10.5.0.2/24             ---  r2 10.5.0.1/24
#   lo 10.99.0.2/32
#
# C: default via 10.1.0.1, the more specific 10.2.0.0/24 via 10.1.0.3, IPv6 default via
# fd01::1, and policy routing: from 10.99.0.2 or fwmark 7 -> table 100 (default via
# 10.1.0.3). Each destination is asked of both tools; results must agree field by field.
source "$(dirname "$0")/lib/netns.sh"
netlens_from_args "$@"
require_root

C=$(make_ns C)
R=$(make_ns R)
S=$(make_ns S)
veth_pair "$C" c0 "$R" r0
veth_pair "$C" c1 "$R" r2
veth_pair "$R" r1 "$S" s0
must ip -n "$C" addr add 10.1.0.2/24 dev c0
must ip -n "$C" addr add fd01::2/64 dev c0 nodad
must ip -n "$C" addr add 10.5.0.2/24 dev c1
must ip -n "$C" addr add 10.99.0.2/32 dev lo
must ip -n "$R" addr add 10.1.0.1/24 dev r0
must ip -n "$R" addr add 10.1.0.3/24 dev r0
must ip -n "$R" addr add fd01::1/64 dev r0 nodad
must ip -n "$R" addr add 10.2.0.1/24 dev r1
must ip -n "$R" addr add fd02::1/64 dev r1 nodad
must ip -n "$R" addr add 10.5.0.1/24 dev r2
must ip -n "$S" addr add 10.2.0.2/24 dev s0
must ip -n "$S" addr add fd02::2/64 dev s0 nodad
for l in c0 c1; do must ip -n "$C" link set "$l" up; done
for l in r0 r1 r2; do must ip -n "$R" link set "$l" up; done
must ip -n "$S" link set s0 up
sysctl_ns "$R" net.ipv4.ip_forward=1
sysctl_ns "$R" net.ipv6.conf.all.forwarding=1
must ip -n "$C" route add default via 10.1.0.1
must ip -n "$C" route add 10.2.0.0/24 via 10.1.0.3
must ip -n "$C" -6 route add default via fd01::1
must ip -n "$C" route add default via 10.1.0.3 table 100
must ip -n "$C" rule add from 10.99.0.2 lookup 100
must ip -n "$C" rule add fwmark 7 lookup 100
must ip -n "$S" route add default via 10.2.0.1
must ip -n "$R" route add 10.99.0.2/32 via 10.1.0.2
settle "$C" "$R" "$S"

# compare_get NS DESC ARGS...: "netlens route get ARGS" and "ip route get ARGS" in NS agree.
compare_get() {
    local ns=$1 desc=$2
    shift 2
    echo "# route get $* ($desc)"
    NL_CONTEXT="route get $* ($desc)"
    local ours theirs
    ours=$(save get.json "$NETLENS" route get "$@" --json --netns "$ns")
    theirs=$(save ip-get.json ip -n "$ns" -d -j route get "$@")
    jsoncmp doc "$ours" "route get"
    jsoncmp route-get "$ours" "$theirs"
    NL_CONTEXT=""
}

compare_get "$C" "on-link neighbour" 10.1.0.1
compare_get "$C" "via the default gateway" 198.51.100.7
compare_get "$C" "via the more specific static route" 10.2.0.2
compare_get "$C" "the router's far-side address" 10.2.0.1
compare_get "$C" "a local address on c0" 10.1.0.2
compare_get "$C" "a local address on lo" 10.99.0.2
compare_get "$C" "loopback" 127.0.0.1
compare_get "$C" "IPv6 on-link" fd01::1
compare_get "$C" "IPv6 via the default gateway" fd02::2
compare_get "$C" "IPv6 local (table local)" fd01::2
compare_get "$C" "source selection: from an address on c0" 198.51.100.7 from 10.1.0.2
compare_get "$C" "source selection: policy rule, table 100" 198.51.100.7 from 10.99.0.2
compare_get "$C" "fwmark selection: policy rule, table 100" 198.51.100.7 mark 7
compare_get "$C" "oif: the other link" 10.5.0.1 oif c1
compare_get "$C" "oif: a destination routed via c0, forced out c1" 10.1.0.1 oif c1
compare_get "$R" "forwarded: input interface r0" 10.2.0.2 from 10.1.0.2 iif r0

echo "# sanity: the answers differ where the scenario says they must"
jsoncmp expect "$NL_TMP/get.json" 'd["results"]["routes"][0]["iif"] == "r0"' "iif r0 is reported in the forwarded answer"
ours=$(save via-default.json "$NETLENS" route get 198.51.100.7 --json --netns "$C")
jsoncmp expect "$ours" 'd["results"]["routes"][0]["gateway"] == "10.1.0.1"' "198.51.100.7 goes via the default gateway 10.1.0.1"
ours=$(save via-specific.json "$NETLENS" route get 10.2.0.2 --json --netns "$C")
jsoncmp expect "$ours" 'd["results"]["routes"][0]["gateway"] == "10.1.0.3"' "10.2.0.2 goes via the specific route's gateway 10.1.0.3"
ours=$(save local.json ip netns exec "$C" "$NETLENS" route get 10.1.0.2 --json)
jsoncmp expect "$ours" 'd["results"]["routes"][0]["route_type"] == "local" and d["results"]["routes"][0]["dev"] == "lo"' "10.1.0.2 is type local on lo"

echo "# unreachable: R has no default route"
run ip -n "$R" route get 203.0.113.9
grep -q "Network is unreachable" "$ERR" || { show "ip stderr" "$ERR"; fail "ip route get in R did not say unreachable (scenario broken)"; }
pass "ip -n R route get 203.0.113.9: $(cat "$ERR")"
expect_error 1 unreachable ip netns exec "$R" "$NETLENS" route get 203.0.113.9
expect_error 1 unreachable "$NETLENS" route get 203.0.113.9 --json --netns "$R"

echo "# bad input"
expect_error 2 notanaddress "$NETLENS" route get notanaddress
expect_error 2 bogus "$NETLENS" route get 10.0.0.1 from bogus
expect_error 2 nosuchdev "$NETLENS" route get 10.0.0.1 oif nosuchdev --netns "$C"

echo "# route listing vs ip route show"
ours=$(save list.json "$NETLENS" route --netns "$C" --json)
v4=$(save ip4.json ip -n "$C" -j route show)
v6=$(save ip6.json ip -n "$C" -6 -j route show)
jsoncmp doc "$ours" route
jsoncmp route-list "$ours" "$v4" "$v6"
echo "# route --table 100 vs ip route show table 100"
ours=$(save list100.json "$NETLENS" route --table 100 --netns "$C" --json)
v4=$(save ip4-100.json ip -n "$C" -j route show table 100)
echo '[]' >"$NL_TMP/empty.json"
jsoncmp route-list "$ours" "$v4" "$NL_TMP/empty.json" table=100    # no IPv6 routes in table 100
echo "# route --table all vs ip route show table all (local, main, 100)"
ours=$(save listall.json "$NETLENS" route --table all --netns "$C" --json)
v4=$(save ip4-all.json ip -n "$C" -4 -j route show table all)
v6=$(save ip6-all.json ip -n "$C" -6 -j route show table all)
jsoncmp route-list "$ours" "$v4" "$v6"
echo "# route -4 in S vs ip -4 route show"
ours=$(save list4.json ip netns exec "$S" "$NETLENS" route -4 --json)
v4=$(save ip4-S.json ip -n "$S" -j route show)
jsoncmp route-list "$ours" "$v4" "$NL_TMP/empty.json"

finish
