"""Compares netlens sockets with ss(8) for packet, netlink and MPTCP sockets.

python3 kinds_cmp.py text OURS.txt SS.txt [loose]
python3 kinds_cmp.py json OURS.json SS.txt

text: each socket is a record, its row plus the lines ss prints under it (starting with
a tab); whitespace runs are one space; records are compared as multisets, exactly (with
`loose`, the values of name:value words on detail lines are compared by name only).
json: every row of `ss -e` (ino:N sk:X) has a netlens record with the same inode and
the same netid, state, queues, uid and cookie; rows without an inode (netlink, -i) are
matched on their local and peer text, state and queue; an MPTCP row's -i token is the
record's mptcp_info token.

Each tool's own sock_diag socket (a tcpdiag socket owned by a process, "tcpdiag:ss/PID"
or "4:PID" with -n) is left out on both sides: its pid and queue differ by nature.
Prints the mismatches; exits 1 on any.
"""
import json
import re
import sys
from collections import Counter

import ss_text_cmp  # its records(): a row plus the lines under it, whitespace squeezed

OWN_DIAG = re.compile(r"^(?:nl )?UNCONN \d+ \d+ (?:tcpdiag|4):(?!kernel |0 )\S+ ")


def records(path):
    return [r for r in ss_text_cmp.records(path) if not OWN_DIAG.match(r + " ")]


def loosen(record):
    row, _, details = record.partition(" \t ")
    return row + " \t " + " ".join(re.sub(r":[^ ]*$", ":", w) for w in details.split(" ")) if details else row


def text(ours_path, ss_path, loose):
    ours, theirs = records(ours_path), records(ss_path)
    if loose:
        ours, theirs = [loosen(r) for r in ours], [loosen(r) for r in theirs]
    only_ours = Counter(ours) - Counter(theirs)
    only_ss = Counter(theirs) - Counter(ours)
    for r in only_ours:
        print(f"  only netlens: {r}")
    for r in only_ss:
        print(f"  only ss:      {r}")
    if not theirs:
        print("  ss listed no sockets: nothing compared")
        return 1
    if only_ours or only_ss:
        return 1
    print(f"ok: {len(theirs)} socket(s) the same")
    return 0


def json_check(ours_path, ss_path):
    doc = json.load(open(ours_path))
    mine = doc["results"]["sockets"]
    by_inode = {r["inode"]: r for r in mine}
    bad = 0
    rows = records(ss_path)
    for row in rows:
        words = row.split(" ")
        netid = words[0] if words[0] in ("p_raw", "p_dgr", "nl", "mptcp") else None
        if netid is None:
            words = ["?"] + words
        state, rq, sq = words[1], int(words[2]), int(words[3])
        extras = dict(w.split(":", 1) for w in words if re.match(r"^(ino|sk|uid):", w))
        if "ino" in extras:
            record = by_inode.get(int(extras["ino"]))
        else:
            local, peer = words[4], words[5] if len(words) > 5 else None
            record = next((r for r in mine if r.get("local") == local and r.get("peer") == peer
                           and r["recv_q"] == rq and r["state"] == state), None)
        if record is None:
            print(f"  no netlens record for ss row: {row}")
            bad += 1
            continue
        want = {"recv_q": rq, "send_q": sq, "state": state}
        if netid and netid != "?":
            want["netid"] = netid
        if "sk" in extras:
            want["cookie"] = int(extras["sk"], 16)
        want["uid"] = int(extras.get("uid", record["uid"]))
        token = re.search(r" token:([0-9a-f]+)", row)
        if token:  # -i on MPTCP sockets
            want["token"] = int(token.group(1), 16)
            record = dict(record, token=record.get("mptcp_info", {}).get("token"))
        got = {k: record.get(k) for k in want}
        if got != want:
            print(f"  ss row {row}: netlens has {got}, ss {want}")
            bad += 1
    if not rows:
        print("  ss listed no sockets: nothing compared")
        return 1
    if bad == 0:
        print(f"ok: {len(rows)} JSON record(s) carry ss's values")
    return 1 if bad else 0


if __name__ == "__main__":
    mode = sys.argv[1]
    if mode == "text":
        sys.exit(text(sys.argv[2], sys.argv[3], len(sys.argv) > 4 and sys.argv[4] == "loose"))
    sys.exit(json_check(sys.argv[2], sys.argv[3]))
