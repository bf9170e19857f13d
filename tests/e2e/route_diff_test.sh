#!/usr/bin/env bash
# netlens route against ip(8), field by field and line by line, on a namespace holding
# a route of every kind ip shows:
#
#   A                                     B (the gateways)
#   a0 10.0.0.1/24 fd00::1/64      ---    b0 10.0.0.2 fd00::2
#   a1 10.0.1.1/24 fd01::1/64      ---    b1 (no 10.0.1.2: that gateway never answers)
#   a3 10.0.3.1/24 fd03::1/64      ---    d3 in D, left down (a3 has no carrier)
#
# A's routes: a multipath default (one gateway answers, one does not), multipath with
# weights (IPv4 and IPv6), nexthop objects (single and a weighted group), an IPv4 route
# via an IPv6 gateway (RTA_VIA), metrics, onlink, linkdown, blackhole / prohibit /
# unreachable / throw, protocols by name and by number, scopes, table 100, IPv6
# preference and expiry. Compared: netlens route --json vs ip -j route (main, -6,
# table all, table 100), text vs ip route, route get through multipath and nexthop
# groups vs ip route get, and the findings per nexthop. Then namespace N with the
# nexthop compat mode off (routes carry only their nhid: netlens resolves them through
# the nexthop table, checked against ip -j nexthop), and the IPv6 "no default route"
# warning in a ULA/link-local-only namespace (none) and a global-address one (one).
source "$(dirname "$0")/lib/netns.sh"
netlens_from_args "$@"
require_root

A=$(make_ns rtA)
B=$(make_ns rtB)
D=$(make_ns rtD)
veth_pair "$A" a0 "$B" b0
veth_pair "$A" a1 "$B" b1
veth_pair "$A" a3 "$D" d3
must ip -n "$A" addr add 10.0.0.1/24 dev a0
must ip -n "$A" addr add 10.0.1.1/24 dev a1
must ip -n "$A" addr add 10.0.3.1/24 dev a3
must ip -n "$A" addr add fd00::1/64 dev a0 nodad
must ip -n "$A" addr add fd01::1/64 dev a1 nodad
must ip -n "$A" addr add fd03::1/64 dev a3 nodad
must ip -n "$B" addr add 10.0.0.2/24 dev b0
must ip -n "$B" addr add fd00::2/64 dev b0 nodad
for l in a0 a1 a3; do must ip -n "$A" link set "$l" up; done
for l in b0 b1; do must ip -n "$B" link set "$l" up; done
settle "$A" "$B"

route() { must ip -n "$A" "$@"; }
route route add default proto static nexthop via 10.0.0.2 dev a0 weight 2 nexthop via 10.0.1.2 dev a1
route route add 10.9.0.0/16 proto static metric 5 nexthop via 10.0.0.2 dev a0 weight 3 nexthop via 10.0.1.2 dev a1
route nexthop add id 1 via 10.0.0.3 dev a0
route nexthop add id 2 via 10.0.1.3 dev a1
route nexthop add id 10 group 1,4/2
route nexthop add id 20 via fd00::3 dev a0
route route add 10.10.0.0/16 nhid 10
route route add 10.11.0.0/16 nhid 1 proto bird
route -6 route add fd12::/64 nhid 20
route route add 10.1.0.0/16 via inet6 fd00::2 dev a0
route route add 10.12.0.0/16 via 10.0.0.9 dev a0 onlink mtu lock 1400 advmss 1300 rtt 20ms rttvar 10ms initcwnd 10 \
    initrwnd 20 congctl cubic features ecn quickack 1 hoplimit 32 window 65535 fastopen_no_cookie 1
route route add 10.13.0.0/16 via 10.0.0.2 proto 200 metric 77
route route add 10.20.0.0/16 dev a0 scope link proto zebra
route route add 10.30.0.0/16 via 10.0.3.2 dev a3
route route add 10.31.0.0/16 dev a0 src 10.0.0.1 proto dhcp scope host
route route add blackhole 10.40.0.0/16
route route add prohibit 10.41.0.0/16 proto 99
route route add unreachable 10.42.0.0/16 metric 9
route route add throw 10.43.0.0/16 table 100
route route add 10.44.0.0/16 via 10.0.0.2 table 100 proto ra
route -6 route add fd09::/64 proto static nexthop via fd00::2 dev a0 weight 3 nexthop via fd01::2 dev a1
route -6 route add fd10::/64 via fd00::5 dev a0 pref high expires 300
route -6 route add fd11::/64 via fd00::7 dev a0 metric 10 mtu 1300 pref low
route -6 route add unreachable fd13::/64
route -6 route add blackhole fd14::/64 table 100
route -6 route add default proto ra nexthop via fd00::2 dev a0 nexthop via fd03::2 dev a3
# tos (by number and by its rt_dsfield name), realms, lightweight tunnels (ip, ip6, seg6;
# mpls needs the mpls_iptunnel module, absent here), and both inside multipath entries.
route route add 10.50.0.0/16 dev a0 tos 0x10 realm 5
route route add 10.51.0.0/16 dev a0 tos 0x28 realms 3/4
route route add 10.52.0.0/16 encap ip id 5 dst 10.0.0.9 dev a0
route route add 10.53.0.0/16 nexthop via 10.0.0.2 dev a0 realm 7 nexthop via 10.0.1.2 dev a1
route route add 10.54.0.0/16 nexthop encap ip id 9 dst 10.0.0.8 via 10.0.0.2 dev a0 nexthop via 10.0.1.2 dev a1
route -6 route add fd15::/64 encap seg6 mode encap segs fd00::1,fd00::2 dev a0
route -6 route add fd16::/64 encap ip6 id 7 dst fd00::9 hoplimit 3 tc 2 dev a0
# The gateway 10.0.1.2 does not exist: one packet towards it leaves its neighbour
# entry INCOMPLETE, then FAILED.
udp_send "$A" 10.0.1.2 9 1
wait_for "the neighbour entry of 10.0.1.2 to fail" 10 bash -c \
    "ip -n '$A' neigh show 10.0.1.2 dev a1 | grep -q FAILED"

check() { compare_with route_cmp.py "$@"; }

# fields NS LABEL NETLENS_ARGS -- IP_ARGS... [-- IP_ARGS...]: netlens route ARGS --json
# against each ip -j route show listed, field by field.
fields() {
    local ns=$1 label=$2 args=$3
    shift 3
    NL_CONTEXT="route $args vs ip -j route $label"
    echo "# $NL_CONTEXT"
    local ours theirs=() i=0 part family
    # shellcheck disable=SC2086 # args are words
    ours=$(save "ours-$label.json" ip netns exec "$ns" "$NETLENS" route $args --json)
    for part in "$@"; do
        i=$((i + 1))
        family=inet
        [[ $part == -6* ]] && family=inet6
        # shellcheck disable=SC2086
        theirs+=("$family:$(save "ip-$label-$i.json" ip -n "$ns" -j $part)")
    done
    check fields "$ours" "${theirs[@]}" "${EXTRA[@]}"
    NL_CONTEXT=""
}

EXTRA=()
fields "$A" main "" "route show" "-6 route show"
fields "$A" v4 "-4" "-4 route show"
fields "$A" v6 "-6" "-6 route show"
fields "$A" all "--table all" "-4 route show table all" "-6 route show table all"
EXTRA=(table=100)
fields "$A" t100 "--table 100" "-4 route show table 100" "-6 route show table 100"
EXTRA=()

# lines NS LABEL NETLENS_ARGS IP_ARGS: netlens route ARGS against ip ARGS, as text.
lines() {
    local ns=$1 label=$2 args=$3 ip_args=$4
    NL_CONTEXT="route $args vs ip $ip_args (text)"
    echo "# $NL_CONTEXT"
    local ours theirs
    # shellcheck disable=SC2086
    ours=$(save "ours-$label.txt" ip netns exec "$ns" "$NETLENS" route $args --color=never)
    # shellcheck disable=SC2086
    theirs=$(save "ip-$label.txt" ip -n "$ns" $ip_args)
    check lines "$ours" "$theirs"
    NL_CONTEXT=""
}

lines "$A" v4 "-4" "-4 route show"
lines "$A" v6 "-6" "-6 route show"
lines "$A" all4 "-4 --table all" "-4 route show table all"
lines "$A" all6 "-6 --table all" "-6 route show table all"
lines "$A" t100 "-4 --table 100" "-4 route show table 100"

echo "# the fixture holds what the comparisons are about"
ours=$NL_TMP/ours-main.json
jsoncmp expect "$ours" '[len(r["nexthops"]) for r in d["results"]["routes"] if r["dst"] == "10.9.0.0/16"] == [2]' \
    "10.9.0.0/16 has two nexthops"
jsoncmp expect "$ours" '[h["weight"] for r in d["results"]["routes"] if r["dst"] == "10.9.0.0/16" for h in r["nexthops"]] == [3, 1]' \
    "10.9.0.0/16 nexthop weights 3 and 1"
jsoncmp expect "$ours" '[r["via"] for r in d["results"]["routes"] if r["dst"] == "10.1.0.0/16"] == [{"family": "inet6", "host": "fd00::2"}]' \
    "10.1.0.0/16 goes via inet6 fd00::2"
jsoncmp expect "$ours" '["linkdown" in r["flags"] for r in d["results"]["routes"] if r["dst"] == "10.30.0.0/16"] == [True]' \
    "10.30.0.0/16 is linkdown (a3 has no carrier)"
jsoncmp expect "$ours" '[r["metrics"][0]["mtu"] for r in d["results"]["routes"] if r["dst"] == "10.12.0.0/16"] == [1400]' \
    "10.12.0.0/16 carries mtu 1400"
jsoncmp expect "$ours" '[r["protocol"] for r in d["results"]["routes"] if r["dst"] == "10.13.0.0/16"] == ["200"]' \
    "protocol 200 has no name"

jsoncmp expect "$ours" '[r["encap_info"]["dst"] for r in d["results"]["routes"] if r["dst"] == "10.52.0.0/16"] == ["10.0.0.9"]' \
    "10.52.0.0/16 is an ip tunnel to 10.0.0.9"
jsoncmp expect "$ours" '[r["flow"] for r in d["results"]["routes"] if r["dst"] == "10.51.0.0/16"] == [{"from": "3", "to": "4"}]' \
    "10.51.0.0/16 carries realms 3/4"

echo "# route get through multipath routes and nexthop objects vs ip route get"
get() {
    NL_CONTEXT="route get $*"
    echo "# $NL_CONTEXT"
    local ours theirs
    ours=$(save get.json ip netns exec "$A" "$NETLENS" route get "$@" --json)
    theirs=$(save ip-get.json ip -n "$A" -j route get "$@")
    local family=inet
    [[ $1 == *:* ]] && family=inet6
    check fields "$ours" "$family:$theirs" get=1
    ours=$(save get.txt ip netns exec "$A" "$NETLENS" route get "$@" --color=never)
    theirs=$(save ip-get.txt ip -n "$A" route get "$@")
    check lines "$ours" "$theirs"
    NL_CONTEXT=""
}
for host in 1 2 3 4 5 6 7 8; do get "10.9.$host.$host"; done
get 10.10.1.1
get 10.10.7.9
get 10.11.1.1
get fd09::1
get fd09::77
get fd12::1
get 198.51.100.1
get 10.1.2.3
get 10.12.0.1 mark 7
get 10.9.1.1 from 10.0.1.1
get 10.9.1.1 oif a0

get 10.52.1.1
get 10.50.1.1 from 10.0.0.1
get fd16::1

echo "# names from /etc/iproute2, in a private mount namespace with databases of our own"
NAMES=$NL_TMP/iproute2
mkdir -p "$NAMES/rt_tables.d" "$NAMES/rt_protos.d"
cp /etc/iproute2/rt_dsfield "$NAMES/" 2>/dev/null || printf '0x28\tAF11\n' >"$NAMES/rt_dsfield"
printf '254 main\n255 local\n253 default\n' >"$NAMES/rt_tables"
printf '100 ipxblue\n' >"$NAMES/rt_tables.d/ipx.conf"
printf '200 ipxproto\n' >"$NAMES/rt_protos"
printf '201 ipxother\n' >"$NAMES/rt_protos.d/more.conf"
printf '202 notconf\n' >"$NAMES/rt_protos.d/more.txt"
printf '0 cosmos\n3 ipxfrom\n5 ipxrealm\n' >"$NAMES/rt_realms"
printf '0 global\n200 site\n253 link\n254 host\n255 nowhere\n100 ipxscope\n' >"$NAMES/rt_scopes"
route route add 10.55.0.0/16 dev a0 proto 201 scope 100
route route add 10.56.0.0/16 dev a0 proto 202 table 100
# "${named[@]}" CMD...: CMD reading our databases as /etc/iproute2 (in a mount namespace of its own).
named=("$NL_LIB_DIR/with_iproute2_dir.sh" "$NAMES")
if ! "${named[@]}" true 2>"$NL_TMP/unshare.err"; then
    echo "SKIP (part): no private mount namespace: $(head -1 "$NL_TMP/unshare.err")"
else
    i=0
    for args in "-4 --table all:-4 route show table all" "-6:-6 route show" "-4 --table 100:-4 route show table 100"; do
        i=$((i + 1))
        # shellcheck disable=SC2086
        ours=$(save "names-ours-$i.txt" "${named[@]}" ip netns exec "$A" "$NETLENS" route ${args%%:*} --color=never)
        # shellcheck disable=SC2086
        theirs=$(save "names-ip-$i.txt" "${named[@]}" ip -n "$A" ${args#*:})
        NL_CONTEXT="names: route ${args%%:*} vs ip ${args#*:}" check lines "$ours" "$theirs"
    done
    ours=$(save names-ours.json "${named[@]}" ip netns exec "$A" "$NETLENS" route --table all -4 --json)
    theirs=$(save names-ip.json "${named[@]}" ip -n "$A" -j -4 route show table all)
    NL_CONTEXT="names: route --json vs ip -j" check fields "$ours" "inet:$theirs"
    grep -q 'table ipxblue' "$NL_TMP/names-ip-1.txt" &&
        grep -q 'realm ipxrealm' "$NL_TMP/names-ip-1.txt" ||
        flunk "fixture: ip does not show the names of our databases"
    jsoncmp expect "$ours" '[[r["protocol"], r["scope"]] for r in d["results"]["routes"] if r["dst"] == "10.55.0.0/16"] == [["ipxother", "ipxscope"]]' \
        "protocol 201 is named by rt_protos.d/more.conf, scope 100 by rt_scopes"
    jsoncmp expect "$ours" '[r["protocol"] for r in d["results"]["routes"] if r["dst"] == "10.56.0.0/16"] == ["202"]' \
        "rt_protos.d/more.txt is no .conf file: protocol 202 has no name"
fi

echo "# findings per nexthop of the default routes"
ours=$(save findings.json ip netns exec "$A" "$NETLENS" route --json)
jsoncmp finding "$ours" neigh.gateway_unresolved critical 10.0.1.2 gateway=10.0.1.2 dev=a1 nexthop=2 nexthops=2 \
    neighbour_state=FAILED
jsoncmp no-finding "$ours" neigh.gateway_unresolved 10.0.0.2
jsoncmp finding "$ours" route.nexthop_link_down warning a3 gateway=fd03::2 dev=a3 nexthop=2 nexthops=2 \
    link_state=linkdown nexthops_down=1
jsoncmp no-finding "$ours" route.nexthop_link_down a0
jsoncmp no-finding "$ours" route.no_default

echo "# nexthop compat mode off: routes carry only their nhid"
N=$(make_ns rtN)
veth_pair "$N" n0 "$B" bn0
veth_pair "$N" n1 "$B" bn1
must ip -n "$N" addr add 10.5.0.1/24 dev n0
must ip -n "$N" addr add 10.5.1.1/24 dev n1
must ip -n "$B" addr add 10.5.0.2/24 dev bn0
for l in n0 n1; do must ip -n "$N" link set "$l" up; done
for l in bn0 bn1; do must ip -n "$B" link set "$l" up; done
if ! ip netns exec "$N" sysctl -qw net.ipv4.nexthop_compat_mode=0 2>/dev/null; then
    echo "SKIP (part): net.ipv4.nexthop_compat_mode is missing in this kernel"
else
    must ip -n "$N" nexthop add id 1 via 10.5.0.2 dev n0
    must ip -n "$N" nexthop add id 2 via 10.5.1.2 dev n1
    must ip -n "$N" nexthop add id 3 group 1,2/2,5
    must ip -n "$N" route add default nhid 3
    must ip -n "$N" route add 10.7.0.0/16 nhid 2
    fields "$N" compat-off "-4" "-4 route show"
    lines "$N" compat-off "-4" "-4 route show"
    ours=$NL_TMP/ours-compat-off.json
    nexthops=$(save ip-nexthop.json ip -n "$N" -j nexthop)
    jsoncmp expect "$ours" '[r.get("gateway") for r in d["results"]["routes"] if r["dst"] == "default"] == [None]' \
        "ip and netlens show the default route without a gateway (only nhid 3)"
    # The resolved nexthops must be what ip -j nexthop says group 3 is made of.
    expected=$("$PYTHON" -S -c '
import json, sys
table = {n["id"]: n for n in json.load(open(sys.argv[1]))}
print(json.dumps([[table[m["id"]]["gateway"], table[m["id"]]["dev"], m.get("weight", 1)] for m in table[3]["group"]]))' "$nexthops")
    jsoncmp expect "$ours" "[[h['gateway'], h['dev'], h['weight']] for r in d['results']['routes'] if r['dst'] == 'default' for h in r['resolved_nexthops']] == $expected" \
        "default nhid 3 resolves to the members ip -j nexthop lists: $expected"
    jsoncmp expect "$ours" "[[h['gateway'], h['dev']] for r in d['results']['routes'] if r['dst'] == '10.7.0.0/16' for h in r['resolved_nexthops']] == [['10.5.1.2', 'n1']]" \
        "10.7.0.0/16 nhid 2 resolves to 10.5.1.2 dev n1"
    # Nothing answers for 10.5.1.2 (the kernel would drop a nexthop object whose link
    # goes down, so an unresolved gateway is the fault left to find through an id).
    udp_send "$N" 10.5.1.2 9 1
    wait_for "the neighbour entry of 10.5.1.2 to fail" 10 bash -c \
        "ip -n '$N' neigh show 10.5.1.2 dev n1 | grep -q FAILED"
    ours=$(save compat-findings.json ip netns exec "$N" "$NETLENS" route --json)
    jsoncmp finding "$ours" neigh.gateway_unresolved critical 10.5.1.2 gateway=10.5.1.2 dev=n1 nhid=2 nexthop=2 \
        nexthops=2 weight=5
    jsoncmp no-finding "$ours" neigh.gateway_unresolved 10.5.0.2
fi

echo "# IPv6 default route: needed with a global address, not with ULA / link-local only"
U=$(make_ns rtU)
G=$(make_ns rtG)
veth_pair "$U" u0 "$G" g0
must ip -n "$U" addr add fd55::1/64 dev u0 nodad
must ip -n "$G" addr add 2001:db8:55::1/64 dev g0 nodad
must ip -n "$U" link set u0 up
must ip -n "$G" link set g0 up
settle "$U" "$G"
ours=$(save ula.json ip netns exec "$U" "$NETLENS" route --json)
jsoncmp no-finding "$ours" route.no_default
ours=$(save global.json ip netns exec "$G" "$NETLENS" route --json)
jsoncmp finding "$ours" route.no_default warning IPv6 family=inet6

finish
