"""Compare `netlens sockets --json` with ss's text output (standard library only).

  sockets_cmp.py ss-set NETLENS_JSON SS_TEXT [inet|unix [NETNS]]
      the sets of (state, Recv-Q, Send-Q, local, peer) agree; ss -H output, columns as
      ss prints them (the scenario keeps every queue stable between the two runs); with
      NETNS, only netlens rows labelled with that namespace are compared
  sockets_cmp.py ss-owners NETLENS_JSON SS_TEXT [inet|unix]
      every socket lists the same holders (command, pid, fd) as ss -p's users:(...)
  sockets_cmp.py ss-sockopt NETLENS_JSON SS_TEXT
      every inet socket has the same inet_sockopt flags as the "inet-sockopt: ( ... )"
      line ss -H --inet-sockopt prints under its row (and none where ss prints none)
  sockets_cmp.py owners NETLENS_JSON PORT PID [PID ...]
      every socket with local port PORT lists exactly these pids as holders
Prints "ok:" / "MISMATCH:" lines; exits 1 on any mismatch.
"""

import json
import re
import sys


NETIDS = ("tcp", "udp", "raw", "u_str", "u_dgr", "u_seq", "nl", "p_raw", "p_dgr", "mptcp", "sctp")


USER = re.compile(r'\("((?:[^"\\]|\\.)*)",pid=(\d+),fd=(\d+)\)')


def ss_rows(path, kind, owners=None):
    """The set of (state, Recv-Q, Send-Q, local, peer) rows; with a dict for owners, also
    fills it with (state, local, peer) -> set of (command, pid, fd) from ss -p."""
    rows = set()
    with open(path) as f:
        for line in f:
            parts = line.split()
            if not parts:
                continue
            # With more than one kind of socket, ss starts each row with its Netid.
            if parts[0] in NETIDS:
                netid, parts = parts[0], parts[1:]
                row_kind = "unix" if netid.startswith("u_") else "inet"
            else:
                row_kind = kind
            if row_kind == "unix":
                # State Recv-Q Send-Q Local Port Peer Port [Process]
                row = (parts[0], int(parts[1]), int(parts[2]), parts[3] + " " + parts[4], parts[5] + " " + parts[6])
            else:
                # State Recv-Q Send-Q Local Peer [Process]
                # ss drops the State column when the filter names exactly one state.
                if parts[0].isdigit():
                    parts = ["(one state)"] + parts
                row = (parts[0], int(parts[1]), int(parts[2]), parts[3], parts[4])
            rows.add(row)
            if owners is not None:
                key = (row[0], row[3], row[4])
                if key in owners:
                    raise SystemExit(f"MISMATCH: ss shows {key} twice; cannot compare owners")
                owners[key] = {(c, int(p), int(f)) for c, p, f in USER.findall(line)}
    return rows


# The kernel's field names in netlens's JSON, as ss prints them.
SS_SOCKOPT_NAMES = {"bind_address_no_port": "bind_addr_no_port"}


def ss_sockopts(path):
    """(state, local, peer) -> the flag names ss printed, or None without the line."""
    flags, key = {}, None
    with open(path) as f:
        for line in f:
            if line.startswith("\tinet-sockopt: (") and key is not None:
                flags[key] = line.strip()[len("inet-sockopt: ("):-1].split()
                continue
            parts = line.split()
            if not parts:
                continue
            if parts[0] in NETIDS:
                parts = parts[1:]
            key = (parts[0], parts[3], parts[4])
            if key in flags:
                raise SystemExit(f"MISMATCH: ss shows {key} twice; cannot compare flags")
            flags[key] = None
    return flags


def ours(path, netns=None):
    """The document and its rows; with netns, only the rows labelled with it (--all-netns)."""
    with open(path) as f:
        doc = json.load(f)
    sockets = [s for s in doc["results"]["sockets"] if netns is None or s.get("netns") == netns]
    return doc, {(s["state"], s["recv_q"], s["send_q"], s["local"], s["peer"]) for s in sockets}


def same_per_socket(mine, theirs, shown):
    """Both list the same sockets, each with the same value; prints what differs."""
    if set(mine) != set(theirs):
        print(f"MISMATCH: the sockets differ: ss only {sorted(set(theirs) - set(mine))[:5]}, "
              f"netlens only {sorted(set(mine) - set(theirs))[:5]}")
        return False
    bad = [key for key in mine if mine[key] != theirs[key]]
    for key in sorted(bad)[:10]:
        print(f"MISMATCH: {key}: netlens {shown(mine[key])}, ss {shown(theirs[key])}")
    return not bad


def main():
    mode = sys.argv[1]
    if mode == "ss-set":
        _, mine = ours(sys.argv[2], sys.argv[5] if len(sys.argv) > 5 else None)
        theirs = ss_rows(sys.argv[3], sys.argv[4] if len(sys.argv) > 4 else "inet")
        if any(row[0] == "(one state)" for row in theirs):
            states = {row[0] for row in mine}
            if len(states) > 1:
                print(f"MISMATCH: ss printed one state, netlens has {sorted(states)}")
                return 1
            mine = {("(one state)",) + row[1:] for row in mine}
        if mine == theirs:
            queued = sum(1 for row in mine if row[1] or row[2])
            print(f"ok: {len(mine)} sockets agree with ss, queues too ({queued} with a non-empty queue)")
            return 0
        for row in sorted(theirs - mine):
            print(f"MISMATCH: ss has {row}, netlens does not")
        for row in sorted(mine - theirs):
            print(f"MISMATCH: netlens has {row}, ss does not")
        return 1
    if mode == "ss-owners":
        doc, _ = ours(sys.argv[2])
        theirs = {}
        ss_rows(sys.argv[3], sys.argv[4] if len(sys.argv) > 4 else "inet", theirs)
        mine = {(s["state"], s["local"], s["peer"]): {(p["command"], p["pid"], p["fd"]) for p in s.get("processes", [])}
                for s in doc["results"]["sockets"]}
        if len(mine) != len(doc["results"]["sockets"]):
            print("MISMATCH: netlens lists a (state, local, peer) twice; cannot compare owners")
            return 1
        if not same_per_socket(mine, theirs, sorted):
            return 1
        held = sum(1 for key in mine if mine[key])
        print(f"ok: {len(mine)} sockets, {held} with holders, the same (command, pid, fd) as ss -p")
        return 0
    if mode == "ss-sockopt":
        doc, _ = ours(sys.argv[2])
        theirs = ss_sockopts(sys.argv[3])
        mine = {}
        for s in doc["results"]["sockets"]:
            names = s.get("inet_sockopt")
            mine[(s["state"], s["local"], s["peer"])] = (
                None if names is None else [SS_SOCKOPT_NAMES.get(n, n) for n in names])
        if not same_per_socket(mine, theirs, lambda v: v):
            return 1
        kinds = {" ".join(v) for v in mine.values() if v is not None}
        print(f"ok: {len(mine)} sockets, the same inet-sockopt flags as ss ({len(kinds)} different sets: {sorted(kinds)})")
        return 0
    if mode == "owners":
        doc, _ = ours(sys.argv[2])
        port, want = int(sys.argv[3]), sorted(int(p) for p in sys.argv[4:])
        sockets = [s for s in doc["results"]["sockets"] if s.get("local_port") == port]
        if not sockets:
            print(f"MISMATCH: no socket with local port {port}")
            return 1
        bad = 0
        for s in sockets:
            got = sorted({p["pid"] for p in s.get("processes", [])})
            if got != want:
                print(f"MISMATCH: {s['local']} -> {s['peer']} held by {got}, expected {want}")
                bad += 1
        if bad == 0:
            print(f"ok: {len(sockets)} sockets on port {port} held by pids {want}")
        return 1 if bad else 0
    sys.exit(f"unknown mode {mode}")


if __name__ == "__main__":
    sys.exit(main())
