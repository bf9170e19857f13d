#!/usr/bin/env bash
# netlens sockets -T (--threads) against ss -T on the same sockets: which threads hold
# each socket, users:(("comm",pid=P,tid=T,fd=F),...) in ss's order and with each
# thread's own comm, alone and with -p, for TCP and UDP; and the tid in --json.
#
#   one namespace N: lo only
#
# threaded_holders.py holds a listener, a UDP socket and three connections (both ends)
# in a process with three named threads that share its fd table, and a forked child
# that shares every fd too.
source "$(dirname "$0")/lib/netns.sh"
source "$(dirname "$0")/lib/sockets_check.sh"
netlens_from_args "$@"
require_root
command -v ss >/dev/null || skip "ss(8) is not installed (iproute2)"

N=$(make_ns N)
start_bg ip netns exec "$N" "$PYTHON" "$NL_LIB_DIR/threaded_holders.py" 127.0.0.1 7100 "$NL_TMP/ready"
wait_for "the fixture's sockets" 20 test -e "$NL_TMP/ready"
holder=$(cat "$NL_TMP/ready")

echo "# the fixture is as promised, by ss's account"
listener_row=$(ip netns exec "$N" ss -tlnHT 'sport = :7100')
for name in worker-1 worker-2 worker-3 holder-child "pid=$holder,tid=$holder,"; do
    if [[ $listener_row == *"$name"* ]]; then pass "ss -T: the listener is held by $name"; else fail "fixture broken: no $name in: $listener_row"; fi
done

# compare FLAGS...: netlens sockets FLAGS vs ss FLAGS in N, record by record.
compare() { ss_text_check "$N" "" "$@"; }

for flags in -tanT -tanpT -tlnT -tlT -uanT -T -tnT --threads; do
    compare "$flags"
done
compare -tanT sport = :7100

echo "# --json: a holder per thread, with its tid, as ss -T lists them"
# ss's (pid, tid, fd) triples for the listener, most recently found first.
theirs=$(grep -o 'pid=[0-9]*,tid=[0-9]*,fd=[0-9]*' <<<"$listener_row" | tr -dc '0-9,\n' | sed 's/^/(/; s/$/)/' | paste -sd,)
mine=$(save ours.json ip netns exec "$N" "$NETLENS" sockets -tlnT --json 'sport = :7100')
jsoncmp expect "$mine" \
    "[(p['pid'], p['tid'], p['fd']) for p in reversed(d['results']['sockets'][0]['processes'])] == [$theirs]" \
    "the listener's holders are ss's, tid by tid"
jsoncmp expect "$mine" \
    "sorted(p['command'] for p in d['results']['sockets'][0]['processes'] if p['pid'] == $holder)[-3:] == ['worker-1', 'worker-2', 'worker-3']" \
    "each thread carries its own comm"
mine=$(save ours-p.json ip netns exec "$N" "$NETLENS" sockets -tlnp --json 'sport = :7100')
jsoncmp expect "$mine" "all('tid' not in p for p in d['results']['sockets'][0]['processes'])" \
    "without -T no holder has a tid"

echo "# -T cannot follow destroyed sockets"
expect_error 2 "-T" "$NETLENS" sockets -E -T

finish
