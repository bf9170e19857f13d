#!/usr/bin/env bash
# Packet (-0), netlink (-A netlink) and MPTCP (-M) sockets in `netlens sockets`, against
# ss(8) on the same sockets in one namespace K (lo, and k0 a veth whose peer sits in P):
#
# kinds_fixture.py holds packet sockets (raw for every protocol with a BPF filter,
# datagram bound to k0, raw protocol 0, raw ARP on lo with a ring and a fanout group),
# netlink sockets of several protocols (one connected, one with an autobound negative
# port id) and, when the namespace has MPTCP, a listener and a connection. Then rows
# are compared whole after whitespace is squeezed (lib/kinds_cmp.py), for -0a, -0ap,
# -0ae, -0ab, -0am, -A packet_raw, -f link, -A netlink -a, -f netlink -ap, -Ma, -Mai
# (values by name), -Mae, filters, -n and -O; JSON records carry ss's values; and the
# kinds that are now read are no longer listed under `skipped`.
#
# ss's own sock_diag socket ("tcpdiag:ss/PID") appears in ss's output and ours in ours;
# both are left out (kinds_cmp.py), everything else is compared exactly.
source "$(dirname "$0")/lib/netns.sh"
NL_PREFIX="nlk$$"
netlens_from_args "$@"
require_root
command -v ss >/dev/null || skip "ss(8) is not installed (iproute2)"
CMP="$NL_LIB_DIR/kinds_cmp.py"

K=$(make_ns K)
P=$(make_ns P)
veth_pair "$K" k0 "$P" p0
must ip -n "$K" link set k0 up
must ip -n "$P" link set p0 up

MPTCP=0
if [[ $(ip netns exec "$K" sysctl -n net.mptcp.enabled 2>/dev/null) == 1 ]]; then
    MPTCP=1
else
    echo "# net.mptcp.enabled is not 1 in the namespace: MPTCP cases are skipped"
fi
start_bg ip netns exec "$K" "$PYTHON" "$NL_LIB_DIR/kinds_fixture.py" k0 "$MPTCP" "$NL_TMP/fixture.ready"
wait_for "the fixture's sockets" 10 test -s "$NL_TMP/fixture.ready"

# same FLAGS... [-- loose]: netlens sockets FLAGS and ss FLAGS print the same sockets.
same() {
    local mode=""
    if [[ $1 == loose ]]; then
        mode=loose
        shift
    fi
    local desc="sockets $*"
    local mine theirs
    mine=$(save ours.txt ip netns exec "$K" "$NETLENS" sockets "$@" -H)
    theirs=$(save ss.txt ip netns exec "$K" ss "$@" -H)
    local out
    if out=$("$PYTHON" -S "$CMP" text "$mine" "$theirs" $mode); then
        pass "$desc: $out"
    else
        echo "$out"
        flunk "$desc: rows differ from ss"
    fi
}

# same_json KIND-FLAGS...: netlens --json records carry the values ss -e prints.
same_json() {
    local desc="sockets $* --json"
    local mine theirs out
    mine=$(save ours.json ip netns exec "$K" "$NETLENS" sockets "$@" --json)
    theirs=$(save ss.txt ip netns exec "$K" ss "$@" -H)
    if out=$("$PYTHON" -S "$CMP" json "$mine" "$theirs"); then
        pass "$desc: $out"
    else
        echo "$out"
        flunk "$desc: JSON differs from ss"
    fi
}

echo "# packet sockets"
same -0a
same -0an
same -0ap
same -0ae
same -0ab
same -0am
same -0aeb -O
same -0aebm
same -A packet_raw -a
same -A packet_dgram -a
same -A packet -a
same -f link -a
same -0
same -0a dev k0
same -0a sport = :1
same -0a autobound
same -0a not autobound
same_json -0ae

echo "# netlink sockets"
same -A netlink -a
same -A netlink -an
same -A netlink -ae
same -A netlink -am
same -f netlink -ap
same -f netlink -a autobound
same -f netlink -a sport = :0
same -A netlink,packet -a
same_json -A netlink -a

if [[ $MPTCP == 1 ]]; then
    echo "# MPTCP sockets"
    same -Ma
    same -Man
    same loose -Mai
    same -Mae
    same -Mam
    same -Ma sport = :7300
    same -M -t -a
    same -A mptcp -l
    same_json -Mae
    same_json -Mai
fi

echo "# kinds now read are not listed as skipped"
run_ok "sockets -0a -A netlink -M --json" ip netns exec "$K" "$NETLENS" sockets -0 -A netlink,mptcp,packet -a --json
if "$PYTHON" -S -c '
import json, sys
doc = json.load(open(sys.argv[1]))
bad = [s for s in doc["skipped"] if s["check"].startswith("socket table")]
sys.exit(1 if bad else 0)' "$OUT"; then
    pass "sockets -0 -A netlink,mptcp,packet: nothing under skipped"
else
    flunk "sockets -0 -A netlink,mptcp,packet: skipped lists a kind: $(cat "$OUT")"
fi

finish
