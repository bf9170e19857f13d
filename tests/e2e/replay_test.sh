#!/usr/bin/env bash
# --record / --replay: a run recorded in a fixture namespace and replayed after that
# namespace is gone gives the same document, findings included — the recording, not the
# kernel, answers. A damaged recording replays what comes before the damage and exits 3
# (partial) with the damage listed; a question the recording cannot answer is an error.
source "$(dirname "$0")/lib/netns.sh"
netlens_from_args "$@"
require_root

N=$(make_ns N)
veth_pair "$N" n0 "$N" n1
must ip -n "$N" addr add 10.8.0.1/24 dev n0
must ip -n "$N" addr add 10.8.1.1/24 dev lo
must ip -n "$N" link set n0 up            # n1 stays down: n0 has no carrier
must ip -n "$N" route add 10.9.0.0/16 via 10.8.0.2 dev n0 onlink
# A listener that never accepts, with a full accept queue: tcp.listen_queue_full.
start_bg ip netns exec "$N" "$PYTHON" -c '
import socket, time
s = socket.socket(); s.bind(("10.8.1.1", 7100)); s.listen(2)
# Bound to n0, an interface only the namespace has: the replay must name it from the
# recording, not from the replaying host.
b = socket.socket(); b.setsockopt(socket.SOL_SOCKET, socket.SO_BINDTODEVICE, b"n0"); b.bind(("0.0.0.0", 7101)); b.listen()
clients = []
for _ in range(6):
    c = socket.socket(); c.setblocking(False)
    try: c.connect(("10.8.1.1", 7100))
    except BlockingIOError: pass
    clients.append(c)
time.sleep(600)'
wait_for "listener with a full queue" 10 bash -c "ip netns exec $N ss -Htln sport = :7100 | awk '\$2 >= 3 {f=1} END {exit !f}'"

# same_run LIVE REPLAYED DESC: the two documents agree in results, findings and skipped
# checks. -s attributes sockets to processes by walking /proc, which a recording does
# not hold: the replay says so instead of the live run's note, and findings name no
# holders; those two are left out of the comparison (and checked to say so).
same_run() {
    if "$PYTHON" - "$1" "$2" <<'PY'; then pass "$3"; else flunk "$3"; fi
import json, sys
live, replayed = (json.load(open(path)) for path in sys.argv[1:3])
def kept(doc):
    return [s for s in doc["skipped"] if s["check"] != "process attribution"]
def without_holders(findings):
    return [dict(f, evidence=[e for e in f["evidence"] if e["key"] != "holders"]) for f in findings]
for f in replayed["findings"]:
    for e in f["evidence"]:
        if e["key"] == "holders" and not e["value"].startswith("unknown"):
            print(f"MISMATCH: a replayed finding names holders: {e}")
            sys.exit(1)
live["findings"], replayed["findings"] = without_holders(live["findings"]), without_holders(replayed["findings"])
for key in ("schema", "command", "results", "findings"):
    if live[key] != replayed[key]:
        print(f"MISMATCH: {key}: live {json.dumps(live[key])[:400]} replayed {json.dumps(replayed[key])[:400]}")
        sys.exit(1)
if kept(live) != kept(replayed):
    print(f"MISMATCH: skipped: live {kept(live)} replayed {kept(replayed)}")
    sys.exit(1)
PY
}

commands=("iface -s" "route --table all" "route get 10.9.1.1" "sockets -tan" "sockets -s")
i=0
for command in "${commands[@]}"; do
    i=$((i + 1))
    # shellcheck disable=SC2086 # the command's words
    run_ok "record $command" ip netns exec "$N" "$NETLENS" $command --json --record "$NL_TMP/rec$i"
    cp "$OUT" "$NL_TMP/live$i.json"
done
run_ok "record --all-netns" "$NETLENS" sockets -tan --all-netns --json --record "$NL_TMP/rec_all"
cp "$OUT" "$NL_TMP/live_all.json"
grep -q '"tcp.listen_queue_full"' "$NL_TMP/live5.json" || fail "the fixture raised no tcp.listen_queue_full"
jsoncmp expect "$NL_TMP/live4.json" "any(s.get('interface') == 'n0' for s in d['results']['sockets'])" \
    "the live run names the interface a listener is bound to (n0)"

# The namespace and its listener go: only the recordings are left to answer.
stop_bg "$BG_PID"
ip netns del "$N" || fail "ip netns del $N"

i=0
for command in "${commands[@]}"; do
    i=$((i + 1))
    # shellcheck disable=SC2086
    run_ok "replay $command" "$NETLENS" $command --json --replay "$NL_TMP/rec$i"
    same_run "$NL_TMP/live$i.json" "$OUT" "replayed '$command' equals the live run (results, findings, skipped)"
done
run_ok "replay --all-netns" "$NETLENS" sockets -tan --all-netns --json --replay "$NL_TMP/rec_all"
same_run "$NL_TMP/live_all.json" "$OUT" "replayed 'sockets -tan --all-netns' equals the live run, namespace labels included"
jsoncmp expect "$OUT" "any(s['netns'] == '$N' for s in d['results']['sockets'])" \
    "the replay has the deleted namespace's sockets under its label"

# Damage after the last record: everything replays, and the run says it is partial.
cp "$NL_TMP/rec2" "$NL_TMP/damaged"
printf '\x07\x00\x00\x00\xff\xff\xff\x7f' >>"$NL_TMP/damaged"
run "$NETLENS" route --table all --json --replay "$NL_TMP/damaged"
[[ $RC == 3 ]] && pass "a damaged recording exits 3" || flunk "a damaged recording exited $RC, expected 3"
cp "$OUT" "$NL_TMP/partial.json"
"$PYTHON" -c "import json, sys; sys.exit(json.load(open('$NL_TMP/live2.json'))['results'] != json.load(open('$NL_TMP/partial.json'))['results'])" &&
    pass "the records before the damage still give the whole route table" ||
    flunk "the damaged recording's route table differs from the live one"
jsoncmp expect "$NL_TMP/partial.json" "[('offset' in s['reason']) for s in d['skipped'] if s['check'] == 'replay' and s['partial']] == [True]" \
    "the damage is listed as partial, with its offset"

# A recording of another command cannot answer this one.
run "$NETLENS" sockets -tan --replay "$NL_TMP/rec2"
[[ $RC != 0 && -s $ERR ]] && grep -q "not in the recording" "$ERR" &&
    pass "a question the recording does not hold is an error naming it (exit $RC)" ||
    flunk "replaying sockets from a route recording: exit $RC, stderr: $(cat "$ERR")"
run "$NETLENS" route --replay "$NL_TMP/does-not-exist"
[[ $RC == 2 ]] && pass "a missing replay file is a usage error" || flunk "a missing replay file exited $RC"
finish
