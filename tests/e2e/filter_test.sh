#!/usr/bin/env bash
# The ss filter grammar, netlens against ss(8) on the same sockets.
#
# One namespace F with lo and a veth pair v0 (10.40.0.1, fd00:40::1) -- v1 (10.40.0.2),
# host names from a per-namespace hosts file (localhost, myhost = 10.40.0.1 and
# fd00:40::1), and filter_zoo.py's sockets: TCP listeners and connections over IPv4,
# IPv6 and dual-stack, UDP, SO_MARK, SO_BINDTODEVICE, explicitly bound and autobound
# ports, UNIX sockets with paths and abstract names, and (when cgroup v2 can be
# written) sockets in a cgroup of their own.
#
# For every primitive of the grammar and every precedence case, the rows of
# `netlens sockets -H -n FLAGS FILTER` and `ss -H -n FLAGS FILTER` are compared as sets
# (whitespace normalised, Recv-Q/Send-Q left out). ss is also asked how it groups
# and/or (`a or b and c` against both bracketings), so the precedence netlens follows is
# the one the installed ss has. Filters ss rejects must be rejected by netlens with exit
# 2 naming the word. The rows are netlens's column text as it is: a dual-stack listener
# ss prints as *:PORT, and the State column ss drops when one state is asked for, are
# matters of the output code, not of the filter, and show here as differences until fixed.
source "$(dirname "$0")/lib/netns.sh"
netlens_from_args "$@"
require_root
command -v ss >/dev/null || skip "ss(8) is not installed (iproute2)"
ZOO="$NL_LIB_DIR/filter_zoo.py"

F=$(make_ns F)
veth_pair "$F" v0 "$F" v1
must ip -n "$F" addr add 10.40.0.1/24 dev v0
must ip -n "$F" addr add fd00:40::1/64 dev v0 nodad
must ip -n "$F" addr add 10.40.0.2/24 dev v1
must ip -n "$F" link set v0 up
must ip -n "$F" link set v1 up
sysctl_ns "$F" "net.ipv4.ip_local_port_range=32768 60999"
mkdir -p "/etc/netns/$F" || fail "mkdir /etc/netns/$F"
cat >"/etc/netns/$F/hosts" <<'HOSTS'
127.0.0.1	localhost
::1	localhost
10.40.0.1	myhost
fd00:40::1	myhost
10.40.0.2	otherhost
HOSTS

# A cgroup of the test's own, when cgroup v2 is mounted and writable; removed at exit
# after the processes in it are gone.
CGROUP_NAME="netlens-filter-$$"
CGROUP_ROOT=$(awk '$3 == "cgroup2" { print $2; exit }' /proc/mounts)
CGROUP_PROCS=""
if [[ -n $CGROUP_ROOT ]] && mkdir "$CGROUP_ROOT/$CGROUP_NAME" 2>/dev/null; then
    CGROUP_PROCS="$CGROUP_ROOT/$CGROUP_NAME/cgroup.procs"
    trap 'rc=$?; nl_cleanup $rc; rmdir "$CGROUP_ROOT/$CGROUP_NAME" 2>/dev/null; exit $rc' EXIT
fi

UNIX_DIR="$NL_TMP/unix"
mkdir -p "$UNIX_DIR"
# nsenter, not ip netns exec: the fixture keeps the host's mounts, so it can write to
# the cgroup file system (ip netns exec mounts a fresh /sys without it).
start_bg nsenter --net="/run/netns/$F" "$PYTHON" "$ZOO" "$UNIX_DIR" "$NL_TMP/zoo.ready" $CGROUP_PROCS
wait_for "the fixture's sockets" 20 test -e "$NL_TMP/zoo.ready"

# rows FILE: the rows of a -H table as sorted lines, spacing normalised and the two
# queue columns (the first two numbers in a row) left out.
rows() {
    "$PYTHON" -S -c '
import sys
out = []
for line in open(sys.argv[1]):
    words = line.split()
    if not words:
        continue
    for i in range(len(words) - 1):
        if words[i].isdigit() and words[i + 1].isdigit():
            del words[i:i + 2]
            break
    out.append(" ".join(words))
print("\n".join(sorted(out)))
' "$1"
}

# How both tools enter F: ip netns exec (for /etc/netns/F/hosts), or nsenter where the
# host's mounts are needed (the cgroup2 file system).
ENTER=(ip netns exec "$F")

# same FLAGS FILTER...: netlens and ss list the same sockets in F.
same() {
    local flags=$1
    shift
    local what="sockets $flags $*"
    timeout -k 5 30 "${ENTER[@]}" "$NETLENS" sockets -H -n "$flags" "$@" >"$NL_TMP/ours" 2>"$NL_TMP/ours.err"
    local ours_rc=$?
    timeout -k 5 30 "${ENTER[@]}" ss -H -n "$flags" "$@" >"$NL_TMP/theirs" 2>"$NL_TMP/theirs.err"
    local theirs_rc=$?
    if ((theirs_rc != 0)); then
        show "ss stderr" "$NL_TMP/theirs.err"
        flunk "$what: ss itself exited $theirs_rc (a broken case)"
        return
    fi
    if ((ours_rc != 0)); then
        show "netlens stderr" "$NL_TMP/ours.err"
        flunk "$what: netlens exited $ours_rc"
        return
    fi
    rows "$NL_TMP/ours" >"$NL_TMP/ours.rows"
    rows "$NL_TMP/theirs" >"$NL_TMP/theirs.rows"
    if diff -u "$NL_TMP/theirs.rows" "$NL_TMP/ours.rows" >"$NL_TMP/diff"; then
        pass "$what: $(wc -l <"$NL_TMP/ours.rows") rows as ss"
    else
        show "diff ss -> netlens" "$NL_TMP/diff"
        flunk "$what: rows differ from ss"
    fi
}

# ss_same FLAGS "FILTER A" "FILTER B": ss itself lists the same rows for both (used to
# establish ss's grouping of and/or), and different rows for "FILTER C" when given.
ss_groups() {
    local flags=$1 plain=$2 grouped=$3 other=$4
    ip netns exec "$F" ss -H -n "$flags" $plain 2>/dev/null | sort >"$NL_TMP/plain"
    ip netns exec "$F" ss -H -n "$flags" $grouped 2>/dev/null | sort >"$NL_TMP/grouped"
    ip netns exec "$F" ss -H -n "$flags" $other 2>/dev/null | sort >"$NL_TMP/other"
    if cmp -s "$NL_TMP/plain" "$NL_TMP/grouped" && ! cmp -s "$NL_TMP/plain" "$NL_TMP/other"; then
        pass "ss reads '$plain' as '$grouped', not '$other'"
    else
        flunk "ss does not read '$plain' as '$grouped' (and unlike '$other') on this fixture"
    fi
}

# rejected FLAGS WORD FILTER...: ss refuses the filter, and netlens exits 2 naming WORD.
rejected() {
    local flags=$1 word=$2
    shift 2
    if ip netns exec "$F" ss -H -n "$flags" "$@" >/dev/null 2>&1; then
        flunk "ss accepts '$*', so netlens must too (a broken case)"
        return
    fi
    expect_error 2 "$word" ip netns exec "$F" "$NETLENS" sockets -H -n "$flags" "$@"
}

echo "# precedence: what ss does, then netlens against ss"
ss_groups -tan "dport = :22 or sport = :22 and src 127.0.0.1" \
    "( dport = :22 or sport = :22 ) and src 127.0.0.1" "dport = :22 or ( sport = :22 and src 127.0.0.1 )"
ss_groups -tan "src 127.0.0.1 and sport = :22 or sport = :80" \
    "( src 127.0.0.1 and sport = :22 ) or sport = :80" "src 127.0.0.1 and ( sport = :22 or sport = :80 )"
ss_groups -tan "not sport = :22 or sport = :80" "( not sport = :22 ) or sport = :80" "not ( sport = :22 or sport = :80 )"
for filter in \
    "dport = :22 or sport = :22 and src 127.0.0.1" \
    "src 127.0.0.1 and sport = :22 or sport = :80" \
    "sport = :22 || sport = :80 && dst 127.0.0.1" \
    "sport = :22 | sport = :80 & dst 127.0.0.1" \
    "not sport = :22 or sport = :80" \
    "! ( sport = :22 or sport = :80 )" \
    "! sport = :22 ! sport = :80" \
    "sport = :22 dst 127.0.0.1" \
    "sport = :80 or sport = :22 src [::1]" \
    "( sport = :22 or sport = :80 ) and ( dst 127.0.0.1 or dst 0.0.0.0 )" \
    "not not sport = :22" \
    "dport = :22 and ( sport > :40000 or not src 127.0.0.1 ) or dport = :443"; do
    same -tan "$filter"
done
same -tan '(' sport = :22 or sport = :80 ')'

echo "# ports: every comparison"
for filter in "sport = :22" "sport == 22" "sport eq :22" "sport :22" "sport 22" "sport != :22" "sport ne :22" \
    "sport neq :22" "sport > :5000" "sport gt :5000" "sport < :1000" "sport lt :1000" "sport >= :7000" \
    "sport ge :7000" "sport geq :7000" "sport <= :80" "sport le :80" "sport leq :80" "dport = :443" \
    "dport > :1024" "dport != :22" "sport = :0x16" "sport = :026" "sport = :*" "sport = *" "sport > :*" \
    "dport < :99999" "sport = :-1"; do
    same -tuan "$filter"
done

echo "# service names"
for filter in "sport = :ssh" "dport = :https" "sport = :http" "src *:http" "dst 127.0.0.1:ssh" "sport != :ssh"; do
    same -tan "$filter"
done
same -uan "sport = :domain"
same -tuan "dport = :domain"

echo "# addresses, prefixes, wildcards"
for filter in "src 127.0.0.1" "src 127.0.0.1:22" "dst 127.0.0.1" "src [::1]" "src [::1]:22" "dst [::1]:22" \
    "src [fd00:40::1]:443" "dst [fd00:40::1]" "src [fe80::/10]" "src [fd00:40::/64]:443" "src 10/8" \
    "src 10.40.0.0/24" "dst 10.40.0.1/32:443" "src 127.0.0.1/255.0.0.0" "src 10" "src 127.1" \
    "src *" "src *:*" "src *:22" "src :22" "dst :*" "dst *:443" "src 0/0" "not src 0/0" "src [::/0]" \
    "not src [::/0]" "not src [::/8]" "src [::/8]" "src default" "src any" "not dst all" \
    "src [::ffff:127.0.0.1]" "dst 127.0.0.1:5000" "src [::]:5000" "src inet:127.0.0.1" "src inet6:[::1]" \
    "dst inet:0/0"; do
    same -tuan "$filter"
done
same -tan "src 127.0.0.1"
same -4tan "src 127.0.0.1"
same -6tan "dst [::1]"

echo "# host names from /etc/netns/F/hosts"
for filter in "dst localhost" "src localhost" "src localhost:22" "not dst localhost" "src myhost" \
    "dst myhost" "dst myhost:443" "src otherhost" "dst localhost or dst myhost" "not src myhost"; do
    same -tuan "$filter"
done
same -4tan "dst localhost"

echo "# devices"
v0=$(ip -n "$F" -o link show v0 | cut -d: -f1)
for filter in "dev v0" "dev = v1" "dev == v1" "dev != v0" "dev lo" "dev $v0" "dev if$v0" "dev 0" \
    "dev v0 or sport = :22" "not dev v1 and sport > :7000" "dev v0 or dst localhost" "dev v1 or not src [::/8]"; do
    same -tuan "$filter"
done

echo "# autobound"
for filter in "autobound" "not autobound" "autobound and dport = :22" "autobound or dev v0" "! autobound" \
    "sport = :40000 and not autobound"; do
    same -tuan "$filter"
done
same -xa "autobound"
same -xa "not autobound"

echo "# fwmark"
for filter in "fwmark = 0x15" "fwmark 0x20" "fwmark != 0x15" "fwmark = 0x10/0x10" "fwmark = 0/0xffffffff" \
    "fwmark == 21" "fwmark 0x15 or fwmark 0x20"; do
    same -tan "$filter"
done

if [[ -n $CGROUP_PROCS ]]; then
    echo "# cgroup"
    ENTER=(nsenter --net="/run/netns/$F")
    for filter in "cgroup /$CGROUP_NAME" "cgroup = $CGROUP_ROOT/$CGROUP_NAME" "cgroup != /$CGROUP_NAME" \
        "cgroup /$CGROUP_NAME and sport = :9100" "not cgroup /$CGROUP_NAME and dev v0"; do
        same -tuan "$filter"
    done
    ENTER=(ip netns exec "$F")
else
    echo "# cgroup: skipped, no writable cgroup v2 mount to make a cgroup in"
fi

echo "# UNIX sockets"
for filter in "src $UNIX_DIR/alpha.sock" "src */alpha.sock" "src $UNIX_DIR/*" "src *ALPHA*" "src *beta*" \
    "src @netlens-zoo-*" "src @*" "src @netlens-zoo-upper" "dst *" "dst $UNIX_DIR/*" "not src @*" "src *" \
    "src unix:$UNIX_DIR/*" "sport = :22" "src *.sock or src @*" "src [a-z]*"; do
    same -xa "$filter"
done
same -a "src unix:$UNIX_DIR/*"

echo "# states and groups"
for state in all connected synchronized bucket big established syn-sent syn-recv syn-rcv fin-wait-1 \
    fin-wait-2 time-wait closed close unconnected close-wait last-ack listening closing Established; do
    same -tun state "$state"
done
same -tun state listening state established
same -tun exclude listening
same -tun excl established
same -tun state all exclude established dport = :22
same -xn state listening

echo "# errors: ss refuses these, netlens exits 2 naming the word"
rejected -tan listen state listen
rejected -tan bogus state bogus
rejected -tan "!=" src != 127.0.0.1
rejected -tan nosuch sport = :nosuch
rejected -tan nosuchdev dev nosuchdev
rejected -tan zz fwmark zz
rejected -tan /no-such-cgroup-here cgroup /no-such-cgroup-here
rejected -tan "::1" dst ::1
rejected -tan "(" '(' sport = :22
rejected -tan ")" sport = :22 ')'
rejected -tan "no-such-host.invalid" dst no-such-host.invalid
rejected -tan "after the last word" sport = :22 and
rejected -tan ">" dev '>' v0

echo "# the lexer: ss cuts the filter at spaces and tabs only, '\\' escapes one character"
same -tan "dport > :1000"
same -tan "( sport = :22 )"
same -tan "! ( sport = :22 )"
same -tan '\(' sport = :22 '\)'
same -tan '\( sport = :22 \)'
same -tan $'sport\t=\t:22'
same -tan 's\port = :2\2'
same -tan src 10.40.0.1/8
same -tan dev = v0
same -tan state established "( dport = :22 or sport = :22 )"
rejected -tan "dport>:80" "dport>:80"
rejected -tan ">:80" dport ">:80"
rejected -tan "dst!=1.2.3.4" "dst!=1.2.3.4"
rejected -tan "(sport=:22)" "(sport=:22)"
rejected -tan "!(sport" "!(sport = :22)"
rejected -tan ":22)" "( sport = :22)"
rejected -tan "dev=lo" "dev=lo"
rejected -tan "sport=:22" "sport=:22"
rejected -tan "&&dport" "sport = :22 &&dport = :1"
rejected -tan "'state'" "state established"
rejected -tan "'state'" "state established ( sport = :22 )"
rejected -tan "word 4 ''" 'sport = :22 \'
rejected -tan "word 1 'sport\\n='" $'sport\n= :22'
# A UNIX path with '=' and parentheses: one word, as ss reads it.
start_bg ip netns exec "$F" "$PYTHON" -c '
import socket, sys, time
s = socket.socket(socket.AF_UNIX)
s.bind(sys.argv[1])
s.listen(1)
open(sys.argv[2], "w").close()
time.sleep(3600)' "$UNIX_DIR/a=b(1).sock" "$NL_TMP/paren.ready"
wait_for "the UNIX socket with '=' and '(' in its path" 10 test -e "$NL_TMP/paren.ready"
same -xa "src $UNIX_DIR/a=b(1).sock"
same -xa "src $UNIX_DIR/a\\=b\\(1\\).sock"
same -xa "src *=b(*"
same -xa "not src *=b(*"

finish
