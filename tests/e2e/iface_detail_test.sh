#!/usr/bin/env bash
# netlens iface in detail against ip(8) and ethtool(8) on the same namespace: every
# address flag ip can set or the kernel sets (secondary, dynamic with finite lifetimes,
# deprecated, noprefixroute, nodad, home, mngtmpaddr, tentative, dadfailed), peers,
# labels and broadcasts; link alias and the fields of ip -d link; neighbours in every
# state ip neigh add can make, FAILED from probing an absent host, and flags; ethtool's
# settings and driver info in text and JSON. Then the speed findings on a recording
# whose ethtool answers were edited: veth is fixed at 10000/full, so a slower or
# half-duplex link exists only in an edited recording.
source "$(dirname "$0")/lib/netns.sh"
netlens_from_args "$@"
require_root
command -v ethtool >/dev/null || skip "ethtool(8) is not installed"

CMP="$NL_LIB_DIR/iface_cmp.py"
# cmp_iface WHAT ARGS...: one comparison in iface_cmp.py; a mismatch is a failed check.
cmp_iface() {
    local out
    out=$("$PYTHON" -S "$CMP" "$@" 2>&1)
    local rc=$?
    echo "$out"
    NL_PASSES=$((NL_PASSES + $(grep -c '^ok:' <<<"$out")))
    ((rc == 0)) || flunk "iface_cmp $1: $(grep '^MISMATCH' <<<"$out" | head -3 | tr '\n' ' ')"
}

A=$(make_ns A)
B=$(make_ns B)
veth_pair "$A" a0 "$B" b0
veth_pair "$A" a1 "$A" a2
# Duplicate address detection: slow on a0 (30 probes, a second apart) so a tentative
# address stays tentative while it is compared; neighbours give up after one probe.
sysctl_ns "$A" net.ipv6.conf.a0.dad_transmits=30
sysctl_ns "$A" net.ipv6.conf.a0.accept_dad=1
sysctl_ns "$A" net.ipv4.neigh.a0.mcast_solicit=1
sysctl_ns "$A" net.ipv4.neigh.a0.retrans_time_ms=100
must ip -n "$A" link set a0 alias "uplink to B"
must ip -n "$A" link set a0 up
must ip -n "$A" link set a1 up           # a2 stays down: a1 has no link
must ip -n "$B" addr add fd01::99/64 dev b0 nodad
must ip -n "$B" link set b0 up

echo "# addresses with each flag"
must ip -n "$A" addr add 10.1.0.1/24 brd + dev a0
must ip -n "$A" addr add 10.1.0.5/24 dev a0                       # secondary
must ip -n "$A" addr add 10.1.0.9/24 dev a0 label a0:web
must ip -n "$A" addr add 10.2.0.1/24 dev a0 valid_lft 100 preferred_lft 50
must ip -n "$A" addr add 10.3.0.1 peer 10.3.0.2/32 dev a0
must ip -n "$A" addr add 10.4.0.1/24 dev a0 noprefixroute metric 300
must ip -n "$A" addr add fd01::1/64 dev a0 nodad
must ip -n "$A" addr add fd01::2/64 dev a0 nodad home
must ip -n "$A" addr add fd01::3/64 dev a0 nodad mngtmpaddr
must ip -n "$A" addr add fd01::4/64 dev a0 nodad valid_lft 200 preferred_lft 0   # deprecated
must ip -n "$A" addr add fd01::5/64 dev a0                         # tentative for 30 s
must ip -n "$A" addr add fd01::99/64 dev a0                        # B has it: dadfailed
if ip -n "$A" addr add fd01::6/64 dev a0 optimistic 2>"$NL_TMP/optimistic.err"; then
    echo "optimistic DAD address added"
else
    echo "note: no optimistic address: $(head -1 "$NL_TMP/optimistic.err") (kernel without optimistic DAD)"
fi
dad_failed() { ip -n "$A" -j addr show dev a0 | grep -q '"dadfailed":true'; }
wait_for "fd01::99 to fail duplicate address detection" 10 dad_failed

echo "# neighbours in each state"
must ip -n "$A" neigh add 10.1.0.50 lladdr 02:00:00:00:00:50 dev a0 nud permanent
must ip -n "$A" neigh add 10.1.0.51 lladdr 02:00:00:00:00:51 dev a0 nud stale
must ip -n "$A" neigh add 10.1.0.52 lladdr 02:00:00:00:00:52 dev a0 nud reachable
must ip -n "$A" neigh add 10.1.0.53 lladdr 02:00:00:00:00:53 dev a0 nud noarp
must ip -n "$A" neigh add 10.1.0.54 dev a0 nud none
must ip -n "$A" neigh add fd01::60 lladdr 02:00:00:00:00:60 dev a0 router nud permanent
must ip -n "$A" neigh add 10.1.0.56 lladdr 02:00:00:00:00:56 dev a0 extern_learn
must ip -n "$A" neigh add 10.1.0.57 lladdr 02:00:00:00:00:57 dev a0 nud permanent proto static
# On a1 the timers are ten minutes long, so DELAY, PROBE and INCOMPLETE entries made by
# hand keep their state while they are compared.
sysctl_ns "$A" net.ipv4.neigh.a1.delay_first_probe_time=600
sysctl_ns "$A" net.ipv4.neigh.a1.retrans_time_ms=600000
must ip -n "$A" neigh add 10.1.1.60 lladdr 02:00:00:00:01:60 dev a1 nud delay
must ip -n "$A" neigh add 10.1.1.61 lladdr 02:00:00:00:01:61 dev a1 nud probe
must ip -n "$A" neigh add 10.1.1.62 dev a1 nud incomplete
must ip -n "$A" neigh add 10.1.1.63 dev a1 nud failed
must ip -n "$A" neigh add proxy 10.1.0.200 dev a0
must ip -n "$A" -6 neigh add proxy fd01::200 dev a0
udp_send "$A" 10.1.0.77 9 1     # nobody has 10.1.0.77: INCOMPLETE, then FAILED
neigh_failed() { ip -n "$A" -j neigh show 10.1.0.77 | grep -q FAILED; }
wait_for "10.1.0.77 to become FAILED" 10 neigh_failed

# The kernel adds multicast neighbours (solicited-node groups) on its own while new
# addresses finish DAD: compare once the table has stopped changing.
neigh_settled() {
    local before
    before=$(ip -n "$A" -j neigh show nud all)
    sleep 0.3
    [[ $before == "$(ip -n "$A" -j neigh show nud all)" ]]
}
wait_for "the neighbour table to settle" 10 neigh_settled

echo "# netlens iface --json vs ip -j -d link, ip -j addr, ip -j neigh show nud all"
link=$(save link.json ip -n "$A" -j -d link show)
addr=$(save addr.json ip -n "$A" -j addr show)
ours=$(save ours.json ip netns exec "$A" "$NETLENS" iface --json)
neigh=$(save neigh.json ip -n "$A" -j neigh show nud all)
proxy=$(save proxy.json ip -n "$A" -j neigh show proxy)
jsoncmp doc "$ours" iface
cmp_iface links "$ours" "$link" "$addr"
cmp_iface neigh "$ours" "$neigh" "$proxy"
jsoncmp expect "$ours" '[l["alias"] for l in d["results"]["links"] if l["name"] == "a0"] == ["uplink to B"]' "a0 alias"
for flag in secondary dynamic deprecated noprefixroute nodad home mngtmpaddr tentative dadfailed; do
    jsoncmp expect "$ours" "any('$flag' in a['flags'] for l in d['results']['links'] for a in l['addresses'])" \
        "the fixture shows an address flagged $flag"
done
for state in PERMANENT STALE REACHABLE NOARP NONE FAILED DELAY PROBE INCOMPLETE; do
    jsoncmp expect "$ours" "any('$state' in n['state'] for n in d['results']['neighbours'])" \
        "the fixture shows a $state neighbour"
done

jsoncmp expect "$ours" 'sorted(n["destination"] for n in d["results"]["neighbours"] if "proxy" in n["flags"]) == ["10.1.0.200", "fd01::200"]' \
    "the proxy entries are listed, flagged proxy"

echo "# neighbours (text) vs ip neigh show nud all and ip neigh show proxy"
run_ok "iface --neigh" ip netns exec "$A" "$NETLENS" iface --neigh --color=never
for entry in "10.1.1.60 DELAY" "10.1.1.61 PROBE" "10.1.1.62 INCOMPLETE" "10.1.0.200 proxy" "fd01::200 proxy"; do
    set -- $entry
    if ip -n "$A" neigh show nud all | grep -q "^$1 .* $2 *\$" || ip -n "$A" neigh show proxy | grep -q "^$1 .*$2"; then
        grep -q "^$1 .*$2" "$OUT" && pass "iface --neigh shows $1 $2, as ip neigh does" ||
            flunk "iface --neigh lacks $1 $2 (ip shows it)"
    else
        flunk "fixture: ip shows no $1 $2"
    fi
done

echo "# link groups and address scopes named by /etc/iproute2, in a private mount namespace"
NAMES=$NL_TMP/iproute2
mkdir -p "$NAMES"
printf '0 default\n7 ipxgroup\n' >"$NAMES/group"
printf '0 global\n200 site\n253 link\n254 host\n255 nowhere\n' >"$NAMES/rt_scopes"
must ip -n "$A" link set a1 group 7
must ip -n "$A" link set a2 group 8
# "${named[@]}" CMD...: CMD reading our databases as /etc/iproute2 (in a mount namespace of its own).
named=("$NL_LIB_DIR/with_iproute2_dir.sh" "$NAMES")
if ! "${named[@]}" true 2>"$NL_TMP/unshare.err"; then
    echo "SKIP (part): no private mount namespace: $(head -1 "$NL_TMP/unshare.err")"
else
    named_link=$(save named-link.json "${named[@]}" ip -n "$A" -j -d link show)
    named_addr=$(save named-addr.json "${named[@]}" ip -n "$A" -j addr show)
    named_ours=$(save named-ours.json "${named[@]}" ip netns exec "$A" "$NETLENS" iface --json)
    cmp_iface links "$named_ours" "$named_link" "$named_addr"
    jsoncmp expect "$named_ours" 'sorted([l["name"], l["group"]] for l in d["results"]["links"] if l["name"] in ("a1", "a2")) == [["a1", "ipxgroup"], ["a2", "8"]]' \
        "group 7 is named by the group database, 8 has no entry"
    "${named[@]}" ip -n "$A" link show dev a1 | grep -q 'group ipxgroup' || flunk "fixture: ip link does not say group ipxgroup"
    named_text=$(save named-a1.txt "${named[@]}" ip netns exec "$A" "$NETLENS" iface a1 --color=never)
    grep -q 'group ipxgroup' "$named_text" && pass "iface a1 (text) says group ipxgroup, as ip link does" ||
        flunk "iface a1 (text) lacks group ipxgroup"
fi

echo "# the same through --ndjson"
ours_nd=$(save ours.ndjson ip netns exec "$A" "$NETLENS" iface --ndjson)
jsoncmp expect "$ours_nd" '[[l["alias"], l["ethtool"]["driver"]] for l in d["results"]["links"] if l["name"] == "a0"] == [["uplink to B", "veth"]]' \
    "--ndjson link records carry the alias and ethtool's driver"
jsoncmp expect "$ours_nd" 'sorted(a["flags"] for l in d["results"]["links"] for a in l["addresses"]) == sorted(a["flags"] for l in __import__("json").load(open("'"$ours"'"))["results"]["links"] for a in l["addresses"])' \
    "--ndjson address flags equal the --json ones"

echo "# ethtool settings and driver info: netlens iface DEV vs ethtool DEV / ethtool -i DEV"
run_ok "iface a2" ip netns exec "$A" "$NETLENS" iface a2 --color=never
cp "$OUT" "$NL_TMP/text-a2"
for dev in a0 a1 lo; do
    ip netns exec "$A" ethtool "$dev" >"$NL_TMP/ethtool-$dev" 2>&1
    ip netns exec "$A" ethtool -i "$dev" >"$NL_TMP/ethtool-i-$dev" 2>&1   # lo: no driver info
    text=$(save "text-$dev" ip netns exec "$A" "$NETLENS" iface "$dev" --color=never)
    cmp_iface ethtool-text "$text" "$dev" "$NL_TMP/ethtool-$dev" "$NL_TMP/ethtool-i-$dev"
    cmp_iface ethtool-json "$ours" "$dev" "$NL_TMP/ethtool-$dev" "$NL_TMP/ethtool-i-$dev"
done
grep -q 'Speed: 10000Mb/s' "$NL_TMP/ethtool-a0" || flunk "fixture: ethtool a0 does not say Speed: 10000Mb/s"
jsoncmp no-finding "$ours" link.half_duplex
jsoncmp no-finding "$ours" link.slower_than_peers

echo "# netlens iface a0 (text) shows a0's addresses as ip addr show does"
ip -n "$A" addr show dev a0 | sed -n 's/^ *\(inet6\? .*\)$/\1/p' | sed 's/ *$//' | sort >"$NL_TMP/ip-inet"
sed -n '/^ip link and addresses of a0:/,/^$/p' "$NL_TMP/text-a0" | sed -n 's/^ *\(inet6\? .*\)$/\1/p' | sed 's/ *$//' |
    sort >"$NL_TMP/ours-inet"
if diff -u "$NL_TMP/ip-inet" "$NL_TMP/ours-inet"; then
    pass "a0's $(wc -l <"$NL_TMP/ours-inet") address lines equal ip addr show's"
else
    flunk "a0's address lines differ from ip addr show"
fi

echo "# netlens iface DEV (text) shows the link as ip link show DEV does"
# ip names the peer's namespace (link-netns NAME), which only ip's nsid lookup knows;
# netlens gives the id. Both are cut off.
for dev in a0 a1 a2 lo; do
    ip -n "$A" link show dev "$dev" | sed 's/^ *//; s/ link-netns[id]* .*$//' >"$NL_TMP/ip-link-$dev"
    sed -n "/^ip link and addresses of $dev:/,/^\$/p" "$NL_TMP/text-$dev" 2>/dev/null | sed '1d' |
        grep -v '^ *inet\|^ *valid_lft\|^$' | sed 's/^ *//; s/ link-netns[id]* .*$//' >"$NL_TMP/ours-link-$dev"
    if [[ -s $NL_TMP/ours-link-$dev ]] && diff -u "$NL_TMP/ip-link-$dev" "$NL_TMP/ours-link-$dev"; then
        pass "$dev: $(head -1 "$NL_TMP/ours-link-$dev")"
    else
        flunk "$dev: netlens iface $dev link lines differ from ip link show"
    fi
done

echo "# speed findings on an edited recording: C has three veth links up at 10000/full"
C=$(make_ns C)
for i in 1 2 3; do
    veth_pair "$C" "c$i" "$C" "p$i"
    must ip -n "$C" link set "c$i" up
    must ip -n "$C" link set "p$i" up
done
run_ok "record iface in C" ip netns exec "$C" "$NETLENS" iface --json --record "$NL_TMP/c.rec"
cp "$OUT" "$NL_TMP/c-live.json"
jsoncmp no-finding "$NL_TMP/c-live.json" link.slower_than_peers
jsoncmp no-finding "$NL_TMP/c-live.json" link.half_duplex
cmp_iface edit-recording "$NL_TMP/c.rec" c2 speed 1000
cmp_iface edit-recording "$NL_TMP/c.rec" c3 duplex 0
run_ok "replay the edited recording" "$NETLENS" iface --json --replay "$NL_TMP/c.rec"
cp "$OUT" "$NL_TMP/c-replayed.json"
jsoncmp finding "$NL_TMP/c-replayed.json" link.slower_than_peers warning c2 speed_mbps=1000 peer_speed_mbps=10000 driver=veth
jsoncmp finding "$NL_TMP/c-replayed.json" link.half_duplex warning c3 duplex=Half speed_mbps=10000
jsoncmp expect "$NL_TMP/c-replayed.json" '[l["ethtool"]["speed_mbps"] for l in d["results"]["links"] if l["name"] in ("c1", "c2")] == [10000, 1000]' \
    "the replayed c2 runs at the edited 1000 Mb/s"
run_ok "replay iface c2 (text)" "$NETLENS" iface c2 --replay "$NL_TMP/c.rec" --color=never
grep -q $'^\tSpeed: 1000Mb/s$' "$OUT" && pass "iface c2 text says Speed: 1000Mb/s" || flunk "iface c2 text lacks Speed: 1000Mb/s"

echo "# a recording made before ethtool answers, /etc/iproute2 and proxy neighbours were recorded"
cmp_iface age-recording "$NL_TMP/c.rec" "$NL_TMP/c-old.rec"
run_ok "replay the older recording" "$NETLENS" iface --json --replay "$NL_TMP/c-old.rec"
cp "$OUT" "$NL_TMP/c-old.json"
jsoncmp expect "$NL_TMP/c-old.json" 'any(s["check"] == "ethtool" and "c1" in s["reason"] and not s.get("partial") for s in d["skipped"])' \
    "the missing ethtool answers are a skipped check naming the links, not damage"
jsoncmp expect "$NL_TMP/c-old.json" 'any(s["check"] == "iproute2 names" for s in d["skipped"]) and any(s["check"] == "proxy neighbours" for s in d["skipped"])' \
    "the missing name databases and proxy dump are skipped checks"
jsoncmp expect "$NL_TMP/c-old.json" 'sorted(l["name"] for l in d["results"]["links"]) == sorted(l["name"] for l in __import__("json").load(open("'"$NL_TMP/c-replayed.json"'"))["results"]["links"])' \
    "the older recording still shows every link"

finish
