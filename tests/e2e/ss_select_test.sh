#!/usr/bin/env bash
# Which sockets `netlens sockets` reads, against ss(8) on the same sockets:
#
#   C (client) c0 10.31.0.2/24 fd31::2/64  ---  s0 10.31.0.1/24 fd31::1/64 S (server)
#
# select_fixture.py puts TCP listeners, connections and UDP sockets over IPv4 and IPv6
# and UNIX stream, datagram and seqpacket sockets in place. Then:
#   - -f, -A (with commas, '!' and its order rule against -t), -t -u -w -x -4 -6, -a -l:
#     the same rows as ss with the same flags;
#   - kinds netlens does not read (-S, -d, --vsock, --xdp): ss prints nothing here,
#     netlens neither, and says why under `skipped` (packet, netlink and MPTCP sockets:
#     ss_kinds_test.sh);
#   - -N NAME is --netns NAME; -F FILE reads the filter from a file (and stdin);
#   - -K closes exactly the matching connections: the rows shown are those ss listed, the
#     peers get a reset, ss no longer lists them, the others stay; without CAP_NET_ADMIN
#     exit 4;
#   - -E shows the sockets the kernel destroys as ss -E does, in text and NDJSON;
#   - bad -f / -A words and -D are usage errors.
source "$(dirname "$0")/lib/netns.sh"
source "$(dirname "$0")/lib/sockets_check.sh"
netlens_from_args "$@"
require_root
command -v ss >/dev/null || skip "ss(8) is not installed (iproute2)"
FIX="$NL_LIB_DIR/select_fixture.py"

C=$(make_ns C)
S=$(make_ns S)
veth_pair "$C" c0 "$S" s0
must ip -n "$C" addr add 10.31.0.2/24 dev c0
must ip -n "$S" addr add 10.31.0.1/24 dev s0
must ip -n "$C" addr add fd31::2/64 dev c0 nodad
must ip -n "$S" addr add fd31::1/64 dev s0 nodad
must ip -n "$C" link set c0 up
must ip -n "$S" link set s0 up
settle "$C" "$S"

start_bg ip netns exec "$S" "$PYTHON" "$FIX" server 10.31.0.1 fd31::1 "$NL_TMP/server.ready"
wait_for "the server's sockets" 10 test -e "$NL_TMP/server.ready"
start_bg ip netns exec "$C" "$PYTHON" "$FIX" client 10.31.0.1 fd31::1 "$NL_TMP/client.ready"
wait_for "the client's sockets" 10 test -e "$NL_TMP/client.ready"
sleep 0.5  # the server accepts every 50 ms: its accept queues empty before any comparison


# compare NS KIND FLAGS...: netlens sockets FLAGS --json vs ss FLAGS -H in NS. KIND is
# how to read ss's rows when it prints no Netid column: inet or unix.
compare() {
    local ns=$1 kind=$2
    shift 2
    NL_CONTEXT="sockets $* in ${ns#"$NL_PREFIX"-}"
    echo "# $NL_CONTEXT"
    local mine theirs
    mine=$(save ours.json ip netns exec "$ns" "$NETLENS" sockets "$@" --json)
    theirs=$(save ss.txt ip netns exec "$ns" ss "$@" -H)
    check ss-set "$mine" "$theirs" "$kind"
    NL_CONTEXT=""
}

echo "# families and socket tables"
for ns in "$S" "$C"; do
    compare "$ns" inet -f inet -an
    compare "$ns" inet -f inet6 -an
    compare "$ns" inet -f inet -f inet6 -n
    compare "$ns" inet -A tcp -an
    compare "$ns" inet -A udp,raw -an
    compare "$ns" inet -A inet -an
    compare "$ns" inet -A inet,!tcp -an
    compare "$ns" inet -4 -an
    compare "$ns" inet -6 -ln
    compare "$ns" inet -t -6 -an
    compare "$ns" inet -u -4 -an
    compare "$ns" inet -t -A udp -an
    compare "$ns" inet -A udp -t -an
    compare "$ns" inet -A tcp -f inet6 -an
    compare "$ns" inet -A tcp,udp -l -n
    compare "$ns" inet -l -A tcp -n
    compare "$ns" inet -A tcp -n
    compare "$ns" inet -f inet -t -n state established
done
compare "$S" unix -f unix -an
compare "$S" unix -A unix -an
compare "$S" unix -A unix_stream -an
compare "$S" unix -A u_str -ln
compare "$S" unix -A unix_dgram -an
compare "$S" unix -A unix_seqpacket -an
compare "$S" unix -A unix,!unix_dgram -an
compare "$S" unix -A all,!netlink,!packet -an
compare "$S" unix -t -x -an
compare "$S" unix -x -4 -an
compare "$S" unix -A unix -f inet -an

echo "# -x with -4/-6/-0/-f: the last family flag decides, as in ss"
for flags in "-x -6 -an" "-4 -x -an" "-6 -x -an" "-4 -6 -an" "-6 -4 -an" "-4 -6 -x -an" "-x -f inet6 -an" \
    "-f unix -4 -an" "-x -0 -an" "-0 -x -an" "-0 -4 -an" "-x -u -an" "-u -x -4 -an" "-t -x -6 -an" "-x -A tcp -an" \
    "-A tcp -x -an"; do
    # shellcheck disable=SC2086 # the flags are words
    compare "$S" unix $flags
done
# How filter values are read follows the last family flag too: after -4 an address,
# after -x a UNIX glob (and then only UNIX sockets are listed).
compare "$S" unix -x -4 -an src 10.31.0.1
compare "$S" unix -4 -x -an src "*"
compare "$S" unix -6 -x -an dst "*"
compare "$S" unix -x -6 -an "src [fd31::1]"
compare "$S" unix -x -4 -6 -an "dst [fd31::2]"

echo "# kinds netlens does not read: ss prints none here, netlens none, and says why"
# ss_empty NS FLAGS...: ss lists nothing; netlens lists nothing and skips each kind.
not_read() {
    local ns=$1 reason=$2 kinds=$3
    shift 3
    NL_CONTEXT="sockets $* in ${ns#"$NL_PREFIX"-}"
    local theirs
    theirs=$(ip netns exec "$ns" ss "$@" -H | wc -l)
    run ip netns exec "$ns" "$NETLENS" sockets "$@" --json
    [[ $RC == 0 ]] || flunk "$NL_CONTEXT: exit $RC: $(cat "$ERR")"
    if [[ $theirs != 0 ]]; then
        echo "# ss lists $theirs socket(s) for $*: not compared"
        return
    fi
    if "$PYTHON" -S - "$OUT" "$reason" "$kinds" <<'PY'; then
import json, sys
doc = json.load(open(sys.argv[1]))
rows = doc["results"].get("sockets", [])
skipped = {s["check"]: s["reason"] for s in doc["skipped"]}
want = [f"socket table {k}" for k in sys.argv[3].split(",")]
bad = [w for w in want if sys.argv[2] not in skipped.get(w, "")]
sys.exit(1 if rows or bad else 0)
PY
        pass "$NL_CONTEXT: no rows, like ss; skipped says '$reason' for $kinds"
    else
        flunk "$NL_CONTEXT: expected no rows and a skipped '$reason' for $kinds: $(cat "$OUT")"
    fi
    NL_CONTEXT=""
}
not_read "$S" "" sctp -S -an
not_read "$S" "" dccp -A dccp -an
not_read "$S" "the kernel has no" v_str,v_dgr --vsock -an
not_read "$S" "the kernel has no" xdp --xdp -an

echo "# -N NAME is --netns NAME"
ns_name=${S#/run/netns/}
mine=$(save ours-N.json "$NETLENS" sockets -N "$ns_name" -tan --json)
"$PYTHON" -S - "$mine" <<'PY' || flunk "-N: rows are not labelled with the namespace"
import json, sys
doc = json.load(open(sys.argv[1]))
sys.exit(0 if doc["results"]["sockets"] and all(s.get("netns") for s in doc["results"]["sockets"]) else 1)
PY
theirs=$(save ss-N.txt ss -N "$ns_name" -tan -H)
NL_CONTEXT="sockets -N $ns_name -tan"
check ss-set "$mine" "$theirs" inet
NL_CONTEXT=""

echo "# -F FILE: the filter from a file, and from standard input"
echo "dport = :7001 or sport = :7001" >"$NL_TMP/filter"
compare "$C" inet -t -n -F "$NL_TMP/filter"
compare "$S" inet -t -an -F "$NL_TMP/filter"
mine="$NL_TMP/ours-F.json"
ip netns exec "$S" "$NETLENS" sockets -tan -F - --json <"$NL_TMP/filter" >"$mine" || flunk "-F -: failed"
theirs="$NL_TMP/ss-F.txt"
ip netns exec "$S" ss -tan -H -F - <"$NL_TMP/filter" >"$theirs"
NL_CONTEXT="sockets -tan -F -"
check ss-set "$mine" "$theirs" inet
NL_CONTEXT=""

echo "# usage errors"
expect_error 2 "tpc" "$NETLENS" sockets -A tcp,tpc
expect_error 2 "inet4" "$NETLENS" sockets -f inet4
expect_error 2 "--record" "$NETLENS" sockets -D "$NL_TMP/dump"
expect_error 2 "$NL_TMP/nope" "$NETLENS" sockets -F "$NL_TMP/nope"
run "$NETLENS" sockets -f help
[[ $RC == 0 ]] && grep -q "inet6" "$OUT" && pass "-f help lists the families" || flunk "-f help: exit $RC"
run "$NETLENS" sockets -V
[[ $RC == 0 ]] && grep -q "^netlens " "$OUT" && pass "-V prints the version" || flunk "-V: exit $RC"

echo "# -K: close the connections to :7001 on S, and nothing else"
start_bg ip netns exec "$C" "$PYTHON" "$FIX" holder 10.31.0.1 7001 3 "$NL_TMP/holder.log"
wait_for "the holder's connections" 10 test -e "$NL_TMP/holder.log.ready"
K_FILTER=(sport = :7001)
before=$(save ss-before-K.txt ip netns exec "$S" ss -tn -H "${K_FILTER[@]}")
untouched=$(ip netns exec "$S" ss -tn -H sport = :7002 | wc -l)
((untouched > 0)) || fail "fixture: no connections to :7002 to leave alone"
# Without CAP_NET_ADMIN: exit 4, nothing closed.
expect_error 4 "CAP_NET_ADMIN" ip netns exec "$S" setpriv --inh-caps=-net_admin --bounding-set=-net_admin \
    "$NETLENS" sockets -K "${K_FILTER[@]}"
[[ $(ip netns exec "$S" ss -tn -H "${K_FILTER[@]}" | wc -l) == $(wc -l <"$before") ]] &&
    pass "-K without CAP_NET_ADMIN closed nothing" || flunk "-K without CAP_NET_ADMIN closed sockets"
killed=$(save ours-K.json ip netns exec "$S" "$NETLENS" sockets -K "${K_FILTER[@]}" --json)
NL_CONTEXT="sockets -K: the rows shown are the ones ss listed before"
check ss-set "$killed" "$before" inet
NL_CONTEXT=""
wait_for "the peers' resets" 10 grep -q "reset 3" "$NL_TMP/holder.log"
pass "-K: the holder's 3 connections got a reset from the peer"
left=$(ip netns exec "$S" ss -tn -H "${K_FILTER[@]}" | wc -l)
[[ $left == 0 ]] && pass "-K: ss lists none of them any more" || flunk "-K: ss still lists $left"
now=$(ip netns exec "$S" ss -tn -H sport = :7002 | wc -l)
[[ $now == "$untouched" ]] && pass "-K: the $untouched connections on :7002 are untouched" ||
    flunk "-K: connections on :7002 went from $untouched to $now"
[[ $(ip netns exec "$S" ss -tln -H sport = :7001 | wc -l) == 1 ]] && pass "-K: the listener on :7001 is untouched" ||
    flunk "-K: the listener on :7001 is gone"

echo "# -E: destroyed sockets, as ss -E shows them"
# ss -E and netlens -E side by side: each prints what it saw.
run_events() {
    local name=$1 want=$2
    shift 2
    ip netns exec "$C" stdbuf -oL ss -E -H "$@" >"$NL_TMP/ss-$name.txt" 2>&1 &
    local ss_pid=$!
    echo "$ss_pid" >>"$NL_TMP/.pids"
    ip netns exec "$C" "$NETLENS" sockets -E -H "$@" >"$NL_TMP/ours-$name.txt" 2>"$NL_TMP/ours-$name.err" &
    local our_pid=$!
    echo "$our_pid" >>"$NL_TMP/.pids"
    ip netns exec "$C" "$NETLENS" sockets -E "$@" --ndjson >"$NL_TMP/ours-$name.ndjson" 2>&1 &
    local nd_pid=$!
    echo "$nd_pid" >>"$NL_TMP/.pids"
    sleep 1
    ip netns exec "$C" "$PYTHON" "$FIX" churn 10.31.0.1 fd31::1 3 || fail "churn"
    sleep 1
    local rc=0 nd_rc=0
    kill -INT "$our_pid"
    wait "$our_pid" || rc=$?
    kill -TERM "$nd_pid"
    wait "$nd_pid" || nd_rc=$?
    kill "$ss_pid"
    wait "$ss_pid" 2>/dev/null
    [[ $rc == 0 && $nd_rc == 0 ]] && pass "-E $*: SIGINT and SIGTERM end it with exit 0" ||
        flunk "-E $*: exit $rc / $nd_rc after SIGINT / SIGTERM: $(cat "$NL_TMP/ours-$name.err")"
    if "$PYTHON" -S - "$NL_TMP/ss-$name.txt" "$NL_TMP/ours-$name.txt" "$NL_TMP/ours-$name.ndjson" "$want" <<'PY'; then
import json, sys
NETIDS = ("tcp", "udp")
def split(path):
    return [l.split() for l in open(path) if l.strip()]
def state_at(tokens):
    return 1 if tokens[0] in NETIDS else 0
theirs, mine = split(sys.argv[1]), split(sys.argv[2])
# ss drops the State column when the selection has one state (-u: ESTAB); netlens keeps it.
if theirs and all(t[state_at(t)].lstrip("-").isdigit() for t in theirs):
    mine = [t[:state_at(t)] + t[state_at(t) + 1:] for t in mine]
theirs = sorted(" ".join(t) for t in theirs)
mine = sorted(" ".join(t) for t in mine)
records = [json.loads(l) for l in open(sys.argv[3]) if l.strip()]
events = [r for r in records if r.get("type") == "socket_event"]
if theirs != mine:
    print("MISMATCH: ss -E:\n  " + "\n  ".join(theirs) + "\nnetlens -E:\n  " + "\n  ".join(mine))
    sys.exit(1)
if len(theirs) < int(sys.argv[4]):
    print(f"MISMATCH: only {len(theirs)} events, expected at least {sys.argv[4]}")
    sys.exit(1)
if len(events) != len(theirs):
    print(f"MISMATCH: {len(events)} NDJSON events, ss saw {len(theirs)}")
    sys.exit(1)
print(f"ok: {len(theirs)} events agree with ss -E, NDJSON too")
PY
        pass "-E $*: the same destroyed sockets as ss -E"
    else
        flunk "-E $*: differs from ss -E"
    fi
}
run_events tcp 6 -t -n
run_events udp 6 -u -n
run_events all 12 -n
run_events v4 6 -4 -n

finish
