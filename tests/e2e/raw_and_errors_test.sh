#!/usr/bin/env bash
# RAW sockets and refusals, each against the peer tool on the same fixture:
#
#   - RAW sockets (ICMP and UDP over IPv4, one connected; ICMPv6) held open by a python
#     process in a namespace: `netlens sockets -w`, -wa, -wa4, -wa6, -wap list the same
#     sockets as `ss -n` with the same flags (state, queues, addresses, protocol as the
#     port, owning pid/fd). On kernels without raw_diag both read /proc/net/raw{,6}.
#   - route get into prohibit / blackhole / unreachable / throw routes (IPv4 and IPv6):
#     exit 1 (never 4) naming the route type and prefix, where `ip route get` fails too.
#   - bad --netns values: exit 2 naming the flag.
#   - a filter of thousands of dst terms (~64 KiB of bytecode and beyond): the same
#     sockets as ss, or exit 2 with a message; never a crash.
source "$(dirname "$0")/lib/netns.sh"
netlens_from_args "$@"
require_root

N=$(make_ns sfyraw)
must ip -n "$N" addr add 10.44.0.1/24 dev lo
must ip -n "$N" addr add fd44::1/64 dev lo nodad
start_bg ip netns exec "$N" "$PYTHON" -c '
import socket, time
held = [socket.socket(socket.AF_INET, socket.SOCK_RAW, socket.IPPROTO_ICMP),
        socket.socket(socket.AF_INET6, socket.SOCK_RAW, socket.IPPROTO_ICMPV6),
        socket.socket(socket.AF_INET, socket.SOCK_RAW, socket.IPPROTO_UDP)]
held[2].connect(("127.0.0.1", 0))
for family, host in ((socket.AF_INET, "10.44.0.1"), (socket.AF_INET6, "fd44::1")):
    listener = socket.socket(family, socket.SOCK_STREAM)
    listener.bind((host, 8080))
    listener.listen()
    client = socket.create_connection((host, 8080))
    held += [listener, client, listener.accept()[0]]
open("'"$NL_TMP"'/raw.ready", "w").close()
time.sleep(600)'
wait_for "the RAW socket holder" 10 test -e "$NL_TMP/raw.ready"

# rows_ss FLAGS: "state recvq sendq local peer [pid,fd]" per socket from ss -n.
rows_ss() {
    ip netns exec "$N" ss -H -n "$@" | "$PYTHON" -c '
import re, sys
for line in sys.stdin:
    f = line.split()
    if not f: continue
    if not f[0].isalpha(): f.insert(0, "-")  # ss leaves State out without -a
    users = ",".join("%s,%s" % m for m in re.findall(r"pid=(\d+),fd=(\d+)", line))
    print(f[0] if "a" in sys.argv[1] else "-", f[1], f[2], f[3], f[4], users)
' "$*" | sort
}
rows_netlens() {
    ip netns exec "$N" "$NETLENS" sockets --json "$@" | "$PYTHON" -c '
import json, sys
doc = json.load(sys.stdin)
def show(address, port, peer):
    if ":" in address:
        address = "*" if address == "::" else "[" + address + "]"
    return address + ":" + ("*" if peer and port == 0 else str(port))
for s in doc["results"]["sockets"]:
    users = ",".join("%d,%d" % (p["pid"], p["fd"]) for p in s.get("processes") or [])
    print(s["state"] if "a" in sys.argv[1] else "-", s["recv_q"], s["send_q"],
          show(s["local_address"], s["local_port"], False), show(s["peer_address"], s["peer_port"], True), users)
' "$*" | sort
}

for flags in -w -wa -wa4 -wa6 -wap -wp; do
    theirs=$(rows_ss "$flags")
    ours=$(rows_netlens "$flags")
    if [[ -z $theirs && $flags == -wa* ]]; then
        flunk "ss $flags shows no RAW sockets: the fixture did not come up"
    elif [[ $ours == "$theirs" ]]; then
        pass "sockets $flags: the same $(grep -c . <<<"$ours") RAW socket(s) as ss"
    else
        flunk "sockets $flags differs from ss:"$'\n'"ss:"$'\n'"$theirs"$'\n'"netlens:"$'\n'"$ours"
    fi
done

# Refusing routes: ip must fail too, with the errno the type stands for.
declare -A errno_text=([prohibit]="Permission denied" [blackhole]="Invalid argument"
                       [unreachable]="No route to host" [throw]="Network is unreachable")
i=0
for type in prohibit blackhole unreachable throw; do
    i=$((i + 1))
    must ip -n "$N" route add "$type" "10.9$i.0.0/16"
    must ip -n "$N" -6 route add "$type" "fd9$i::/32"
    for dst in "10.9$i.1.1" "fd9$i::1"; do
        prefix=$([[ $dst == *:* ]] && echo "fd9$i::/32" || echo "10.9$i.0.0/16")
        if ip -n "$N" route get "$dst" >/dev/null 2>"$NL_TMP/ip.err" ||
            ! grep -qF "${errno_text[$type]}" "$NL_TMP/ip.err"; then
            flunk "ip route get $dst through a $type route did not fail with ${errno_text[$type]}: $(cat "$NL_TMP/ip.err")"
            continue
        fi
        expect_error 1 "$type route $prefix" "$NETLENS" route get "$dst" --netns "$N"
    done
done

# Bad namespaces are usage errors that name the flag.
for value in "" /etc/passwd /proc/self/ns/mnt "$NL_PREFIX-none" ../../etc/passwd a/b ..; do
    expect_error 2 "--netns" "$NETLENS" sockets -t --netns "$value"
done

# Long filters: thousands of terms, around and beyond the kernel's 64 KiB limit; the
# last term matches the fixture's TCP connection, so there is something to find.
for terms in 1000 3000 4000; do
    for family in 4 6; do
        filter=$("$PYTHON" -c "
import sys
n, v6 = int(sys.argv[1]), sys.argv[2] == '6'
terms = [('dst [fd00::%x]' % (i + 1)) if v6 else ('dst 10.%d.%d.%d' % (i // 62500, i // 250 % 250, i % 250 + 1)) for i in range(n)]
print(' or '.join(terms + ['dst [fd44::1]' if v6 else 'dst 10.44.0.1']))
" "$terms" "$family")
        run ip netns exec "$N" "$NETLENS" sockets -tan "$filter"
        if ((RC == 2)) && grep -q '^netlens: .*filter' "$ERR"; then
            pass "$terms IPv$family dst terms: refused as too long: $(cut -c1-120 "$ERR")"
        elif ((RC != 0)); then
            show "stderr" "$ERR"
            flunk "$terms IPv$family dst terms: exited $RC"
        else
            theirs=$(ip netns exec "$N" ss -H -tan "$filter" | wc -l)
            ours=$(($(wc -l <"$OUT") - 1))
            if [[ $ours == "$theirs" && $ours -gt 0 ]]; then pass "$terms IPv$family dst terms: $ours socket(s), as ss"; else flunk "$terms IPv$family dst terms: $ours socket(s), ss $theirs"; fi
        fi
    done
done

finish
