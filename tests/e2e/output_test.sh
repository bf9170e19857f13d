#!/usr/bin/env bash
# Every output form against ip(8), in a quiet test namespace Q (nothing sends, so
# counters stay within ip's readings before and after each run):
#
#   Q: q0 10.50.0.1/24 + fd50::1/64, up; its peer q1 down (no carrier on q0, q1
#      administratively down: findings and states to colour); routes via 10.50.0.254
#
# --color=always colours text and never/auto (a pipe) do not; --json, --ndjson (also with
# --interval) and --output FILE in either form carry the links and routes ip shows.
source "$(dirname "$0")/lib/netns.sh"
netlens_from_args "$@"
require_root

Q=$(make_ns quiet)
veth_pair "$Q" q0 "$Q" q1
must ip -n "$Q" addr add 10.50.0.1/24 dev q0
must ip -n "$Q" addr add fd50::1/64 dev q0 nodad
must ip -n "$Q" link set q0 up
must ip -n "$Q" route add 198.51.100.0/24 via 10.50.0.254 dev q0 onlink
must ip -n "$Q" route add default via 10.50.0.254 dev q0 onlink

echo "# --color"
run_ok "--color=always" "$NETLENS" iface --netns "$Q" --color=always
if grep -q $'\x1b\[' "$OUT"; then pass "--color=always colours text"; else flunk "--color=always printed no escape codes"; fi
run_ok "--color=never" "$NETLENS" iface --netns "$Q" --color=never
if grep -q $'\x1b' "$OUT"; then flunk "--color=never printed escape codes"; else pass "--color=never does not colour"; fi
run_ok "--color=auto" "$NETLENS" iface --netns "$Q"
if grep -q $'\x1b' "$OUT"; then flunk "--color=auto coloured a pipe"; else pass "--color=auto does not colour a pipe"; fi

# compare_iface NAME NETLENS-ARGS...: one netlens iface run, its output saved as NAME
# (a .ndjson name is read as a stream), bracketed by ip -s link, compared with ip.
compare_iface() {
    local name=$1
    shift
    NL_CONTEXT="iface $* ($name)"
    echo "# $NL_CONTEXT vs ip"
    local before after addr ours
    before=$(save "$name.before" ip -n "$Q" -d -j -s link show)
    ours=$(save "$name" "$NETLENS" iface --netns "$Q" "$@")
    after=$(save "$name.after" ip -n "$Q" -d -j -s link show)
    addr=$(save "$name.addr" ip -n "$Q" -j addr show)
    jsoncmp doc "$ours" iface
    jsoncmp iface "$ours" "$addr" "$before" "$after" "$Q"
    NL_CONTEXT=""
}

# compare_routes NAME NETLENS-ARGS...: netlens route, saved as NAME, vs ip route show.
compare_routes() {
    local name=$1
    shift
    NL_CONTEXT="route $* ($name)"
    echo "# $NL_CONTEXT vs ip"
    local ours v4 v6
    ours=$(save "$name" "$NETLENS" route --netns "$Q" "$@")
    v4=$(save "$name.ip4" ip -n "$Q" -j route show)
    v6=$(save "$name.ip6" ip -n "$Q" -6 -j route show)
    jsoncmp doc "$ours" route
    jsoncmp route-list "$ours" "$v4" "$v6" "$Q"
    NL_CONTEXT=""
}

compare_iface iface.json --json
compare_iface iface.ndjson --ndjson
jsoncmp ndjson "$NL_TMP/iface.ndjson" "$NL_TMP/iface.json" iface
jsoncmp finding "$NL_TMP/iface.ndjson" link.no_carrier critical q0
jsoncmp finding "$NL_TMP/iface.ndjson" link.admin_down info q1
compare_iface interval.json --json --interval 0.1
compare_iface interval.ndjson --ndjson --interval 0.1
jsoncmp ndjson "$NL_TMP/interval.ndjson" "$NL_TMP/interval.json" iface
jsoncmp expect "$NL_TMP/interval.ndjson" 'all(l["delta"]["interval_s"] >= 0.1 for l in d["results"]["links"])' \
    "--ndjson --interval 0.1: every link row has a delta over at least 0.1 s"

compare_routes route.json --json
compare_routes route.ndjson --ndjson
jsoncmp ndjson "$NL_TMP/route.ndjson" "$NL_TMP/route.json" route

echo "# --output FILE"
for form in json ndjson; do
    file="$NL_TMP/written.$form"
    run_ok "route --$form --output FILE" "$NETLENS" route --netns "$Q" --"$form" --output "$file"
    if [[ -s $OUT ]]; then flunk "--$form --output FILE: $(wc -c <"$OUT") bytes on stdout, expected none"; fi
    [[ -s $file ]] || fail "--$form --output FILE: $file not written"
    must ip -n "$Q" -j route show >"$NL_TMP/written.ip4"
    must ip -n "$Q" -6 -j route show >"$NL_TMP/written.ip6"
    NL_CONTEXT="route --$form --output FILE"
    jsoncmp route-list "$file" "$NL_TMP/written.ip4" "$NL_TMP/written.ip6" "$Q"
    NL_CONTEXT=""
done
run_ok "route --output FILE (text)" "$NETLENS" route --netns "$Q" --output "$NL_TMP/written.txt"
[[ -s $OUT ]] && flunk "--output FILE (text): $(wc -c <"$OUT") bytes on stdout, expected none"
missing=()
for dst in 10.50.0.0/24 198.51.100.0/24 fd50::/64 10.50.0.254; do
    grep -qF -- "$dst" "$NL_TMP/written.txt" || missing+=("$dst")
done
if ((${#missing[@]})); then
    show "written.txt" "$NL_TMP/written.txt"
    flunk "--output FILE (text) lacks ${missing[*]}, which ip route shows"
else
    pass "--output FILE (text) names every prefix and the gateway ip route shows"
fi

finish
