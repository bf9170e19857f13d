#!/usr/bin/env bash
# netlens trace's outputs, checked against the facts the test programs print and against
# strace on the same program:
#
# - --ndjson: each line JSON; type, pid, tid, ts_us (in order), name, args, retval, errno,
#   duration_us; socket {protocol, local, peer, inode} as the programs' printed ports and
#   fds say (refused_connect, udp_pingpong, accept_server); payloads equal to the bytes
#   sent (safety_payload: binary and text), cut at --payload N whatever -s says; the
#   exit record; pid and tid of a threaded program;
# - -o FILE: the trace in FILE, the program's own output alone on stdout;
# - -c: calls and errors per syscall as strace -c -f -e trace=network;
# - --port / --peer: one of two conversations (safety_two_peers, in a namespace of its
#   own so its ports are free) shown, the other not;
# - -Z and -e status=failed: the failed calls strace -Z shows;
# - the command without "--" after repeatable flags (-e trace=SET -e status=SET CMD);
# - bad flags: exit 2 and one "netlens:" line.
source "$(dirname "$0")/lib/netns.sh"
netlens_from_args "$@"
require_root
command -v strace >/dev/null || skip "strace is not installed (the oracle)"
PROGRAMS=${NETLENS_PROGRAMS:-}
for program in refused_connect udp_pingpong accept_server safety_payload safety_two_peers safety_pingpong; do
    [[ -x $PROGRAMS/$program ]] || fail "test program $PROGRAMS/$program was not built"
done

# trace_ok NAME NETLENS-ARGS... -- PROGRAM ARGS: netlens trace writes $NL_TMP/NAME.json
# (via -o), the program's facts go to $NL_TMP/NAME.facts; both must succeed.
trace_ok() {
    local name=$1
    shift
    run "$NETLENS" trace -f -o "$NL_TMP/$name.json" "$@"
    cp "$OUT" "$NL_TMP/$name.facts"
    if [[ $RC != 0 ]]; then
        show "stderr" "$ERR"
        fail "netlens trace $* exited $RC"
    fi
}

echo "# --ndjson records"
for program in refused_connect udp_pingpong accept_server; do
    NL_CONTEXT="--ndjson $program"
    trace_ok "$program" --ndjson -- "$PROGRAMS/$program"
    compare_with trace_ndjson.py records "$program" "$NL_TMP/$program.facts" "$NL_TMP/$program.json"
done

NL_CONTEXT="--ndjson exit record"
run "$NETLENS" trace -f --ndjson -o "$NL_TMP/exit.json" -- sh -c 'exit 7'
[[ $RC == 7 ]] || flunk "netlens trace --ndjson -- sh -c 'exit 7' exited $RC"
compare_with trace_ndjson.py exit "$NL_TMP/exit.json" 7
NL_CONTEXT="--ndjson pid and tid"
trace_ok threads --ndjson -- "$PROGRAMS/safety_pingpong" 5 3 0
compare_with trace_ndjson.py threads "$NL_TMP/threads.facts" "$NL_TMP/threads.json" 3

echo "# payloads"
NL_CONTEXT="--ndjson payload (default 512)"
trace_ok payload --ndjson -- "$PROGRAMS/safety_payload"
compare_with trace_ndjson.py payload "$NL_TMP/payload.facts" "$NL_TMP/payload.json" 512
NL_CONTEXT="--ndjson --payload 100 -s 4"
trace_ok payload100 --ndjson --payload 100 -s 4 -- "$PROGRAMS/safety_payload"
compare_with trace_ndjson.py payload "$NL_TMP/payload100.facts" "$NL_TMP/payload100.json" 100
NL_CONTEXT="--ndjson --payload 4096 -s 8"
trace_ok payload4096 --ndjson --payload 4096 -s 8 -- "$PROGRAMS/safety_payload"
compare_with trace_ndjson.py payload "$NL_TMP/payload4096.facts" "$NL_TMP/payload4096.json" 4096

echo "# -o FILE"
run "$NETLENS" trace -f -o "$NL_TMP/o.txt" -- "$PROGRAMS/refused_connect"
if [[ $RC == 0 ]] && grep -q '^errno=ECONNREFUSED$' "$OUT" && ! grep -q 'connect(' "$OUT" &&
    [[ ! -s $ERR ]] && grep -Eq '^[0-9]+ +connect\(.* = -1 ECONNREFUSED' "$NL_TMP/o.txt"; then
    # With -f and -o FILE strace writes the pid before every line; so must we.
    pass "-o FILE: the trace is in FILE (pid column, as strace -f -o), stdout has only the program's facts, stderr is empty"
else
    show "stdout" "$OUT"
    show "stderr" "$ERR"
    show "FILE" "$NL_TMP/o.txt"
    flunk "-o FILE: trace and program output are not where they belong"
fi

echo "# -c against strace -c"
for program in refused_connect udp_pingpong accept_server; do
    NL_CONTEXT="-c $program"
    run strace -c -f -e trace=network -o "$NL_TMP/strace-c-$program.txt" -- "$PROGRAMS/$program"
    [[ $RC == 0 ]] || fail "strace -c $program exited $RC"
    run "$NETLENS" trace -c -f -e trace=network -o "$NL_TMP/netlens-c-$program.txt" -- "$PROGRAMS/$program"
    [[ $RC == 0 ]] || flunk "netlens trace -c $program exited $RC"
    compare_with trace_ndjson.py counts "$NL_TMP/strace-c-$program.txt" "$NL_TMP/netlens-c-$program.txt"
done

echo "# --port and --peer"
NS=$(make_ns peers)
PORT_A=5001
PORT_B=5002
NL_CONTEXT="--port $PORT_A"
trace_ok port --ndjson --port "$PORT_A" -- ip netns exec "$NS" "$PROGRAMS/safety_two_peers" "$PORT_A" "$PORT_B"
compare_with trace_ndjson.py port "$NL_TMP/port.facts" "$NL_TMP/port.json" "$PORT_A" "$PORT_B"
NL_CONTEXT="--peer 127.0.0.1:$PORT_B"
trace_ok peer --ndjson --peer "127.0.0.1:$PORT_B" -- ip netns exec "$NS" "$PROGRAMS/safety_two_peers" "$PORT_A" "$PORT_B"
compare_with trace_ndjson.py peer "$NL_TMP/peer.facts" "$NL_TMP/peer.json" "$PORT_A" "$PORT_B"
# The same filter in the text output: every call line names the conversation's port.
run "$NETLENS" trace -f -o "$NL_TMP/peer.txt" --peer "127.0.0.1:$PORT_B" -- ip netns exec "$NS" "$PROGRAMS/safety_two_peers" "$PORT_A" "$PORT_B"
if [[ $RC == 0 ]] && grep -q "connect(.*htons($PORT_B)" "$NL_TMP/peer.txt" &&
    ! grep -q "$PORT_A" "$NL_TMP/peer.txt" && ! grep -q '"to-A"' "$NL_TMP/peer.txt"; then
    pass "--peer in text: the connect to $PORT_B is shown, nothing of $PORT_A"
else
    show "trace" "$NL_TMP/peer.txt"
    flunk "--peer in text: wrong lines shown"
fi

echo "# -Z and -e status=failed against strace -Z"
run strace -f -Z -e trace=network -o "$NL_TMP/strace-Z.txt" -- "$PROGRAMS/refused_connect"
for flag in -Z "-e status=failed"; do
    NL_CONTEXT="$flag"
    # shellcheck disable=SC2086 # the flag is one or two words
    run "$NETLENS" trace -f $flag -e trace=network -o "$NL_TMP/netlens-Z.txt" -- "$PROGRAMS/refused_connect"
    [[ $RC == 0 ]] || flunk "netlens trace $flag exited $RC"
    compare_with trace_ndjson.py failed "$NL_TMP/strace-Z.txt" "$NL_TMP/netlens-Z.txt"
done

echo "# the command without --, as strace takes it"
# Repeatable one-value flags (-e, -p) must not swallow the command's words.
run "$NETLENS" trace -e trace=network -e status=failed "$PROGRAMS/refused_connect" arg
if [[ $RC == 0 ]] && grep -q '^errno=ECONNREFUSED$' "$OUT" && grep -q 'connect(.* = -1 ECONNREFUSED' "$ERR" &&
    ! grep -q '^socket(' "$ERR"; then
    pass "trace -e SET -e status=failed PROGRAM ARGS: the program runs and only its failed calls are shown"
else
    show "stdout" "$OUT"
    show "stderr" "$ERR"
    flunk "trace -e ... PROGRAM: the program did not run as the command, or the filters were lost"
fi

echo "# children of a command traced without -f"
# They are not traced; they must run as without netlens (a seccomp filter left on an
# untraced child would fail its calls with ENOSYS).
run "$NETLENS" trace -e trace=network -- sh -c 'cat /etc/hostname >/dev/null && "$0" >/dev/null && echo child-ok' \
    "$PROGRAMS/refused_connect"
if [[ $RC == 0 ]] && grep -q '^child-ok$' "$OUT" && ! grep -q 'connect(' "$ERR"; then
    pass "without -f the command's children run untouched and untraced"
else
    show "stdout" "$OUT"
    show "stderr" "$ERR"
    flunk "without -f a child of the command failed or was traced (exit $RC)"
fi

echo "# -p on an epoll loop built before the attach"
# Its socket was added to the epoll set before netlens was there: the waits are still
# waits on a socket (the interest list is read from /proc), so the default set shows them.
start_bg "$PYTHON" -c '
import select, socket, sys
s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
s.bind(("127.0.0.1", 0))
e = select.epoll()
e.register(s.fileno(), select.EPOLLIN)
print("ready", flush=True)
while True:
    e.poll(0.02)
' >"$NL_TMP/epoll.out"
epoll_pid=$BG_PID
wait_for "the epoll loop" 10 grep -q ready "$NL_TMP/epoll.out"
start_bg "$NETLENS" trace -p "$epoll_pid" -o "$NL_TMP/epoll.trace"
epoll_tracer=$BG_PID
wait_for "epoll_wait in the trace" 10 grep -q 'epoll_wait(' "$NL_TMP/epoll.trace"
kill -INT "$epoll_tracer"
wait "$epoll_tracer" || true
kill "$epoll_pid"
if grep -qE '^epoll_wait\([0-9]+<anon_inode:\[eventpoll\]>, \[\], [0-9]+, 20\) = 0' "$NL_TMP/epoll.trace" ||
    grep -qE '^epoll_wait\([0-9]+.*, 20\) += 0' "$NL_TMP/epoll.trace"; then
    pass "trace -p: epoll_wait on a set watching a socket since before the attach is shown"
else
    show "trace" "$NL_TMP/epoll.trace"
    flunk "trace -p: no epoll_wait shown for an epoll set that watches a socket"
fi

echo "# -e signal=SET"
run "$NETLENS" trace -f -e trace=none -e signal=none -- sh -c 'true & wait'
sig_none=$(grep -c -- '--- SIG' "$ERR")
run "$NETLENS" trace -f -e trace=none -e signal=chld -- sh -c 'true & wait'
sig_chld=$(grep -c -- '--- SIGCHLD' "$ERR")
if [[ $sig_none == 0 && $sig_chld == 1 ]]; then
    pass "-e signal=none hides signal lines, -e signal=chld shows SIGCHLD"
else
    show "stderr" "$ERR"
    flunk "-e signal=: $sig_none lines with signal=none, $sig_chld SIGCHLD lines with signal=chld"
fi

echo "# bad flags"
missing_pid=$(
    sh -c 'echo $$'
)
while kill -0 "$missing_pid" 2>/dev/null; do missing_pid=$((missing_pid + 1)); done
expect_error 2 "%bogus" "$NETLENS" trace -e trace=%bogus -- true
expect_error 2 "foo" "$NETLENS" trace -e foo=bar -- true
expect_error 2 "SIGNOPE" "$NETLENS" trace -e signal=SIGNOPE -- true
expect_error 2 "-p 0" "$NETLENS" trace -p 0
expect_error 2 "$missing_pid" "$NETLENS" trace -p "$missing_pid"
expect_error 2 "command" "$NETLENS" trace
expect_error 2 "--bogus" "$NETLENS" trace --bogus -- true

finish
