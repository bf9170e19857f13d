#!/usr/bin/env bash
# Records leave while the source is still being read: `route --ndjson` over a table of
# 100 k routes. The reader takes the header and the first record and then stops
# reading, so netlens soon blocks writing into the full pipe. A streaming netlens is
# then in the middle of the kernel's route dump — its netlink socket shows Dump = 1 in
# /proc/PID/net/netlink; one that collects everything before writing has finished the
# dump before its first record. No clock is read: the kernel's dump state is the oracle.
source "$(dirname "$0")/lib/netns.sh"
netlens_from_args "$@"
require_root

N=$(make_ns N)
veth_pair "$N" n0 "$N" n1
must ip -n "$N" addr add 10.7.0.1/24 dev n0
must ip -n "$N" link set n0 up
must ip -n "$N" link set n1 up
routes=100000
"$PYTHON" - "$routes" >"$NL_TMP/routes.batch" <<'PY'
import sys
for i in range(int(sys.argv[1])):
    print(f"route add 172.{16 + i // 65536}.{i // 256 % 256}.{i % 256}/32 via 10.7.0.2 dev n0")
PY
must ip -n "$N" -batch "$NL_TMP/routes.batch"
expected=$(ip -n "$N" -4 route show | wc -l)
((expected > routes)) || fail "the fixture has $expected IPv4 routes, not more than $routes"
pass "fixture: $expected IPv4 routes in $N"

mkfifo "$NL_TMP/out"
start_bg ip netns exec "$N" "$NETLENS" route -4 --ndjson --output "$NL_TMP/out"
netlens_pid=$BG_PID
exec 3<"$NL_TMP/out"
IFS= read -r header <&3 || fail "no header line"
IFS= read -r first <&3 || fail "no first record"
jsoncmp expect <(printf '%s\n' "$first") 'd["type"] == "route"' "the first line after the header is a route record"

# Wait until netlens blocks on the full pipe (its state stays S and it writes no more).
# ip netns exec replaces itself with netlens, so the background pid is netlens's.
in_dump=no
for _ in $(seq 50); do
    sleep 0.1
    inodes=$(for fd in /proc/$netlens_pid/fd/*; do readlink "$fd"; done 2>/dev/null |
        sed -n 's/^socket:\[\([0-9]*\)\]$/\1/p')
    # /proc/PID/net/netlink: sk Eth Pid Groups Rmem Wmem Dump Locks Drops Inode
    if awk -v inodes=" $(echo $inodes) " 'NR > 1 && $2 == 0 && index(inodes, " " $10 " ") && $7 == 1 { found = 1 }
        END { exit !found }' "/proc/$netlens_pid/net/netlink" 2>/dev/null; then
        in_dump=yes
        break
    fi
done
[[ $in_dump == yes ]] && pass "with the first record out, netlens is still inside the kernel's route dump" ||
    flunk "netlens finished the route dump before its first record reached the reader (it did not stream)"

# The rest arrives whole: as many route records as ip lists.
records=$(cat <&3 | grep -c '"type":"route"')
exec 3<&-
wait "$netlens_pid"
rc=$?
((rc == 0)) && pass "netlens exited 0 after the reader drained the pipe" || flunk "netlens exited $rc"
((records + 1 == expected)) && pass "$expected route records, as ip lists" ||
    flunk "$((records + 1)) route records, ip lists $expected"
finish
