#!/usr/bin/env bash
# netlens trace lets go safely, and exits as strace does:
#
# - attached with -p to a busy loopback UDP ping-pong (safety_pingpong: a known number of
#   round trips, each checked, the result printed at the end), SIGINT / SIGTERM / SIGHUP /
#   SIGQUIT to netlens mid-stream: netlens lets go at once and dies of the signal, as
#   strace -p does (129 / 130 / 131 / 143 from the shell), no thread of the process is
#   traced any more (TracerPid: 0), and the process finishes every round trip right;
#   the same for a process with four threads;
# - a launched command: SIGINT / SIGTERM to netlens reach the command, which dies of it,
#   and netlens exits as strace does on the same case (130 / 143 from the shell);
# - kill -9 of netlens: the launched command dies with it (PTRACE_O_EXITKILL: under the
#   seccomp filter without a tracer its calls would fail), a -p process does not;
# - exit statuses: the command's exit code and its death by a signal, as strace.
source "$(dirname "$0")/lib/netns.sh"
netlens_from_args "$@"
[[ $(id -u) == 0 ]] || skip "needs root (ptrace of a process this test did not start)"
command -v strace >/dev/null || skip "strace is not installed (the oracle for exit codes)"
PINGPONG=${NETLENS_PROGRAMS:-}/safety_pingpong
[[ -x $PINGPONG ]] || fail "test program $PINGPONG was not built (NETLENS_PROGRAMS=${NETLENS_PROGRAMS:-unset})"

ROUNDS=15000 # about 4 s bare with the 200 us pause of each round; much longer traced

# The pid printed by the ping-pong into FILE once it runs.
pid_in() { sed -n 's/^pid=//p' "$1"; }
has_pid() { [[ -n $(pid_in "$1") ]]; }
# Lines in FILE (a trace): at least N?
lines_at_least() { [[ -e $1 ]] && (($(wc -l <"$1") >= $2)); }

# traced_by_none PID: every thread of PID shows TracerPid: 0.
traced_by_none() {
    local status
    for status in /proc/"$1"/task/*/status; do
        grep -q '^TracerPid:[[:space:]]*0$' "$status" || return 1
    done
}
# traced_all PID THREADS: PID has THREADS threads and each one is traced.
traced_all() {
    local status n=0
    for status in /proc/"$1"/task/*/status; do
        grep -q '^TracerPid:[[:space:]]*0$' "$status" && return 1
        n=$((n + 1))
    done
    ((n == $2))
}
# threads_are PID N: PID has N threads.
threads_are() {
    local tasks=(/proc/"$1"/task/*)
    ((${#tasks[@]} == $2))
}
# gone PID: no such process, or only its zombie.
gone() { ! kill -0 "$1" 2>/dev/null || grep -q '^State:[[:space:]]*Z' "/proc/$1/status" 2>/dev/null; }
# stopped PID: some thread of PID is in a stop (T or t) — a tracee left stopped.
stopped() { grep -q '^State:[[:space:]]*[Tt]' /proc/"$1"/task/*/status 2>/dev/null; }

# wait_rc PID TIMEOUT_S: wait for our child PID; RC is its status, "timeout" if it took longer.
wait_rc() {
    local pid=$1 deadline=$((SECONDS + $2))
    while kill -0 "$pid" 2>/dev/null && ! grep -q '^State:[[:space:]]*Z' "/proc/$pid/status" 2>/dev/null; do
        if ((SECONDS >= deadline)); then
            RC=timeout
            return
        fi
        sleep 0.05
    done
    RC=0
    wait "$pid" || RC=$?
}

# attach_and_signal SIGNAL THREADS: -p on a busy ping-pong, SIGNAL to netlens mid-stream.
attach_and_signal() {
    local sig=$1 threads=$2 what="-p, $2 thread(s), SIG$1"
    local out="$NL_TMP/pingpong-$sig-$threads.out" trace="$NL_TMP/trace-$sig-$threads.txt"
    start_bg "$PINGPONG" "$ROUNDS" "$threads" 200 >"$out"
    local program=$BG_PID
    wait_for "the ping-pong's pid ($what)" 10 has_pid "$out"
    [[ $(pid_in "$out") == "$program" ]] || fail "$what: the ping-pong says pid $(pid_in "$out"), started $program"
    wait_for "its $threads thread(s) ($what)" 10 threads_are "$program" "$threads"
    start_bg env --default-signal=INT,QUIT "$NETLENS" trace -f -o "$trace" -p "$program"
    local tracer=$BG_PID
    wait_for "every thread traced ($what)" 10 traced_all "$program" "$threads"
    wait_for "calls in the trace ($what)" 20 lines_at_least "$trace" 50
    if gone "$program"; then
        fail "$what: the ping-pong ended before the signal; raise ROUNDS"
    fi
    kill -"$sig" "$tracer"
    wait_rc "$tracer" 10
    local want=$((128 + $(kill -l "$sig")))
    if [[ $RC == "$want" ]]; then
        pass "$what: netlens dies of the signal ($RC), as strace -p"
    else
        flunk "$what: netlens exited $RC, expected $want (death by SIG$sig, as strace -p) within 10 s"
    fi
    if gone "$program"; then
        flunk "$what: the process died when netlens let go"
        return
    fi
    if wait_for_quiet 5 traced_by_none "$program"; then
        pass "$what: every thread has TracerPid 0"
    else
        flunk "$what: still traced after netlens exited: $(grep -h TracerPid /proc/"$program"/task/*/status | tr -s '\t\n' ' ')"
    fi
    local traced_lines
    traced_lines=$(wc -l <"$trace")
    wait_rc "$program" 60
    if [[ $RC == 0 ]] && grep -qx "rounds=$((ROUNDS * threads)) ok=$((ROUNDS * threads)) bad=0" "$out"; then
        pass "$what: the process finished all $((ROUNDS * threads)) round trips right ($traced_lines calls traced before)"
    else
        show "ping-pong output" "$out"
        flunk "$what: the process exited $RC after the detach, expected 0 and rounds=ok=$((ROUNDS * threads))"
    fi
}

# wait_for_quiet TIMEOUT_S CMD...: like wait_for, but returns 1 instead of failing.
wait_for_quiet() {
    local deadline=$((SECONDS + $1))
    shift
    until "$@" >/dev/null 2>&1; do
        ((SECONDS < deadline)) || return 1
        sleep 0.05
    done
}

echo "# -p: detach on a signal"
attach_and_signal INT 1
attach_and_signal TERM 1
attach_and_signal HUP 1
attach_and_signal QUIT 1
attach_and_signal INT 4
attach_and_signal TERM 4

# launched TOOL SIGNAL: TOOL (strace or netlens trace) runs the ping-pong; SIGNAL to the
# tool mid-stream. Sets RC (the tool's status as the shell sees it) and COMMAND_PID.
# SIGINT and SIGQUIT are restored to their default first: a background job of a
# non-interactive shell starts with them ignored.
launched() {
    local tool=$1 sig=$2 out="$NL_TMP/launched-$1-$2.out" trace="$NL_TMP/launched-$1-$2.txt"
    # The trace goes to stderr: strace -o FILE with a command blocks these signals (-I3).
    local -a cmd=(strace -f)
    [[ $tool == netlens ]] && cmd=("$NETLENS" trace -f)
    start_bg env --default-signal=INT,QUIT "${cmd[@]}" -- "$PINGPONG" "$ROUNDS" 1 200 >"$out" 2>"$trace"
    local tracer=$BG_PID
    wait_for "the ping-pong's pid under $tool" 10 has_pid "$out"
    COMMAND_PID=$(pid_in "$out")
    wait_for "calls in $tool's trace" 20 lines_at_least "$trace" 50
    kill -"$sig" "$tracer"
    wait_rc "$tracer" 15
    LAUNCHED_OUT=$out
    LAUNCHED_TRACE=$trace
}

echo "# a launched command: our signal is its signal"
for sig in INT TERM; do
    launched strace "$sig"
    theirs=$RC
    # strace lets its command go; this test does not need it any more.
    kill -KILL "$COMMAND_PID" 2>/dev/null
    launched netlens "$sig"
    ours=$RC
    want=$((128 + $(kill -l "$sig")))
    if [[ $ours == "$theirs" && $ours == "$want" ]]; then
        pass "SIG$sig to netlens running a command: exit $ours, as strace's $theirs"
    else
        flunk "SIG$sig to netlens running a command: exit $ours, strace exits $theirs (expected $want)"
    fi
    if wait_for_quiet 10 gone "$COMMAND_PID"; then
        if grep -q '^rounds=' "$LAUNCHED_OUT"; then
            flunk "SIG$sig: the command did not die of the forwarded signal, it finished"
        else
            pass "SIG$sig: the command did not outlive netlens"
        fi
    else
        flunk "SIG$sig: the command still runs 10 s after netlens exited ($(grep -h '^\(State\|TracerPid\)' /proc/"$COMMAND_PID"/status | tr -s '\t\n' ' '))"
        kill -KILL "$COMMAND_PID" 2>/dev/null
    fi
    if grep -qx "+++ killed by SIG$sig +++" "$LAUNCHED_TRACE"; then
        pass "SIG$sig: the trace ends '+++ killed by SIG$sig +++' as strace's would"
    else
        show "the trace's last lines" <(tail -n 3 "$LAUNCHED_TRACE")
        flunk "SIG$sig: no '+++ killed by SIG$sig +++' line in the trace"
    fi
done

echo "# kill -9 of netlens"
out="$NL_TMP/kill9-launched.out"
start_bg "$NETLENS" trace -f -o "$NL_TMP/kill9-launched.txt" -- "$PINGPONG" "$ROUNDS" 1 200 >"$out"
tracer=$BG_PID
wait_for "the ping-pong's pid under netlens" 10 has_pid "$out"
command_pid=$(pid_in "$out")
wait_for "calls in the trace" 20 lines_at_least "$NL_TMP/kill9-launched.txt" 50
kill -KILL "$tracer"
wait_rc "$tracer" 10
if wait_for_quiet 10 gone "$command_pid"; then
    pass "kill -9 of netlens: the launched command dies with it (PTRACE_O_EXITKILL)"
else
    flunk "kill -9 of netlens: the launched command $command_pid still runs"
    kill -KILL "$command_pid" 2>/dev/null
fi

out="$NL_TMP/kill9-attached.out"
start_bg "$PINGPONG" "$ROUNDS" 1 200 >"$out"
program=$BG_PID
wait_for "the ping-pong's pid" 10 has_pid "$out"
start_bg "$NETLENS" trace -f -o "$NL_TMP/kill9-attached.txt" -p "$program"
tracer=$BG_PID
wait_for "the ping-pong traced" 10 traced_all "$program" 1
wait_for "calls in the trace" 20 lines_at_least "$NL_TMP/kill9-attached.txt" 50
kill -KILL "$tracer"
wait_rc "$tracer" 10
wait_rc "$program" 60
if [[ $RC == 0 ]] && grep -qx "rounds=$ROUNDS ok=$ROUNDS bad=0" "$out"; then
    pass "kill -9 of netlens: the -p process lives on and finishes its $ROUNDS round trips right"
else
    show "ping-pong output" "$out"
    flunk "kill -9 of netlens: the -p process exited $RC, expected 0 with every round trip right"
fi

echo "# exit statuses"
for script in 'exit 7' 'exit 0' 'kill -TERM $$' 'kill -INT $$'; do
    run strace -f -o /dev/null -- sh -c "$script"
    theirs=$RC
    run "$NETLENS" trace -f -o /dev/null -- sh -c "$script"
    ours=$RC
    if [[ $ours == "$theirs" ]]; then
        pass "netlens trace -- sh -c '$script': exit $ours, as strace"
    else
        flunk "netlens trace -- sh -c '$script': exit $ours, strace exits $theirs"
    fi
done

finish
