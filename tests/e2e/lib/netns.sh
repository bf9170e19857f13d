# Helpers for netlens end-to-end scenarios; source it from a tests/e2e/*_test.sh script.
#
# Every namespace, process and temporary file a test makes is registered here and removed
# by one EXIT/INT/TERM trap, so a failing assertion (or Ctrl-C) leaves nothing behind.
# Namespaces are named "nlt<pid>-<name>" so parallel or crashed runs cannot collide, and
# veths are created directly inside their namespaces: the host's interfaces, addresses
# and sysctls are never touched. The registry lives in files, not shell arrays, so
# helpers called from a command substitution ($(make_ns A)) register too.
#
# Exit codes follow strace/automake: 0 pass, 1 fail, 77 skip.

NL_PREFIX="nlt$$"
NL_LIB_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
NL_TMP=$(mktemp -d "${TMPDIR:-/tmp}/netlens-e2e.XXXXXX") || { echo "FAIL: mktemp" >&2; exit 1; }
: >"$NL_TMP/.namespaces"
: >"$NL_TMP/.pids"
NL_CLEANED=0
NL_PASSES=0
# An interpreter, not a version-manager shim: pyenv's costs 0.25 s (2 s on a busy
# machine) per start. Only the standard library is used, so the system one will do.
PYTHON=$(command -v python3) || { echo "SKIP: python3 is not installed"; exit 77; }
if [[ $PYTHON == */shims/* ]]; then
    if [[ -x /usr/bin/python3 ]]; then
        PYTHON=/usr/bin/python3
    else
        PYTHON=$("$PYTHON" -c 'import sys; print(sys.executable)') || { echo "SKIP: python3 does not run"; exit 77; }
    fi
fi

# Absolute path of the binary under test, from the first script argument.
netlens_from_args() {
    local bin=${1:-}
    [[ -n $bin ]] || { echo "usage: bash $0 PATH-TO-NETLENS" >&2; exit 2; }
    [[ -x $bin ]] || { echo "FAIL: $bin is not an executable" >&2; exit 1; }
    NETLENS=$(cd "$(dirname "$bin")" && pwd)/$(basename "$bin")
}

nl_cleanup() {
    local rc=${1:-$?}
    [[ $NL_CLEANED == 1 ]] && return "$rc"
    NL_CLEANED=1
    trap - EXIT INT TERM
    local pid ns
    # Processes first: a namespace outlives "ip netns del" while something runs in it.
    # (The lists are read on fd 3 so that nothing run in the loop can swallow them.)
    while read -r pid <&3; do
        [[ -n $pid ]] && kill "$pid" 2>/dev/null
    done 3<"$NL_TMP/.pids"
    while read -r pid <&3; do
        [[ -n $pid ]] && wait "$pid" 2>/dev/null
    done 3<"$NL_TMP/.pids"
    while read -r ns <&3; do
        [[ -z $ns ]] && continue
        # Anything still inside one of our namespaces was started by this test.
        for pid in $(ip netns pids "$ns" 2>/dev/null); do kill -KILL "$pid" 2>/dev/null; done
        ip netns del "$ns" 2>/dev/null
        rm -rf "/etc/netns/$ns"
    done 3<"$NL_TMP/.namespaces"
    rm -rf "$NL_TMP"
    return "$rc"
}
trap 'nl_cleanup $?' EXIT
trap 'nl_cleanup 130; exit 130' INT
nl_on_term() {
    local rc=143
    [[ -e $NL_TMP/.failed ]] && rc=1
    nl_cleanup "$rc"
    exit "$rc"
}
trap nl_on_term TERM

# --- reporting ---------------------------------------------------------------------

fail() {
    echo "FAIL: $*" >&2
    if ((BASH_SUBSHELL > 0)); then
        # Inside $(...) or a pipeline: make the test itself fail, not just this subshell.
        : >"$NL_TMP/.failed"
        kill -TERM $$
    fi
    exit 1
}

# flunk MSG: record a failed check and carry on; finish then exits 1. For comparisons,
# so one disagreement does not hide the others. (Setup problems use fail.)
flunk() {
    echo "FAIL: $*" >&2
    echo "$*" >>"$NL_TMP/.failures"
}

pass() {
    NL_PASSES=$((NL_PASSES + 1))
    echo "ok: $*"
}

skip() {
    echo "SKIP: $*"
    exit 77
}

# Print a file indented, to show the evidence when an assertion fails.
show() {
    local title=$1 file=$2
    echo "--- $title:" >&2
    sed 's/^/    /' "$file" >&2
}

# --- preconditions -----------------------------------------------------------------

# require_root: skip unless this test may build namespaces and veths. Only a missing
# privilege is a reason to skip; a fixture that fails for any other reason fails the test.
require_root() {
    [[ $(id -u) == 0 ]] || skip "needs root (creates network namespaces)"
    command -v ip >/dev/null || skip "ip(8) from iproute2 is not installed"
    local probe="$NL_PREFIX-probe"
    echo "$probe" >>"$NL_TMP/.namespaces"
    ip netns add "$probe" 2>"$NL_TMP/probe.err" ||
        skip_if_denied "cannot create a network namespace" "$NL_TMP/probe.err"
    ip -n "$probe" link add nltprobe0 type veth peer name nltprobe1 2>"$NL_TMP/probe.err" ||
        skip_if_denied "cannot create a veth pair" "$NL_TMP/probe.err"
    ip netns del "$probe"
}

# skip_if_denied WHAT ERR_FILE: a fixture step failed with the message in ERR_FILE. Skip
# when the kernel refused for want of a privilege (EPERM, EACCES: an unprivileged
# container, say); fail otherwise, so that a broken fixture never passes.
skip_if_denied() {
    local what=$1 message
    message=$(head -n1 "$2")
    if grep -qiE "operation not permitted|permission denied" "$2"; then
        skip "$what: $message (a privilege is missing)"
    fi
    fail "$what: ${message:-no error message}"
}

# --- namespaces, links, processes ----------------------------------------------------

# make_ns NAME: create namespace "nlt<pid>-NAME" with lo up; print its full name.
make_ns() {
    local ns="$NL_PREFIX-$1"
    echo "$ns" >>"$NL_TMP/.namespaces"
    ip netns add "$ns" || fail "ip netns add $ns"
    ip -n "$ns" link set lo up || fail "ip -n $ns link set lo up"
    echo "$ns"
}

# veth_pair NS1 IF1 NS2 IF2: a veth pair with IF1 in NS1 and IF2 in NS2 (NS2 may equal
# NS1), both ends down. Created inside NS1, so no name ever appears in the host namespace.
veth_pair() {
    local ns1=$1 if1=$2 ns2=$3 if2=$4
    ip -n "$ns1" link add "$if1" type veth peer name "$if2" netns "$ns2" ||
        fail "veth_pair $ns1/$if1 <-> $ns2/$if2"
}

# must CMD...: a fixture step (ip addr/link/route ...). When it fails the fixture is not
# what the test thinks, and comparisons of netlens with ip would pass on the broken state:
# skip when a privilege is missing, fail otherwise.
must() {
    "$@" 2>"$NL_TMP/must.err" && return 0
    local rc=$?
    skip_if_denied "fixture step '$(pretty "$@")' exited $rc" "$NL_TMP/must.err"
}

# sysctl_ns NS KEY=VALUE: set a sysctl inside a test namespace (never the host).
sysctl_ns() {
    ip netns exec "$1" sysctl -qw "$2" || fail "sysctl -w $2 in $1"
}

# start_bg CMD...: run CMD in the background, killed on cleanup. Sets BG_PID.
start_bg() {
    "$@" &
    BG_PID=$!
    echo "$BG_PID" >>"$NL_TMP/.pids"
}

# stop_bg PID: stop one background process early.
stop_bg() {
    kill "$1" 2>/dev/null
    wait "$1" 2>/dev/null
    return 0
}

# settle NS...: wait until every link that is up with carrier has its IPv6 link-local
# address (and so its fe80::/64 route) and no address is still tentative (the local-table
# route of an IPv6 address comes only when its duplicate address detection ends): the
# kernel adds them a moment after the carrier comes up, which would otherwise race with
# comparisons against ip(8).
settle() {
    local ns
    for ns in "$@"; do
        wait_for "link-local addresses in $ns" 5 nl_settled "$ns"
    done
}

nl_settled() {
    ip -n "$1" -j addr show | "$PYTHON" -S -c '
import json, sys
links = json.load(sys.stdin)
sys.exit(any("LOWER_UP" in l["flags"] and "LOOPBACK" not in l["flags"] and
             not any(a["family"] == "inet6" and a["local"].startswith("fe80:") for a in l.get("addr_info", []))
             for l in links) or
         any(a.get("tentative") for l in links for a in l.get("addr_info", [])))'
}

# sockets_settled NS: waits until NS's "sockets: used" (ss -s's Total) stops moving. The
# kernel frees a closed netlink socket only after an RCU grace period, so the sockets of
# the command that ran just before are still counted for a moment (longer under load).
sockets_settled() {
    local last="" same=0 now tries
    for ((tries = 0; tries < 100 && same < 3; tries++)); do
        now=$(ip netns exec "$1" head -n 1 /proc/net/sockstat)
        if [[ $now == "$last" ]]; then same=$((same + 1)); else same=0; fi
        last=$now
        sleep 0.1
    done
}

# --- running commands ----------------------------------------------------------------

# only_these_netns NS...: sets VIEW to a command prefix under which --all-netns can see
# nothing but the current namespace and NS...: a private mount namespace whose /run/netns
# holds only NS..., and a private pid namespace with its own /proc, so no other test's
# namespace or process can appear or vanish during the run. Without it, a namespace
# removed by someone else midway makes a partial result (exit 3) that is nobody's fault.
# Use: only_these_netns "$X" "$Y"; run "${VIEW[@]}" "$NETLENS" iface --all-netns
only_these_netns() {
    local view
    view=$(mktemp -d "$NL_TMP/view.XXXXXX") || fail "mktemp for a namespace view"
    # shellcheck disable=SC2016,SC2034 # $1 is the inner shell's; VIEW is for the caller
    VIEW=(unshare --mount --propagation private --pid --fork --mount-proc bash -c '
        view=$1
        shift
        while [[ $1 != -- ]]; do
            : >"$view/$1" && mount --bind "/run/netns/$1" "$view/$1" ||
                { echo "netns view: cannot bind /run/netns/$1" >&2; exit 125; }
            shift
        done
        shift
        mount --rbind "$view" /run/netns || { echo "netns view: cannot mount over /run/netns" >&2; exit 125; }
        exec "$@"' netns-view "$view" "$@" --)
}

# pretty CMD...: the command line as text, with the binary's path shortened to "netlens".
pretty() {
    local s="$*"
    echo "${s//"$NETLENS"/netlens}"
}

# run CMD...: run CMD (an external command), keep its exit code in RC and its output in
# $OUT and $ERR (files). A command that hangs is killed after NL_CMD_TIMEOUT seconds.
OUT="$NL_TMP/out"
ERR="$NL_TMP/err"
NL_CMD_TIMEOUT=${NL_CMD_TIMEOUT:-60}
run() {
    RC=0
    timeout -k 5 "$NL_CMD_TIMEOUT" "$@" >"$OUT" 2>"$ERR" || RC=$?
}

# run_ok DESC CMD...: like run, and fail unless CMD exits 0.
run_ok() {
    local desc=$1
    shift
    run "$@"
    if [[ $RC != 0 ]]; then
        show "stdout" "$OUT"
        show "stderr" "$ERR"
        fail "$desc: '$(pretty "$@")' exited $RC, expected 0"
    fi
}

# save NAME CMD...: run CMD (must succeed), store stdout in $NL_TMP/NAME; print the path.
save() {
    local name=$1
    shift
    local file="$NL_TMP/$name"
    if ! timeout -k 5 "$NL_CMD_TIMEOUT" "$@" >"$file" 2>"$file.err"; then
        cat "$file.err" >&2
        fail "'$(pretty "$@")' failed"
    fi
    echo "$file"
}

# expect_error WANT_RC WORD CMD...: CMD exits WANT_RC, prints nothing on stdout and
# exactly one line on stderr, starting "netlens: " and containing WORD.
expect_error() {
    local want=$1 word=$2
    shift 2
    run "$@"
    local cmd problem="" lines
    cmd=$(pretty "$@")
    lines=$(wc -l <"$ERR")
    if [[ $RC != "$want" ]]; then
        problem="exited $RC, expected $want"
    elif [[ -s $OUT ]]; then
        problem="printed on stdout after an error"
    elif [[ $lines != 1 ]]; then
        problem="expected exactly one line on stderr, got $lines"
    elif ! grep -q '^netlens: ' "$ERR"; then
        problem="error line does not start with 'netlens: '"
    elif ! grep -qiF -- "$word" "$ERR"; then
        problem="error does not mention '$word'"
    fi
    if [[ -n $problem ]]; then
        show "stdout" "$OUT"
        show "stderr" "$ERR"
        flunk "'$cmd': $problem"
    else
        pass "'$cmd' exits $want: $(cat "$ERR")"
    fi
}

# jsoncmp SUBCOMMAND ARGS...: the comparisons in jsoncmp.py; a mismatch is a failed check
# (prefixed with $NL_CONTEXT in the summary when set). Runs in one long-lived helper
# process (a coprocess) when called from the test's own shell, else in a fresh one.
jsoncmp() {
    local rc=0 line oks=0 what=""
    local -a lines=()
    if ((BASH_SUBSHELL == 0)) && nl_jsoncmp_server; then
        local IFS=$'\x1f'
        printf '%s\n' "$*" >&"${NL_JSONCMP[1]}"
        unset IFS
        rc=""
        while IFS= read -r line <&"${NL_JSONCMP[0]}"; do
            if [[ $line == $'\x04 '* ]]; then
                rc=${line#$'\x04 '}
                break
            fi
            lines+=("$line")
        done
        [[ -n $rc ]] || fail "jsoncmp helper process died"
    else
        mapfile -t lines < <("$PYTHON" -S "$NL_LIB_DIR/jsoncmp.py" "$@" 2>&1; echo $'\x04' "$?")
        rc=${lines[-1]#$'\x04 '}
        unset 'lines[-1]'
    fi
    for line in "${lines[@]}"; do
        echo "$line"
        [[ $line == ok:* ]] && oks=$((oks + 1))
        [[ $line == MISMATCH:* ]] && what+="${what:+; }${line#MISMATCH: }"
    done
    NL_PASSES=$((NL_PASSES + oks))
    ((rc == 0)) || flunk "${NL_CONTEXT:+$NL_CONTEXT: }${what:-jsoncmp $1 failed}"
}

# compare_with SCRIPT ARGS...: run a comparison script of lib/ (prints "ok:" and
# "MISMATCH:" lines, exits 1 on a mismatch); a mismatch is a failed check, named by
# $NL_CONTEXT when set.
compare_with() {
    local script=$1 line last=""
    shift
    while IFS= read -r line; do
        [[ $line == rc=* ]] || echo "$line"
        [[ $line == ok:* ]] && NL_PASSES=$((NL_PASSES + 1))
        last=$line
    done < <("$PYTHON" -S "$NL_LIB_DIR/$script" "$@"; echo "rc=$?")
    [[ $last == rc=0 ]] || flunk "${NL_CONTEXT:-$script $1}"
}

# Start the jsoncmp coprocess once; it is killed with the other background processes.
nl_jsoncmp_server() {
    [[ -n ${NL_JSONCMP_PID:-} ]] && return 0
    coproc NL_JSONCMP { exec "$PYTHON" -S "$NL_LIB_DIR/jsoncmp.py" serve; }
    echo "$NL_JSONCMP_PID" >>"$NL_TMP/.pids"
}

# udp_send NS DST PORT COUNT [SIZE]: send COUNT UDP datagrams of SIZE bytes from NS.
udp_send() {
    local ns=$1 dst=$2 port=$3 count=$4 size=${5:-200}
    ip netns exec "$ns" "$PYTHON" - "$dst" "$port" "$count" "$size" <<'EOF'
import socket, sys
dst, port, count, size = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4])
family = socket.AF_INET6 if ":" in dst else socket.AF_INET
s = socket.socket(family, socket.SOCK_DGRAM)
for _ in range(count):
    try:
        s.sendto(b"x" * size, (dst, port))
    except OSError:
        pass
EOF
}

# link_stat NS DEV rx|tx FIELD: one counter of ip -s link (stats64), e.g. rx packets.
link_stat() {
    ip -n "$1" -j -s link show dev "$2" |
        "$PYTHON" -S -c 'import json, sys; print(json.load(sys.stdin)[0]["stats64"][sys.argv[1]][sys.argv[2]])' "$3" "$4"
}

# stat_above NS DEV rx|tx FIELD N: succeed when that counter exceeds N.
stat_above() {
    local value
    value=$(link_stat "$1" "$2" "$3" "$4") && ((value > $5))
}

# wait_for DESC TIMEOUT_S CMD...: poll CMD (a command or shell function) every 50 ms
# until it succeeds; fail the test after TIMEOUT_S seconds.
wait_for() {
    local desc=$1 timeout=$2
    shift 2
    local deadline=$((SECONDS + timeout + 1))
    until "$@" >/dev/null 2>&1; do
        ((SECONDS < deadline)) || fail "timed out after ${timeout}s waiting for $desc"
        sleep 0.05
    done
}

finish() {
    local name failures=0
    name=$(basename "$0" .sh)
    [[ -e $NL_TMP/.failures ]] && failures=$(wc -l <"$NL_TMP/.failures")
    if ((failures > 0)); then
        echo "FAIL: $name: $failures failed, $NL_PASSES passed:" >&2
        sed 's/^/    /' "$NL_TMP/.failures" >&2
        exit 1
    fi
    echo "PASS: $name: $NL_PASSES checks"
    exit 0
}
