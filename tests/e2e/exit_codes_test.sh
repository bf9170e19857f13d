#!/usr/bin/env bash
# Every exit code of the README's table, each produced by a real case (exit 3, partial
# results, is tested elsewhere):
#
#   0  a normal run of iface, route and sockets in a test namespace
#   1  route get to a destination the namespace cannot reach (no default route; ip(8)
#      must say "Network is unreachable" first); a write that fails (--output /dev/full)
#   2  an unknown flag, a bad address, no such device, bad --netns values
#   4  --netns run as an unprivileged user (setpriv to nobody), which cannot enter it
#
# And a closed pipe ends quietly: `netlens sockets -a | head -1` in a namespace with
# ~4500 sockets (far more than a pipe buffer holds) leaves stderr empty.
source "$(dirname "$0")/lib/netns.sh"
netlens_from_args "$@"
require_root
command -v setpriv >/dev/null || skip "setpriv(1) is not installed (util-linux)"

N=$(make_ns plain)
veth_pair "$N" n0 "$N" n1
must ip -n "$N" addr add 10.40.0.1/24 dev n0
must ip -n "$N" link set n0 up
must ip -n "$N" link set n1 up
# No default route: 203.0.113.9 is unreachable from N.

# expect_ok CMD...: CMD exits 0, prints something on stdout and nothing on stderr.
expect_ok() {
    run "$@"
    local cmd problem=""
    cmd=$(pretty "$@")
    if [[ $RC != 0 ]]; then
        problem="exited $RC, expected 0"
    elif [[ ! -s $OUT ]]; then
        problem="printed nothing on stdout"
    elif [[ -s $ERR ]]; then
        problem="wrote to stderr"
    fi
    if [[ -n $problem ]]; then
        show "stdout" "$OUT"
        show "stderr" "$ERR"
        flunk "'$cmd': $problem"
    else
        pass "'$cmd' exits 0 with $(wc -l <"$OUT") lines of output"
    fi
}

echo "# 0: the command ran"
expect_ok "$NETLENS" iface --netns "$N"
expect_ok "$NETLENS" route --netns "$N" --json
expect_ok "$NETLENS" route get 10.40.0.7 --netns "$N"
expect_ok "$NETLENS" sockets -a --netns "$N"

echo "# 1: the operation failed"
run ip -n "$N" route get 203.0.113.9
grep -q "Network is unreachable" "$ERR" || { show "ip stderr" "$ERR"; fail "ip route get 203.0.113.9 in $N did not say unreachable (fixture broken)"; }
pass "ip -n $N route get 203.0.113.9: $(cat "$ERR")"
expect_error 1 unreachable "$NETLENS" route get 203.0.113.9 --netns "$N"
expect_error 1 unreachable ip netns exec "$N" "$NETLENS" route get 203.0.113.9 --json
# A write that fails: /dev/full refuses every write with ENOSPC.
expect_error 1 /dev/full "$NETLENS" route --netns "$N" --output /dev/full
expect_error 1 /dev/full "$NETLENS" iface --netns "$N" --json --output /dev/full

echo "# 2: bad usage"
expect_error 2 --no-such-flag "$NETLENS" iface --no-such-flag
expect_error 2 --no-such-flag "$NETLENS" sockets -a --no-such-flag
expect_error 2 10.0.0.300 "$NETLENS" route get 10.0.0.300 --netns "$N"
expect_error 2 nosuch0 "$NETLENS" iface nosuch0 --netns "$N"
expect_error 2 nosuch0 "$NETLENS" route get 10.40.0.7 oif nosuch0 --netns "$N"
expect_error 2 pid:abc "$NETLENS" iface --netns pid:abc
expect_error 2 ../etc "$NETLENS" route --netns ../etc
expect_error 2 "$NL_PREFIX-absent" "$NETLENS" sockets -a --netns "$NL_PREFIX-absent"

echo "# 4: a privilege is missing (nobody cannot enter a namespace)"
# A copy of the binary that nobody can reach, whatever the permissions of the build tree.
chmod 711 "$NL_TMP"
mkdir -m 755 "$NL_TMP/bin"
install -m 755 "$NETLENS" "$NL_TMP/bin/netlens"
AS_NOBODY=(setpriv --reuid=nobody --regid=nogroup --clear-groups)
# Control: the same user can run netlens in its own namespace, so a 4 below is about the
# namespace and not about running the binary at all.
run "${AS_NOBODY[@]}" "$NL_TMP/bin/netlens" iface
if [[ $RC != 0 ]]; then
    show "stderr" "$ERR"
    fail "'${AS_NOBODY[*]} netlens iface' exited $RC, expected 0 (cannot run the binary as nobody?)"
fi
pass "as nobody, 'netlens iface' in its own namespace exits 0"
expect_error 4 "$N" "${AS_NOBODY[@]}" "$NL_TMP/bin/netlens" iface --netns "$N"
expect_error 4 "$N" "${AS_NOBODY[@]}" "$NL_TMP/bin/netlens" route get 10.40.0.7 --netns "$N" --json
expect_error 4 "$N" "${AS_NOBODY[@]}" "$NL_TMP/bin/netlens" sockets -a --netns "$N"

echo "# a closed pipe ends quietly"
start_bg ip netns exec "$N" "$PYTHON" -c '
import os, resource, socket, sys, time
soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
resource.setrlimit(resource.RLIMIT_NOFILE, (hard, hard))
keep = []
for i in range(4500):
    s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    s.bind(("127.0.0.1", 20000 + i))
    keep.append(s)
open(sys.argv[1] + ".tmp", "w").close()
os.rename(sys.argv[1] + ".tmp", sys.argv[1])
while True:
    time.sleep(60)
' "$NL_TMP/many.ready"
wait_for "4500 UDP sockets in $N" 20 test -e "$NL_TMP/many.ready"
udp=$(ip netns exec "$N" ss -uanH | wc -l)
((udp >= 4500)) || fail "ss -uan in $N shows $udp sockets, expected at least 4500 (fixture broken)"
full=$(ip netns exec "$N" "$NETLENS" sockets -a | wc -c)
((full > 4 * 65536)) || fail "netlens sockets -a in $N printed only $full bytes; too little to fill a pipe"
pass "ss shows $udp UDP sockets in $N; netlens sockets -a prints $full bytes"
for flags in "-a" "-a --json" "-a --ndjson"; do
    # shellcheck disable=SC2086 # flags are words
    ip netns exec "$N" "$NETLENS" sockets $flags 2>"$NL_TMP/pipe.err" | head -n1 >"$NL_TMP/first"
    rc=${PIPESTATUS[0]}
    cmd="netlens sockets $flags | head -1"
    if [[ ! -s $NL_TMP/first ]]; then
        flunk "'$cmd' in $N: head read nothing"
    elif [[ -s $NL_TMP/pipe.err ]]; then
        show "stderr" "$NL_TMP/pipe.err"
        flunk "'$cmd' in $N wrote to stderr after the reader went away (exit $rc)"
    elif ((rc != 0 && rc != 141)); then
        flunk "'$cmd' in $N exited $rc (expected 0, or 141 for SIGPIPE)"
    else
        pass "'$cmd' in $N: stderr empty, exit $rc"
    fi
done

finish
