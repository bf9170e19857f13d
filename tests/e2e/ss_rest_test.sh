#!/usr/bin/env bash
# The last ss flags, netlens against ss(8) on the same sockets:
#   - -s with a table or family flag or filter words: ss -s's summary line for line,
#     then the table (rows as a set); with --json the summary and the sockets in one
#     document; -s alone, -s -a, -s -l, -s -n: the summary only, as ss prints it;
#   - --inet-sockopt: every inet socket's flags as ss prints them, text with -e, -m,
#     -i and -O, and in JSON;
#   - `dev NAME` looked up in the namespace read (--netns, -N, --all-netns), as ss -N
#     looks it up after switching: only0 exists in R only, same0 in R and in the
#     caller's namespace C with another index;
#   - --tipcinfo: accepted; nothing changes, as in ss where there are no TIPC sockets.
#
#   C (the caller): same0 -- cpeer0            R: extra0/1, only0/1, same0/samepeer0
#
# rest_fixture.py (in R) holds TCP, UDP, RAW and UNIX sockets with every option
# sock_diag reports, and listeners bound to only0 and same0.
source "$(dirname "$0")/lib/netns.sh"
source "$(dirname "$0")/lib/sockets_check.sh"
netlens_from_args "$@"
require_root
command -v ss >/dev/null || skip "ss(8) is not installed (iproute2)"

C=$(make_ns C)
R=$(make_ns R)
# R gets more links first, so its same0 has another index than C's.
veth_pair "$R" extra0 "$R" extra1
veth_pair "$R" only0 "$R" only1
veth_pair "$R" same0 "$R" samepeer0
veth_pair "$C" same0 "$C" cpeer0
same_r=$(ip -n "$R" -o link show same0 | cut -d: -f1)
same_c=$(ip -n "$C" -o link show same0 | cut -d: -f1)
[[ $same_r != "$same_c" ]] || fail "fixture: same0 has index $same_r in both namespaces"
start_bg ip netns exec "$R" "$PYTHON" "$NL_LIB_DIR/rest_fixture.py" "$NL_TMP/ready"
wait_for "the fixture's sockets" 20 test -e "$NL_TMP/ready"
r_name=${R#/run/netns/}

# text_same FLAGS...: netlens sockets FLAGS and ss FLAGS print the same records in R
# (ss_text_cmp.py: whitespace squeezed, each row with the tab lines under it).
text_same() { ss_text_check "$R" "" "$@"; }

echo "# -s: the summary, then the table when ss prints one"
# summary_then_table FLAGS...: ss -s FLAGS and netlens sockets -s FLAGS in R: the same
# summary lines, then the same table rows (or none for both).
summary_then_table() {
    local what="sockets -s $*"
    local theirs mine
    sockets_settled "$R"
    theirs=$(save ss-s.txt ip netns exec "$R" ss -s "$@")
    sockets_settled "$R"
    mine=$(save ours-s.txt ip netns exec "$R" "$NETLENS" sockets -s "$@")
    if "$PYTHON" -S - "$mine" "$theirs" <<'PY'; then
import sys

def parts(path, ours):
    lines = open(path).read().split("\n")
    # ss -s ends its summary with the FRAG line and a blank line.
    end = next(i for i, line in enumerate(lines) if line.startswith("FRAG")) + 2
    table = []
    for line in lines[end:]:
        if line == "":
            if ours:
                break  # netlens's findings follow a blank line
            continue
        table.append(" ".join(line.split()))
    return lines[:end], sorted(table)

ours_summary, ours_table = parts(sys.argv[1], True)
ss_summary, ss_table = parts(sys.argv[2], False)
ok = True
if ours_summary != ss_summary:
    print("    summary differs:", ours_summary, ss_summary)
    ok = False
if ours_table != ss_table:
    print("    table differs:\n      ss:      %s\n      netlens: %s" % (ss_table, ours_table))
    ok = False
print("    %d summary lines, %d table lines" % (len(ss_summary), len(ss_table)))
sys.exit(0 if ok else 1)
PY
        pass "$what: the summary and the table as ss"
    else
        flunk "$what: differs from ss"
    fi
}
for flags in "" "-a" "-l" "-n" "-t" "-tan" "-tln" "-x" "-4" "-u -a" "-A tcp" "-f inet" "-n sport = :22" \
    "-an state listening" "-an dport > :1000"; do
    # shellcheck disable=SC2086 # the flags are words
    summary_then_table $flags
done
mine=$(save ours-s.json ip netns exec "$R" "$NETLENS" sockets -s -tan --json)
jsoncmp expect "$mine" "len(d['results']['summary']) == 1 and d['results']['summary'][0]['ss_totals']" \
    "-s -tan --json: the summary"
NL_CONTEXT="sockets -s -tan --json: the sockets"
check ss-set "$mine" "$(save ss-tan.txt ip netns exec "$R" ss -tanH)" inet
NL_CONTEXT=""
mine=$(save ours-s-only.json ip netns exec "$R" "$NETLENS" sockets -s --json)
jsoncmp expect "$mine" "'sockets' not in d['results'] and len(d['results']['summary']) == 1" \
    "-s --json alone: the summary, no sockets"

echo "# --inet-sockopt"
for flags in "-tan" "-tane" "-tanmi" "-tanmiO" "-uan" "-tuwxan" "-tanO" "-tlnp"; do
    # shellcheck disable=SC2086 # the flags are words
    text_same $flags --inet-sockopt
done
text_same -tan --inet-sockopt --tos --cgroup
for flags in "-tuan" "-tuanH"; do
    mine=$(save ours-opt.json ip netns exec "$R" "$NETLENS" sockets "$flags" --json)
    NL_CONTEXT="sockets $flags --json: inet_sockopt"
    check ss-sockopt "$mine" "$(save ss-opt.txt ip netns exec "$R" ss "$flags" --inet-sockopt -H)"
    NL_CONTEXT=""
done

echo "# dev NAME in the namespace read"
# dev_rows FLAGS...: the rows of ss -N R and of netlens FLAGS -N R (run from C) agree,
# and ss has some.
dev_rows() {
    local how=$1
    shift
    NL_CONTEXT="sockets $how $r_name $* (from C)"
    local theirs mine
    theirs=$(save ss-dev.txt ip netns exec "$C" ss -N "$r_name" -H "$@")
    [[ -s $theirs ]] || fail "fixture: ss -N $r_name -H $* lists nothing"
    mine=$(save ours-dev.json ip netns exec "$C" "$NETLENS" sockets "$how" "$r_name" "$@" --json)
    check ss-set "$mine" "$theirs" inet
    NL_CONTEXT=""
}
for how in -N --netns; do
    dev_rows "$how" -tln dev only0
    dev_rows "$how" -tln dev same0
    dev_rows "$how" -tln dev = same0
    dev_rows "$how" -tln dev != same0
    dev_rows "$how" -tln dev "$same_r"
    dev_rows "$how" -tln not dev same0 and not dev only0
done
# From C without -N: only0 is not there; ss refuses, netlens too.
ip netns exec "$C" ss -tln dev only0 >/dev/null 2>&1 && fail "ss in C accepts dev only0"
expect_error 2 "only0" ip netns exec "$C" "$NETLENS" sockets -tln dev only0
expect_error 2 "only0" ip netns exec "$C" "$NETLENS" sockets -tln --netns "$C" dev only0
# --all-netns: R's listener bound to only0, nothing from C (which has no only0).
only_these_netns "$R" "$C"
run "${VIEW[@]}" ip netns exec "$C" "$NETLENS" sockets --all-netns -tln dev only0 --json
[[ $RC == 0 ]] || flunk "sockets --all-netns dev only0: exit $RC: $(cat "$ERR")"
NL_CONTEXT="sockets --all-netns -tln dev only0"
check ss-set "$OUT" "$(save ss-only0.txt ip netns exec "$C" ss -N "$r_name" -tlnH dev only0)" inet "$r_name"
jsoncmp expect "$OUT" "all(s.get('netns') == '$r_name' for s in d['results']['sockets'])" \
    "--all-netns dev only0: rows from $r_name only"
NL_CONTEXT=""

echo "# --tipcinfo"
text_same -tan --tipcinfo
text_same --tipcinfo
run ip netns exec "$R" "$NETLENS" sockets --tipc --tipcinfo --json
[[ $RC == 0 ]] || flunk "sockets --tipc --tipcinfo: exit $RC"
jsoncmp expect "$OUT" "not d['results'].get('sockets') and any(s['check'] == 'socket table tipc' for s in d['skipped'])" \
    "--tipc --tipcinfo: no rows (ss lists none), TIPC under skipped"

finish
