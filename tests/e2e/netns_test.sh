#!/usr/bin/env bash
# Namespace selection: --all-netns must visit each of three namespaces and label its rows
# (links, routes, findings) with the right name; --netns accepts a name, a path and
# pid:PID; a namespace that does not exist is a usage error naming it.
#
#   X: red0 10.11.0.1/24  ---  Y: grn1      (a ring of veths, so every namespace holds
#   Y: grn0 10.12.0.1/24  ---  Z: blu1       two links named after it)
#   Z: blu0 10.13.0.1/24  ---  X: red1
# Each has a global address and no default route, so each gets route.no_default.
# --all-netns runs where only these three (and the current namespace) can be seen, so it
# must exit 0: no other test's namespace can vanish midway and excuse a partial result.
source "$(dirname "$0")/lib/netns.sh"
netlens_from_args "$@"
require_root

X=$(make_ns red)
Y=$(make_ns green)
Z=$(make_ns blue)
veth_pair "$X" red0 "$Y" grn1
veth_pair "$Y" grn0 "$Z" blu1
veth_pair "$Z" blu0 "$X" red1
must ip -n "$X" addr add 10.11.0.1/24 dev red0
must ip -n "$Y" addr add 10.12.0.1/24 dev grn0
must ip -n "$Z" addr add 10.13.0.1/24 dev blu0
must ip -n "$X" link set red0 up
must ip -n "$Y" link set grn1 up
must ip -n "$Y" link set grn0 up
must ip -n "$Z" link set blu1 up
# blu0 and red1 stay down.
settle "$X" "$Y" "$Z"

only_these_netns "$X" "$Y" "$Z"

# The full document once; individual namespaces are compared against it.
check_all_netns() {
    local what=$1 ours=$2 rc=$3
    if [[ $rc != 0 ]]; then
        show "stderr" "$ERR"
        flunk "$what --all-netns exited $rc, expected 0"
    fi
    jsoncmp doc "$ours" "$what"
    # Every namespace in view could be entered.
    jsoncmp expect "$ours" 'not [s for s in d["skipped"] if "netns" in s["check"] or "namespace" in s["reason"]]' \
        "$what --all-netns skipped no namespace"
}

echo "# netlens iface --all-netns --json, bracketed by ip -s link in each namespace"
# (IPv6 router solicitations and MLD reports keep counters moving after links come up.)
for ns in "$X" "$Y" "$Z"; do save "before-$ns.json" ip -n "$ns" -d -j -s link show >/dev/null; done
run "${VIEW[@]}" "$NETLENS" iface --all-netns --json
cp "$OUT" "$NL_TMP/all.json"
all="$NL_TMP/all.json"
for ns in "$X" "$Y" "$Z"; do save "after-$ns.json" ip -n "$ns" -d -j -s link show >/dev/null; done
check_all_netns iface "$all" "$RC"
for ns in "$X" "$Y" "$Z"; do
    addr=$(save "addr-$ns.json" ip -n "$ns" -j addr show)
    NL_CONTEXT="iface --all-netns, $ns"
    jsoncmp iface "$all" "$addr" "$NL_TMP/before-$ns.json" "$NL_TMP/after-$ns.json" "$ns"
done
NL_CONTEXT=""
jsoncmp expect "$all" 'all(l.get("netns") for l in d["results"]["links"])' "every link row has a netns label"
jsoncmp expect "$all" 'len({l["netns"] for l in d["results"]["links"]} - {"'"$X"'", "'"$Y"'", "'"$Z"'"}) == 1' \
    "the links come from $X, $Y, $Z and one more namespace, the current one; no other"
jsoncmp expect "$all" 'sorted(l["name"] for l in d["results"]["links"] if l.get("netns") == "'"$X"'") == ["lo", "red0", "red1"]' \
    "$X holds exactly lo, red0, red1"
jsoncmp expect "$all" 'not [l for l in d["results"]["links"] if l["name"].startswith(("grn", "blu")) and l.get("netns") == "'"$X"'"]' \
    "no green/blue link is labelled $X"
jsoncmp expect "$all" '{f["netns"] for f in d["findings"] if f["id"] == "route.no_default"} >= {"'"$X"'", "'"$Y"'", "'"$Z"'"}' \
    "route.no_default is reported once per test namespace, labelled with it"
jsoncmp expect "$all" 'sorted((f["netns"], f["title"].split()[0]) for f in d["findings"] if f["id"] == "link.admin_down" and f.get("netns", "").startswith("'"$NL_PREFIX-"'")) == sorted([("'"$Z"'", "blu0"), ("'"$X"'", "red1")])' \
    "link.admin_down for blu0 (in $Z) and red1 (in $X), labelled with their namespaces"

echo "# netlens route --all-netns --json"
run "${VIEW[@]}" "$NETLENS" route --all-netns --json
cp "$OUT" "$NL_TMP/routes.json"
check_all_netns route "$NL_TMP/routes.json" "$RC"
for ns in "$X" "$Y" "$Z"; do
    v4=$(save "ip4-$ns.json" ip -n "$ns" -j route show)
    v6=$(save "ip6-$ns.json" ip -n "$ns" -6 -j route show)
    NL_CONTEXT="route --all-netns, $ns"
    jsoncmp route-list "$NL_TMP/routes.json" "$v4" "$v6" "$ns"
done
NL_CONTEXT=""
jsoncmp expect "$NL_TMP/routes.json" 'all(r.get("netns") for r in d["results"]["routes"])' "every route row has a netns label"

echo "# --netns by name, by path and by pid"
start_bg ip netns exec "$Y" sleep 60
sleeper=$BG_PID
wait_for "the sleeper to enter $Y" 5 bash -c "ip netns identify $sleeper | grep -qx $Y"
for target in "$Y" "/run/netns/$Y" "pid:$sleeper"; do
    ours=$(save "one.json" "$NETLENS" iface --netns "$target" --json)
    jsoncmp expect "$ours" 'sorted(l["name"] for l in d["results"]["links"]) == ["grn0", "grn1", "lo"]' \
        "--netns $target shows $Y's links"
    jsoncmp expect "$ours" '{l.get("netns") for l in d["results"]["links"]} == {"'"$target"'"}' \
        "--netns $target labels rows with \"$target\""
done
stop_bg "$sleeper"

echo "# namespaces that do not exist"
expect_error 2 nosuchns "$NETLENS" iface --netns nosuchns
expect_error 2 "$NL_PREFIX-nosuchns" "$NETLENS" route --netns "$NL_PREFIX-nosuchns" --json
expect_error 2 "/nonexistent/ns" "$NETLENS" iface --netns /nonexistent/ns
run "$NETLENS" iface --netns "$X" --all-netns
if [[ $RC == 2 ]]; then pass "--netns with --all-netns exits 2"; else flunk "--netns with --all-netns exited $RC, expected 2"; fi

finish
