#!/usr/bin/env bash
# netlens sockets against ss(8) on the same sockets:
#
#   C (client) c0 10.30.0.2/24  ---  s0 10.30.0.1/24 S (server)
#
# socket_zoo.py puts sockets in LISTEN, ESTAB, CLOSE-WAIT, FIN-WAIT-2, TIME-WAIT,
# SYN-SENT (nft in C drops SYNs to :9999), SYN-RECV (nft in C drops the pure ACKs to
# :8000), a full accept queue (:7000), data never read (:5000, UDP, UNIX) and data never
# acknowledged (nft in C drops the client's data to :5002), UDP and UNIX. Then: the
# socket sets of both tools agree, Recv-Q and Send-Q included, plain and under a dozen
# filters; -p names the right processes (also for a socket shared after fork); -s names
# the CLOSE-WAIT leak, the SYN-SENT pile and the full queue with the numbers ss shows;
# --top counts peers as ss's rows do; port exhaustion fires in a namespace whose range is
# cut to 100 ports.
source "$(dirname "$0")/lib/netns.sh"
source "$(dirname "$0")/lib/sockets_check.sh"
netlens_from_args "$@"
require_root
command -v ss >/dev/null || skip "ss(8) is not installed (iproute2)"
command -v nft >/dev/null || skip "nft is not installed (nftables)"
ZOO="$NL_LIB_DIR/socket_zoo.py"

C=$(make_ns C)
S=$(make_ns S)
veth_pair "$C" c0 "$S" s0
must ip -n "$C" addr add 10.30.0.2/24 dev c0
must ip -n "$S" addr add 10.30.0.1/24 dev s0
must ip -n "$C" link set c0 up
must ip -n "$S" link set s0 up
ip netns exec "$C" nft -f - <<'NFT' || fail "nft rules in C"
table inet zoo {
  chain out {
    type filter hook output priority 0;
    tcp dport 9999 drop
    tcp dport 8000 tcp flags & (syn | ack | fin | rst) == ack drop
    tcp dport 5002 ip length > 100 drop
  }
}
NFT

start_bg ip netns exec "$S" "$PYTHON" "$ZOO" server 10.30.0.1 "$NL_TMP/server.ready"
SERVER_PID=$BG_PID
wait_for "the server's sockets" 10 test -e "$NL_TMP/server.ready"
start_bg ip netns exec "$C" "$PYTHON" "$ZOO" client 10.30.0.1 "$NL_TMP/client.ready"
wait_for "the client's sockets" 20 test -e "$NL_TMP/client.ready"
server_pid=$(cat "$NL_TMP/server.ready")
client_pid=$(cat "$NL_TMP/client.ready")


# compare NS FLAGS [FILTER...]: netlens sockets FLAGS --json vs ss FLAGS -H in NS.
compare() {
    local ns=$1 flags=$2
    shift 2
    NL_CONTEXT="sockets $flags $* in ${ns#"$NL_PREFIX"-}"
    echo "# $NL_CONTEXT"
    local mine theirs kind=inet
    [[ $flags == *x* ]] && kind=unix
    mine=$(save ours.json ip netns exec "$ns" "$NETLENS" sockets "$flags" "$@" --json)
    theirs=$(save ss.txt ip netns exec "$ns" ss "$flags" -H "$@")
    check ss-set "$mine" "$theirs" "$kind"
    NL_CONTEXT=""
}

echo "# every socket, both namespaces"
compare "$S" -tan
compare "$C" -tan
compare "$S" -uan
compare "$C" -uan
compare "$S" -xan
compare "$S" -tln
compare "$S" -tn

echo "# the states and queues the scenario promises are there (as ss shows them), so the"
echo "# comparisons above and below cover them"
# ss_rows NS SS-ARGS...: ss -H in NS, one line per socket.
ss_rows() {
    local ns=$1
    shift
    ip netns exec "$ns" ss -H "$@"
}
# promise DESC OK GOT: the fixture is as the scenario says, by ss's account; else it is
# broken and the test fails.
promise() {
    if [[ $2 == 1 ]]; then pass "ss: $1"; else fail "fixture broken: $1 (ss: $3)"; fi
}
n=$(ss_rows "$S" -tn state close-wait | wc -l)
promise "12 CLOSE-WAIT in S" "$((n == 12))" "$n"
n=$(ss_rows "$S" -tn state time-wait | wc -l)
promise "TIME-WAIT in S" "$((n > 0))" "$n"
n=$(ss_rows "$S" -tn state syn-recv | wc -l)
promise "SYN-RECV in S" "$((n > 0))" "$n"
row=$(ss_rows "$S" -tln sport = :7000 | awk '{print $1, $2, $3}')
promise "LISTEN :7000 with Recv-Q 6 / Send-Q 5" "$([[ $row == "LISTEN 6 5" ]] && echo 1)" "$row"
n=$(ss_rows "$C" -tn state syn-sent dport = :9999 | wc -l)
promise "6 SYN-SENT toward :9999 in C" "$((n == 6))" "$n"
n=$(ss_rows "$C" -tn state fin-wait-2 | wc -l)
promise "12 FIN-WAIT-2 in C" "$((n == 12))" "$n"
row=$(ss_rows "$S" -tn sport = :5000 | awk '{print $1, $2}')
promise "ESTAB :5000 in S with 3000 unread bytes in Recv-Q" "$([[ $row == "ESTAB 3000" ]] && echo 1)" "$row"
row=$(ss_rows "$C" -tn dport = :5002 | awk '{print $1, $3}')
promise "ESTAB to :5002 in C with 1000 unacknowledged bytes in Send-Q" "$([[ $row == "ESTAB 1000" ]] && echo 1)" "$row"
n=$(ss_rows "$S" -uan sport = :5353 | awk '{print $2}')
promise "UDP :5353 in S with datagrams in Recv-Q" "$((${n:-0} > 0))" "$n"
n=$(ss_rows "$S" -xn | awk '$2 == "ESTAB" && $3 == 100' | wc -l)
promise "a UNIX socket in S with 100 unread bytes" "$((n == 1))" "$n"
# Compared again: the queues must not have moved since the first comparison.
compare "$S" -tuxan
compare "$C" -tuxan

echo "# filters"
compare "$S" -tan state close-wait
compare "$S" -tan state established '( dport = :5432 or sport = :5432 )'
compare "$S" -tan '( dport = :5432 or sport = :5432 )'
compare "$S" -tan sport = :5432
compare "$S" -tan dport gt :1024
compare "$S" -tan dst 10.30.0.2
compare "$S" -tan dst 10.30.0.0/24
compare "$S" -tan src 10.30.0.1:6000
compare "$S" -tan state time-wait
compare "$S" -tan not sport = :5432
compare "$S" -tan state listening
compare "$S" -tan state syn-recv
compare "$S" -tan exclude established
compare "$S" -tan state connected
compare "$S" -tan state bucket
compare "$C" -tan state syn-sent
compare "$C" -tan state fin-wait-2 dport = :5432
compare "$C" -tan 'dport = :7000 or dport = :9999'

echo "# -p: owners, the same as ss -p shows"
compare_owners() {
    local ns=$1 flags=$2
    NL_CONTEXT="sockets $flags in ${ns#"$NL_PREFIX"-}: owners"
    echo "# $NL_CONTEXT"
    local mine theirs kind=inet
    [[ $flags == *x* ]] && kind=unix
    mine=$(save ours-p.json "$NETLENS" sockets "$flags" --netns "$ns" --json)
    theirs=$(save ss-p.txt ip netns exec "$ns" ss "$flags" -H)
    check ss-owners "$mine" "$theirs" "$kind"
    NL_CONTEXT=""
}
compare_owners "$S" -tanp
compare_owners "$C" -tanp
compare_owners "$S" -uanp
compare_owners "$S" -xanp
mine=$(save p.json "$NETLENS" sockets -tanp --netns "$S" --json state close-wait)
check owners "$mine" 5432 "$server_pid"
child_pid=$(pgrep -P "$server_pid" | head -n1)
[[ -n $child_pid ]] || fail "the server's forked child is missing"
# The child was forked after the listeners were made, so it holds them too.
mine=$(save pl.json "$NETLENS" sockets -tlnp --netns "$S" --json sport = :7000)
check owners "$mine" 7000 "$server_pid" "$child_pid"
shared=$(save shared.json "$NETLENS" sockets -tanp --netns "$S" --json state established sport = :5432)
jsoncmp expect "$shared" \
    "sum(sorted(p['pid'] for p in s.get('processes', [])) == sorted([$server_pid, $child_pid]) for s in d['results']['sockets']) == 1" \
    "one ESTAB socket on :5432 is held by the server ($server_pid) and its forked child ($child_pid)"
jsoncmp expect "$(save cp.json "$NETLENS" sockets -tanp --netns "$C" --json state syn-sent dport = :9999)" \
    "all(any(p['pid'] == $client_pid and p['command'] == 'python3' for p in s.get('processes', [])) for s in d['results']['sockets']) and len(d['results']['sockets']) == 6" \
    "the 6 SYN-SENT sockets are the client's ($client_pid, python3)"

echo "# -s: summary and findings, with the numbers ss shows"
mine=$(save sum.json "$NETLENS" sockets -s --netns "$S" --json)
n=$(ss_rows "$S" -tn state close-wait | wc -l)
jsoncmp finding "$mine" tcp.close_wait_pile warning "CLOSE-WAIT" "close_wait=$n" "holders~python3\\[$server_pid\\]"
read -r recv_q backlog < <(ss_rows "$S" -tln sport = :7000 | awk '{print $2, $3}')
jsoncmp finding "$mine" tcp.listen_queue_full critical "10.30.0.1:7000" "recv_q=$recv_q" "backlog=$backlog"
# Every TCP state's count in the summary is the number of rows ss -tan shows in it.
ss_rows "$S" -tan | awk '{print $1}' | sort | uniq -c >"$NL_TMP/ss-states.txt"
want=$(awk '{printf "%s\"%s\": %s", sep, $2, $1; sep = ", "}' "$NL_TMP/ss-states.txt")
jsoncmp expect "$mine" '{k: v for k, v in d["results"]["summary"][0]["tcp_states"].items() if v} == {'"$want"'}' \
    "summary tcp_states are ss -tan's counts per state: {$want}"
mine=$(save sumc.json "$NETLENS" sockets -s --netns "$C" --json)
n=$(ss_rows "$C" -tn state syn-sent dport = :9999 | wc -l)
jsoncmp finding "$mine" tcp.syn_sent_pile warning "10.30.0.1:9999" "syn_sent=$n"
jsoncmp no-finding "$mine" tcp.close_wait_pile

echo "# --top peers, against ss -tan | awk '{print \$5}' | cut -d: -f1 | sort | uniq -c"
mine=$(save top.json "$NETLENS" sockets -tan --netns "$S" --json --top peers 3)
want=$(ss_rows "$S" -tan | awk '{sub(/:[^:]*$/, "", $5); print $5}' | sort | uniq -c | sort -k1,1nr |
    head -n3 | awk '{printf "%s{\"key\": \"%s\", \"sockets\": %s}", sep, $2, $1; sep = ", "}')
jsoncmp expect "$mine" 'sorted(d["results"]["top"], key=lambda t: (-t["sockets"], t["key"])) == sorted(['"$want"'], key=lambda t: (-t["sockets"], t["key"]))' \
    "top peers are ss's: [$want]"
jsoncmp expect "$mine" 'd["results"]["top"][0]["key"] == "10.30.0.2"' "the busiest peer is the client"

echo "# port exhaustion: 100-port range, 80 connections to one peer"
P=$(make_ns P)
sysctl_ns "$P" net.ipv4.ip_local_port_range="40000 40099"
must ip -n "$P" addr add 10.31.0.1/32 dev lo
start_bg ip netns exec "$P" "$PYTHON" -c '
import socket, time
s = socket.socket(); s.bind(("10.31.0.1", 80)); s.listen(512)
keep = []
while True:
    keep.append(s.accept()[0])' 
wait_for "the listener in P" 10 sh -c "ip netns exec $P ss -tlnH | grep -q :80"
start_bg ip netns exec "$P" "$PYTHON" "$ZOO" many 10.31.0.1 80 80 "$NL_TMP/many.ready"
wait_for "80 connections in P" 20 test -e "$NL_TMP/many.ready"
mine=$(save exhaust.json "$NETLENS" sockets -s --netns "$P" --json)
n=$(ss_rows "$P" -tn state established dst 10.31.0.1:80 | wc -l)
read -r low high < <(ip netns exec "$P" cat /proc/sys/net/ipv4/ip_local_port_range)
jsoncmp finding "$mine" tcp.local_port_exhaustion warning "10.31.0.1:80" "sockets=$n" "usable_ports=$((high - low + 1))"
jsoncmp no-finding "$mine" tcp.port_range_parity

echo "# --all-netns labels rows with their namespace"
only_these_netns "$C" "$S" "$P"
mine=$(save all.json "${VIEW[@]}" "$NETLENS" sockets -tn --all-netns --json)
for ns in "$C" "$S" "$P"; do
    NL_CONTEXT="sockets -tn --all-netns, rows of ${ns#"$NL_PREFIX"-}"
    echo "# $NL_CONTEXT vs ss -tn in it"
    check ss-set "$mine" "$(save "ss-all-$ns.txt" ip netns exec "$ns" ss -tnH)" inet "$ns"
done
NL_CONTEXT=""
for ns in "$C" "$S" "$P"; do
    jsoncmp expect "$mine" "any(s.get('netns') == '$ns' for s in d['results']['sockets'])" \
        "connections in $ns are labelled with it"
done
jsoncmp expect "$mine" "any(s.get('netns') == '$C' and s['peer_port'] == 5432 for s in d['results']['sockets'])" \
    "C's connections to :5432 are labelled with C"
jsoncmp expect "$mine" "any(s.get('netns') == '$S' and s['local_port'] == 5432 for s in d['results']['sockets'])" \
    "S's accepted :5432 connections are labelled with S"
jsoncmp expect "$(save alll.json "${VIEW[@]}" "$NETLENS" sockets -tln --all-netns --json)" \
    "any(s.get('netns') == '$S' and s['local_port'] == 7000 for s in d['results']['sockets'])" \
    "S's :7000 listener is labelled with S"

echo "# bad input"
expect_error 2 dprt "$NETLENS" sockets -tan dprt = :22
expect_error 2 "state" "$NETLENS" sockets -tan state nosuchstate
expect_error 2 "--top" "$NETLENS" sockets -tan --top widgets

finish
