#!/usr/bin/env bash
# netlens trace against strace(1) on the same programs.
#
# Each program of tests/programs runs twice, once under
# `strace -f -yy -e trace=network -o A` and once under `netlens trace -f -e trace=network`,
# both started through `sh -c 'echo $$ >PIDFILE; exec PROGRAM'` so that the launched pid is
# known. lib/trace_cmp.py maps what differs between two runs by nature (pids, inodes,
# ephemeral ports, temporary names; each rule documented there), joins strace's
# unfinished/resumed halves, and compares per process the syscall sequence, the arguments
# and the return values; threads_race's worker threads are compared as a multiset. Then the
# flags: -e trace=%net -s 100, -T (a numeric duration on every call), -tt (timestamp
# format), -x and -xx. And two properties of -o FILE that strace has: the command does
# not inherit the file, and with -f every line carries the pid.
# The netlens logs of the comparisons are read from stderr, so that an -o problem shows
# once, in its own check, rather than in every comparison.
source "$(dirname "$0")/lib/netns.sh"
netlens_from_args "$@"
command -v strace >/dev/null || skip "strace is not installed (it is the reference)"
[[ -n ${NETLENS_PROGRAMS:-} && -d $NETLENS_PROGRAMS ]] ||
    fail "NETLENS_PROGRAMS does not name the directory of the test programs"
CMP="$NL_LIB_DIR/trace_cmp.py"
strace -f -e trace=none -o /dev/null true 2>"$NL_TMP/probe.err" ||
    skip_if_denied "strace cannot trace here (ptrace denied?)" "$NL_TMP/probe.err"

# run_pair NAME "TRACER-FLAGS" PROGRAM [ARGS]: one run under each tracer (netlens also
# gets $NETLENS_EXTRA).
# Leaves $NL_TMP/NAME.{strace,netlens} and the launched pids in NAME.{spid,npid}.
run_pair() {
    local name=$1 flags=$2
    shift 2
    local prog=$NETLENS_PROGRAMS/$1
    [[ -x $prog ]] || fail "$prog was not built"
    shift
    # shellcheck disable=SC2016,SC2086
    strace $flags -o "$NL_TMP/$name.strace" \
        sh -c 'echo $$ >"$0"; exec "$@"' "$NL_TMP/$name.spid" "$prog" "$@" \
        >"$NL_TMP/$name.sout" 2>"$NL_TMP/$name.serr" ||
        { show "strace stderr" "$NL_TMP/$name.serr"; fail "$name: the program failed under strace"; }
    # shellcheck disable=SC2016,SC2086
    "$NETLENS" trace $flags ${NETLENS_EXTRA:-} -- \
        sh -c 'echo $$ >"$0"; exec "$@"' "$NL_TMP/$name.npid" "$prog" "$@" \
        >"$NL_TMP/$name.nout" 2>"$NL_TMP/$name.netlens" ||
        { show "netlens stderr" "$NL_TMP/$name.netlens"; fail "$name: the program failed under netlens trace"; }
}

# compare NAME [trace_cmp options]: normalise both logs and diff them.
compare() {
    local name=$1
    shift
    if "$PYTHON" "$CMP" "$@" "$NL_TMP/$name.strace" "$(cat "$NL_TMP/$name.spid")" \
        "$NL_TMP/$name.netlens" "$(cat "$NL_TMP/$name.npid")" >"$NL_TMP/$name.diff" 2>&1; then
        pass "$name: same calls, arguments and results as strace"
    else
        show "$name: strace vs netlens trace" "$NL_TMP/$name.diff"
        flunk "$name: netlens trace differs from strace (diff above)"
    fi
}

NET="-f -yy -e trace=network"
for prog in refused_connect nonblock_connect udp_pingpong sendmsg_iov accept_server \
    fork_exec unix_pair; do
    run_pair "$prog" "$NET" "$prog"
    compare "$prog"
done

# Worker threads race: compare them as a multiset, and check the fds netlens showed from
# their socket() calls against the fds the program printed in the same run.
run_pair threads_race "$NET" threads_race
compare threads_race --threads
want=$(grep -o 'thread[0-9]*_fd=[0-9]*' "$NL_TMP/threads_race.nout" | cut -d= -f2 | sort -n | tr '\n' ' ' | sed 's/ $//')
npid=$(cat "$NL_TMP/threads_race.npid")
got=$(grep -E '^(\[pid +)?[0-9]+\]? +socket\(' "$NL_TMP/threads_race.netlens" |
    grep -v -E "^(\[pid +)?$npid\]? " | sed -E 's/.*\) += ([0-9]+)<.*/\1/' | sort -n | tr '\n' ' ' | sed 's/ $//')
if [[ -n $want && $want == "$got" ]]; then
    pass "threads_race: worker sockets are fds $want as the program printed"
else
    show "netlens trace" "$NL_TMP/threads_race.netlens"
    flunk "threads_race: the program printed worker fds '$want', netlens showed '$got'"
fi

# --no-merge: calls split as strace splits them. The normaliser joins the halves (R2), so
# the calls must still equal strace's; and every "<... NAME resumed>" must follow an
# "<unfinished ...>" of the same thread and call, with none left open.
NETLENS_EXTRA=--no-merge run_pair threads_split "$NET" threads_race
compare threads_split --threads
# A line without "[pid N]" is the launched thread's (the prefix goes when it is alone).
if "$PYTHON" - "$NL_TMP/threads_split.netlens" "$(cat "$NL_TMP/threads_split.npid")" >"$NL_TMP/split.check" 2>&1 <<'PY'
import re, sys
open_calls, splits = {}, 0
for line in open(sys.argv[1]):
    m = re.match(r"^(?:\[pid +(\d+)\] )?(.*)$", line.rstrip("\n"))
    tid, text = m.group(1) or sys.argv[2], m.group(2)
    if text.endswith(" <unfinished ...>"):
        assert tid not in open_calls, f"two unfinished calls in thread {tid}: {line}"
        open_calls[tid] = re.match(r"^([a-z0-9_]+)\(", text).group(1)
        splits += 1
    elif (r := re.match(r"^<\.\.\. ([a-z0-9_]+) resumed>", text)):
        assert open_calls.pop(tid, None) == r.group(1), f"resumed without its unfinished line: {line}"
    else:
        assert tid not in open_calls or text.startswith("+++"), f"thread {tid} printed while a call was open: {line}"
assert not open_calls, f"never resumed: {open_calls}"
print(splits)
PY
then
    pass "--no-merge: $(cat "$NL_TMP/split.check") calls split, each resumed by its own thread"
else
    show "netlens trace --no-merge" "$NL_TMP/threads_split.netlens"
    show "check" "$NL_TMP/split.check"
    flunk "--no-merge: unfinished/resumed lines do not pair up"
fi

# Calls that never return: two threads blocked in accept and recvfrom when the process
# exits. strace ends each with "= ?" (split or not); so must netlens, with the arguments
# it had at the entry.
run_pair exit_in_call "$NET" exit_in_call
compare exit_in_call --threads
if grep -qE '(accept|recvfrom)\(.* = \?$' "$NL_TMP/exit_in_call.netlens"; then
    pass "exit_in_call: calls cut short by the process's exit end with \"= ?\""
else
    show "netlens trace" "$NL_TMP/exit_in_call.netlens"
    flunk "exit_in_call: the calls in progress at the exit are missing"
fi

# -ff -o FILE: one FILE.TID per thread, as strace writes, each without a pid column. The
# files are joined into one "TID  line" log per tracer and compared like threads_race.
prog=$NETLENS_PROGRAMS/threads_race
mkdir -p "$NL_TMP/ff.strace.d" "$NL_TMP/ff.netlens.d"
# shellcheck disable=SC2016
strace -ff -yy -e trace=network -o "$NL_TMP/ff.strace.d/log" sh -c 'echo $$ >"$0"; exec "$1"' "$NL_TMP/ff.spid" "$prog" \
    >/dev/null || fail "threads_race failed under strace -ff"
# shellcheck disable=SC2016
"$NETLENS" trace -ff -e trace=network -o "$NL_TMP/ff.netlens.d/log" -- sh -c 'echo $$ >"$0"; exec "$1"' \
    "$NL_TMP/ff.npid" "$prog" >/dev/null || fail "threads_race failed under netlens trace -ff"
join_ff() {
    local file
    for file in "$1"/log.*; do sed "s/^/${file##*.}  /" "$file"; done
}
join_ff "$NL_TMP/ff.strace.d" >"$NL_TMP/ff.strace"
join_ff "$NL_TMP/ff.netlens.d" >"$NL_TMP/ff.netlens"
nfiles=$(find "$NL_TMP/ff.netlens.d" -name 'log.*' | wc -l)
sfiles=$(find "$NL_TMP/ff.strace.d" -name 'log.*' | wc -l)
if [[ $nfiles == "$sfiles" ]] && ! grep -qE '^(\[pid|[0-9]+  )' "$NL_TMP/ff.netlens.d"/log.*; then
    pass "-ff -o FILE: $nfiles files, one per thread as strace's, lines without a pid"
else
    show "netlens files" <(head -n 3 "$NL_TMP/ff.netlens.d"/log.*)
    flunk "-ff -o FILE: netlens wrote $nfiles files, strace $sfiles (or lines carry a pid)"
fi
compare ff --threads

# A namespace of the program's own: strace cannot resolve its sockets (it dumps its own
# namespace), so fd text is compared bare and netlens's is checked against the facts.
netns_rc=0
[[ $(id -u) == 0 ]] && { "$NETLENS_PROGRAMS/netns_socket" >"$NL_TMP/netns.probe" 2>&1 || netns_rc=$?; }
if [[ $(id -u) == 0 && $netns_rc == 77 ]]; then
    echo "# netns_socket not compared: $(grep -o 'unshare=[A-Z]*' "$NL_TMP/netns.probe")"
elif [[ $(id -u) == 0 ]]; then
    ((netns_rc == 0)) || { show "netns_socket" "$NL_TMP/netns.probe"; fail "netns_socket failed untraced (exit $netns_rc)"; }
    run_pair netns_socket "$NET" netns_socket
    compare netns_socket --netns
    facts() { grep -o "$1=[0-9,]*" "$NL_TMP/netns_socket.nout" | head -n1 | cut -d= -f2; }
    lp=$(facts listen_port) cp=$(facts client_port) afd=$(facts accepted_fd) cfd=$(facts client_fd)
    pair=$(facts pair_fds)
    log=$NL_TMP/netns_socket.netlens
    [[ -n $lp && -n $cp && -n $afd && -n $cfd && -n $pair ]] ||
        { show "program output" "$NL_TMP/netns_socket.nout"; fail "netns_socket printed no ports or fds"; }
    if grep -qF "= $afd<TCP:[127.0.0.1:$lp->127.0.0.1:$cp]>" "$log" &&
        grep -qF "($cfd<TCP:[127.0.0.1:$cp->127.0.0.1:$lp]>" "$log" &&
        grep -qE "\[${pair%,*}<UNIX-STREAM:\[([0-9]+)->([0-9]+)\]>, ${pair#*,}<UNIX-STREAM:\[\2->\1\]>\]" "$log"; then
        pass "netns_socket: fd text names the connection ($cp -> $lp) and the pair inside the namespace"
    else
        show "netlens trace" "$log"
        flunk "netns_socket: fd text does not show 127.0.0.1:$cp <-> 127.0.0.1:$lp on fds $cfd/$afd, or the pair $pair"
    fi
else
    echo "# netns_socket not compared: it needs root to make a namespace"
fi

# Flags, each on one program.
run_pair net_s100 "-f -yy -e trace=%net -s 100" sendmsg_iov
compare net_s100
run_pair durations "$NET -T" udp_pingpong
compare durations --T
run_pair times "$NET -tt" accept_server
compare times --tt
run_pair hex "$NET -x" udp_pingpong
compare hex
run_pair hexall "$NET -xx" udp_pingpong
compare hexall
run_pair hexunix "$NET -xx" unix_pair
compare hexunix

# -e read=SET / -e write=SET: the hex dumps under the calls, line for line as strace's
# (one per iovec for sendmsg, only the chosen fds for udp_pingpong).
for dump in "sendmsg_iov:-e read=all -e write=all" "udp_pingpong:-e read=4 -e write=3"; do
    prog=${dump%%:*} flags=${dump#*:}
    # shellcheck disable=SC2086
    strace -f -e trace=network $flags -o "$NL_TMP/dump.strace" "$NETLENS_PROGRAMS/$prog" >/dev/null ||
        fail "$prog failed under strace"
    # shellcheck disable=SC2086
    "$NETLENS" trace -f -e trace=network $flags -o "$NL_TMP/dump.netlens" -- "$NETLENS_PROGRAMS/$prog" >/dev/null ||
        fail "$prog failed under netlens trace"
    grep -E '^ [|*] ' "$NL_TMP/dump.strace" >"$NL_TMP/dump.strace.lines" || true
    grep -E '^ [|*] ' "$NL_TMP/dump.netlens" >"$NL_TMP/dump.netlens.lines" || true
    if [[ -s $NL_TMP/dump.strace.lines ]] && diff -u "$NL_TMP/dump.strace.lines" "$NL_TMP/dump.netlens.lines" >"$NL_TMP/dump.diff"; then
        pass "$prog $flags: $(wc -l <"$NL_TMP/dump.netlens.lines") dump lines, as strace's"
    else
        show "strace's dump lines vs netlens's" "$NL_TMP/dump.diff"
        flunk "$prog $flags: the dumps differ from strace's"
    fi
done

# -o FILE: the command must not inherit the log file (strace's is close-on-exec). ls
# lists its own descriptors (0-2, what the test runner holds, and its /proc/self/fd).
fds() { awk '$9 ~ /^[0-9]+$/ {print $9}' "$1" | sort -n | tr '\n' ' '; }
strace -o "$NL_TMP/ls.strace" ls -l /proc/self/fd >"$NL_TMP/ls.sfds" ||
    fail "ls failed under strace"
"$NETLENS" trace -o "$NL_TMP/ls.netlens" -- ls -l /proc/self/fd >"$NL_TMP/ls.nfds" ||
    fail "ls failed under netlens trace"
if [[ -n $(fds "$NL_TMP/ls.sfds") && $(fds "$NL_TMP/ls.sfds") == "$(fds "$NL_TMP/ls.nfds")" ]]; then
    pass "-o FILE: the command's descriptors are the same as under strace"
else
    show "the command's descriptors under strace -o" "$NL_TMP/ls.sfds"
    show "the command's descriptors under netlens trace -o" "$NL_TMP/ls.nfds"
    flunk "-o FILE: the command has fds $(fds "$NL_TMP/ls.nfds")under netlens trace -o, $(fds "$NL_TMP/ls.sfds")under strace -o"
fi

# -f -o FILE: strace writes "PID  " before every line, even while there is one process.
strace -f -yy -e trace=network -o "$NL_TMP/pfx.strace" "$NETLENS_PROGRAMS/refused_connect" >/dev/null ||
    fail "refused_connect failed under strace"
"$NETLENS" trace -f -e trace=network -o "$NL_TMP/pfx.netlens" -- "$NETLENS_PROGRAMS/refused_connect" >/dev/null ||
    fail "refused_connect failed under netlens trace"
s_lines=$(grep -c . "$NL_TMP/pfx.strace")
s_pfx=$(grep -cE '^[0-9]+ +' "$NL_TMP/pfx.strace")
n_lines=$(grep -c . "$NL_TMP/pfx.netlens")
n_pfx=$(grep -cE '^[0-9]+ +' "$NL_TMP/pfx.netlens")
if ((s_pfx == s_lines && n_pfx == n_lines && n_lines == s_lines)); then
    pass "-f -o FILE: every line starts with the pid, as with strace"
else
    show "strace -f -o" "$NL_TMP/pfx.strace"
    show "netlens trace -f -o" "$NL_TMP/pfx.netlens"
    flunk "-f -o FILE: strace prefixes $s_pfx of $s_lines lines with the pid, netlens $n_pfx of $n_lines"
fi

finish
