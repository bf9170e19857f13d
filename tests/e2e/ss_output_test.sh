#!/usr/bin/env bash
# netlens sockets' text against ss(8)'s on the same sockets, flag combination by flag
# combination: names (services without -n, hosts with -r from the namespace's own
# /etc/hosts), timers (-o), details (-e), memory (-m), tcp_info (-i), owners (-p), the
# columns ss drops (State for one state, Netid for one protocol), -H and -s.
#
#   one namespace N: lo and n0 10.40.0.1/24 (a veth whose peer sits in M)
#
# ss_fixture.py makes listeners on well-known ports (v4, dual-stack v6, v6only), UDP,
# connections on loopback and n0 (one v4-mapped), keepalive, retransmitting (nft drops
# the data to :9002), zero-window (:9003), TIME-WAIT and UNIX sockets, and forks a child
# that shares them. Rows are compared whole after whitespace is squeezed; only values
# that move between the two runs (countdowns, "last" times, a retransmitting socket's
# counters) are compared loosely (lib/ss_text_cmp.py).
source "$(dirname "$0")/lib/netns.sh"
source "$(dirname "$0")/lib/sockets_check.sh"
netlens_from_args "$@"
require_root
command -v ss >/dev/null || skip "ss(8) is not installed (iproute2)"
command -v nft >/dev/null || skip "nft is not installed (nftables)"

N=$(make_ns N)
M=$(make_ns M)
veth_pair "$N" n0 "$M" m0
must ip -n "$N" addr add 10.40.0.1/24 dev n0
must ip -n "$M" addr add 10.40.0.2/24 dev m0
must ip -n "$N" link set n0 up
must ip -n "$M" link set m0 up
ip netns exec "$N" nft -f - <<'NFT' || fail "nft rules in N"
table inet out {
  chain out {
    type filter hook output priority 0;
    tcp dport 9002 ip length > 100 drop
  }
}
NFT
# `ip netns exec N` mounts these over /etc/hosts and /etc/resolv.conf: -r names come
# from here, and a lookup that misses is refused at once (nothing listens on 127.0.0.1:53).
mkdir -p "/etc/netns/$N"
printf '127.0.0.1 localhost\n::1 localhost ip6-localhost\n10.40.0.1 server.test\n' >"/etc/netns/$N/hosts"
printf 'nameserver 127.0.0.1\noptions timeout:1 attempts:1\n' >"/etc/netns/$N/resolv.conf"

start_bg ip netns exec "$N" "$PYTHON" "$NL_LIB_DIR/ss_fixture.py" 10.40.0.1 "$NL_TMP/ready"
wait_for "the fixture's sockets" 20 test -e "$NL_TMP/ready"

# compare FLAGS...: netlens sockets FLAGS vs ss FLAGS in N, record by record.
compare() { ss_text_check "$N" "9002 9003" "$@"; }

echo "# the fixture is as promised, by ss's account"
promise() {
    if [[ -n $2 ]]; then pass "ss: $1"; else fail "fixture broken: $1"; fi
}
promise "keepalive timer" "$(ip netns exec "$N" ss -tnoH | grep 'timer:(keepalive')"
promise "a retransmit or probe timer with retransmissions" "$(ip netns exec "$N" ss -tnoH | grep -E 'timer:\((on|persist),[^,]*,[1-9]')"
promise "TIME-WAIT" "$(ip netns exec "$N" ss -tnoH state time-wait | grep 'timer:(timewait')"
promise "a service name" "$(ip netns exec "$N" ss -tlH | grep ':ssh')"
promise "a v4-mapped peer" "$(ip netns exec "$N" ss -tnH | grep '::ffff:127.0.0.1')"
promise "a dual-stack listener" "$(ip netns exec "$N" ss -tlnH | grep '\*:8080')"
promise "a v6only listener" "$(ip netns exec "$N" ss -tlnH | grep '\[::\]:443')"

for flags in -tan -ta -tan -tl -tln -tanH -tano -tao -tanop -tmie -tlnpe -tanie -tanm -tanmi -tanmiO \
    -uapn -uan -ua -u -un -xp -xan -xae -xam -xpe -tuan -tuxan -tanr -tar -tlr \
    -4tan -6tan -tanoe --tos --cgroup; do
    case $flags in
    --tos | --cgroup) compare -tan "$flags" ;;
    *) compare "$flags" ;;
    esac
done
compare -tan state established
compare -tn state established
compare -ton state time-wait
compare -tan state listening
compare -tan state syn-sent
compare -tanp sport = :22
compare -t
compare -tn exclude established
# The State column goes when one state is asked for, whichever flags ask: -u alone
# (ESTAB), but not -u with -A (connected states), -x or -0 (CLOSE too).
compare -u -A raw -n
compare -u -x -n
compare -u -4 -n
compare -u -0 -n
compare -w -n

echo "# -s: ss -s line for line, then the findings"
sockets_settled "$N"
theirs=$(save ss-s.txt ip netns exec "$N" ss -s)
sockets_settled "$N"
mine=$(save ours-s.txt ip netns exec "$N" "$NETLENS" sockets -s)
lines=$(wc -l <"$theirs")
if cmp -s "$theirs" <(head -n "$lines" "$mine"); then
    pass "sockets -s begins with ss -s's $lines lines"
else
    diff <(cat -A "$theirs") <(head -n "$lines" "$mine" | cat -A) | sed 's/^/    /'
    flunk "sockets -s differs from ss -s"
fi

echo "# -H: rows only on stdout; what was skipped goes to stderr"
rec="$NL_TMP/run.rec"
run_ok "record" ip netns exec "$N" "$NETLENS" sockets -tan --record "$rec"
run_ok "replay -tanpH" "$NETLENS" sockets -tanpH --replay "$rec"
if grep -qi "skipped\|process attribution" "$OUT"; then
    flunk "sockets -tanpH --replay wrote notes on stdout"
elif ! grep -q "process attribution" "$ERR"; then
    flunk "sockets -tanpH --replay did not say on stderr that owners were skipped"
else
    pass "sockets -tanpH --replay: rows on stdout, the skipped check on stderr"
fi
theirs=$(save ss-H.txt ip netns exec "$N" ss -tanH)
if [[ $(wc -l <"$OUT") == $(wc -l <"$theirs") ]]; then
    pass "as many rows as ss -tanH ($(wc -l <"$theirs"))"
else
    flunk "$(wc -l <"$OUT") rows, ss -tanH has $(wc -l <"$theirs")"
fi
run_ok "replay -tanpH --json" "$NETLENS" sockets -tanpH --replay "$rec" --json
jsoncmp expect "$OUT" "any(s['check'] == 'process attribution' for s in d['skipped'])" \
    "with --json the skipped check stays in the document"

echo "# JSON carries the new fields, typed"
mine=$(save ours.json ip netns exec "$N" "$NETLENS" sockets -tanoe --json)
jsoncmp expect "$mine" "any(s.get('timer') == 'keepalive' and isinstance(s['timer_expires_ms'], int) for s in d['results']['sockets'])" \
    "a keepalive timer with its countdown in ms"
jsoncmp expect "$mine" "any(s.get('v6only') is True and s['local_port'] == 443 for s in d['results']['sockets'])" \
    "the :443 listener is v6only"
jsoncmp expect "$mine" "all(isinstance(s['cgroup_id'], int) for s in d['results']['sockets'] if s['state'] != 'TIME-WAIT')" \
    "every full socket has a cgroup id"

echo "# -Z/-z without SELinux: refused as ss refuses"
[[ -e /sys/fs/selinux/enforce ]] || expect_error 1 "SELinux" "$NETLENS" sockets -Z

finish
