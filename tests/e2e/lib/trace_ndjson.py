"""Checks of `netlens trace` output against the facts a test program printed (key=value
lines) and against strace. Prints "ok: ..." / "MISMATCH: ..." lines; exits 1 on a mismatch.

  trace_ndjson.py records  NAME FACTS NDJSON        fields of every record + NAME's facts
  trace_ndjson.py payload  FACTS NDJSON LIMIT       payloads = the bytes sent, cut at LIMIT
  trace_ndjson.py port     FACTS NDJSON A B         only calls on sockets with port A
  trace_ndjson.py peer     FACTS NDJSON A B         only calls on sockets talking to :B
  trace_ndjson.py exit     NDJSON CODE               the exit record
  trace_ndjson.py threads  FACTS NDJSON N           pid and tid of N threads (safety_pingpong)
  trace_ndjson.py counts   STRACE_C NETLENS_C       -c calls/errors per syscall as strace -c
  trace_ndjson.py failed   STRACE_Z NETLENS_Z       -Z: the same failed calls as strace -Z
"""
import base64
import json
import re
import sys

BAD = []


def ok(message):
    print(f"ok: {message}")


def check(condition, message, detail=""):
    if condition:
        ok(message)
    else:
        print(f"MISMATCH: {message}{': ' + detail if detail else ''}")
        BAD.append(message)


def facts(path):
    result = {}
    with open(path) as f:
        for line in f:
            key, sep, value = line.rstrip("\n").partition("=")
            if sep:
                result[key] = value
    return result


def records(path):
    out = []
    with open(path) as f:
        for number, line in enumerate(f, 1):
            try:
                out.append(json.loads(line))
            except ValueError as error:
                check(False, f"{path}:{number} is JSON", str(error))
    return out


def calls(recs):
    return [r for r in recs if r.get("type") == "syscall" and "name" in r]


def common(recs):
    """The fields every syscall record carries, whatever the program."""
    check(len(recs) > 0 and all(isinstance(r, dict) and "type" in r for r in recs), "every line is an object with a type")
    cs = calls(recs)
    need = ("pid", "tid", "ts_us", "name", "args", "retval", "duration_us")
    missing = [(r.get("name"), k) for r in cs for k in need if k not in r]
    check(cs and not missing, f"{len(cs)} syscall records each carry {', '.join(need)}", str(missing[:3]))
    # In order per thread: records leave when a call ends, stamped with its start, so
    # two threads' records may cross.
    check(all(isinstance(r.get("ts_us"), int) for r in cs), "ts_us are integers")
    for tid in sorted({r.get("tid") for r in cs}):
        ts = [r["ts_us"] for r in cs if r.get("tid") == tid]
        check(ts == sorted(ts), f"ts_us in order in thread {tid} ({len(ts)} records)", str(ts[:5]))
    check(all(isinstance(r.get("duration_us"), (int, float)) and r["duration_us"] >= 0 for r in cs), "duration_us >= 0")
    errs = [r for r in cs if (r.get("retval", 0) < 0) != ("errno" in r)]
    check(not errs, "errno present exactly when retval < 0", json.dumps(errs[:1]))
    return cs


def find(cs, name, **where):
    for r in cs:
        if r["name"] == name and all(r.get(k) == v for k, v in where.items()):
            return r
    return None


def payload_of(record):
    if "payload_text" in record:
        return record["payload_text"].encode()
    if "payload_base64" in record:
        return base64.b64decode(record["payload_base64"])
    return None


def cmd_records(name, facts_path, ndjson_path):
    f = facts(facts_path)
    cs = common(records(ndjson_path))
    if name == "refused_connect":
        fd, port = int(f["socket_fd"]), int(f["port"])
        c = find(cs, "connect")
        check(c is not None, "a connect record")
        if c is None:
            return
        check(c["retval"] == int(f["connect"]) and c.get("errno") == f["errno"],
              f"connect = {f['connect']} {f['errno']}", f"{c.get('retval')} {c.get('errno')}")
        check(c["args"][0] == fd, f"connect's fd is {fd}", str(c["args"][0]))
        check(isinstance(c["args"][1], dict) and c["args"][1].get("sin_port") == port
              and c["args"][1].get("sin_addr") == "127.0.0.1", f"connect's sockaddr is 127.0.0.1:{port}", str(c["args"][1]))
        # The last socket() before the connect: the program's probe socket had the same fd.
        s = next((r for r in reversed(cs[:cs.index(c)]) if r["name"] == "socket" and r["retval"] == fd), None)
        check(s is not None and c.get("socket", {}).get("protocol") == "TCP"
              and c["socket"].get("inode") == s.get("socket", {}).get("inode") and c["socket"].get("inode"),
              "connect's socket is the TCP socket socket() returned (same inode)", str(c.get("socket")))
    elif name == "udp_pingpong":
        for label, src, dst in (("ping", "a", "b"), ("pong", "b", "a")):
            sfd, dfd = int(f[f"{src}_fd"]), int(f[f"{dst}_fd"])
            sent = next((r for r in cs if r["name"] == "sendto" and r["args"][0] == sfd), None)
            got = next((r for r in cs if r["name"] == "recvfrom" and r["args"][0] == dfd), None)
            check(sent is not None and got is not None, f"{label}: sendto on fd {sfd} and recvfrom on fd {dfd}")
            if sent is None or got is None:
                continue
            check(sent["retval"] == int(f[f"{label}_sent"]) and got["retval"] == int(f[f"{label}_received"]),
                  f"{label}: return values {f[label + '_sent']}/{f[label + '_received']}")
            check(sent.get("socket", {}).get("local") == f"127.0.0.1:{f[src + '_port']}"
                  and sent["socket"].get("protocol") == "UDP", f"{label}: sendto's socket is UDP 127.0.0.1:{f[src + '_port']}",
                  str(sent.get("socket")))
            check(got.get("socket", {}).get("local") == f"127.0.0.1:{f[dst + '_port']}",
                  f"{label}: recvfrom's socket is 127.0.0.1:{f[dst + '_port']}", str(got.get("socket")))
            check(sent["args"][4].get("sin_port") == int(f[f"{dst}_port"]), f"{label}: sendto's destination port")
            check(got["args"][4].get("sin_port") == int(f[f"{label}_source_port"]), f"{label}: recvfrom's source port")
            for r in (sent, got):
                check(payload_of(r) == label.encode() and r.get("payload_bytes") == len(label),
                      f"{label}: {r['name']} carries payload '{label}' ({len(label)} bytes)",
                      f"{payload_of(r)!r} {r.get('payload_bytes')}")
    elif name == "accept_server":
        lport, cport = f["listen_port"], f["client_port"]
        c = find(cs, "connect")
        a = find(cs, "accept4")
        check(c is not None and a is not None, "connect and accept4 records")
        if c is None or a is None:
            return
        check(c["args"][0] == int(f["client_fd"]) and c["retval"] == int(f["connect"]), "connect's fd and result")
        check(c.get("socket", {}).get("local") == f"127.0.0.1:{cport}" and c["socket"].get("peer") == f"127.0.0.1:{lport}",
              f"connect's socket is 127.0.0.1:{cport} -> 127.0.0.1:{lport}", str(c.get("socket")))
        check(a["args"][0] == int(f["listener_fd"]) and a["retval"] == int(f["accept4"]), "accept4's fd and result")
        check(a["args"][1].get("sin_port") == int(f["peer_port"]), "accept4's address has the client's port")
        check(a.get("socket", {}).get("local") == f"127.0.0.1:{lport}" and a["socket"].get("peer") == f"127.0.0.1:{cport}",
              f"accept4's socket is the new connection 127.0.0.1:{lport} <- {cport}", str(a.get("socket")))
        w = find(cs, "write")
        r = find(cs, "read")
        check(w is not None and w["retval"] == int(f["write"]) and payload_of(w) == b"hello" and w.get("payload_bytes") == 5,
              "write carries 'hello' (5 bytes)", str(w))
        check(r is not None and r["retval"] == int(f["read"]) and payload_of(r) == b"hello"
              and r.get("socket", {}).get("inode") == a["socket"].get("inode"),
              "read carries 'hello' on the accepted socket", str(r))


def cmd_exit(ndjson_path, code):
    recs = records(ndjson_path)
    ends = [r for r in recs if "exit_code" in r]
    check(len(ends) == 1 and ends[0]["exit_code"] == int(code), f"one record with exit_code {code}", json.dumps(ends))
    odd = [r for r in recs if r.get("type") == "syscall" and "name" not in r]
    check(not odd, "the exit record has a type of its own (every type=syscall record names a syscall)",
          json.dumps(odd[:1]))


def cmd_threads(facts_path, ndjson_path, threads):
    f = facts(facts_path)
    cs = common(records(ndjson_path))
    pid = int(f["pid"])
    check(all(r["pid"] == pid for r in cs), f"every record's pid is the process's ({pid})",
          str(sorted({r["pid"] for r in cs})))
    tids = {r["tid"] for r in cs if r["name"] == "sendto"}
    check(len(tids) == int(threads) and pid in tids, f"sendto from {threads} distinct tids, the main thread's among them",
          str(sorted(tids)))


def cmd_payload(facts_path, ndjson_path, limit):
    f = facts(facts_path)
    limit = int(limit)
    cs = common(records(ndjson_path))
    a, b = int(f["a_fd"]), int(f["b_fd"])
    for label in ("binary", "text"):
        data = bytes.fromhex(f[f"{label}_hex"])
        want = data[:limit]
        for name, fd in (("sendto", a), ("recvfrom", b)):
            rs = [r for r in cs if r["name"] == name and r["args"][0] == fd and r["retval"] == len(data)]
            check(len(rs) == 1, f"{label}: one {name} of {len(data)} bytes on fd {fd}")
            if len(rs) != 1:
                continue
            got = payload_of(rs[0])
            check(got == want and rs[0].get("payload_bytes") == len(want),
                  f"{label}: {name} carries the first {len(want)} bytes sent ({'base64' if 'payload_base64' in rs[0] else 'text'})",
                  f"got {len(got or b'')} bytes, payload_bytes={rs[0].get('payload_bytes')}")


def socket_ports(record):
    ports = set()
    s = record.get("socket", {})
    for key in ("local", "peer"):
        if key in s:
            ports.add(s[key].rsplit(":", 1)[1])
    return ports


def conversation_checks(cs, f, keep, drop, mode):
    label_k, port_k = keep
    label_d, port_d = drop
    text_k, text_d = f"to-{label_k.upper()}".encode(), f"to-{label_d.upper()}".encode()
    check(len(cs) > 0, f"--{mode}: some calls shown")
    wrong = [r for r in cs if port_d in socket_ports(r) or payload_of(r) == text_d
             or (len(r["args"]) > 1 and isinstance(r["args"][1], dict) and r["args"][1].get("sin_port") == int(port_d))]
    check(not wrong, f"--{mode}: no call of the {port_d} conversation", json.dumps(wrong[:1]))
    c = next((r for r in cs if r["name"] == "connect" and r["args"][1].get("sin_port") == int(port_k)), None)
    check(c is not None, f"--{mode}: the connect to {port_k} is shown")
    w = next((r for r in cs if r["name"] == "write" and payload_of(r) == text_k), None)
    check(w is not None and w["args"][0] == int(f[f"{label_k}_client_fd"]),
          f"--{mode}: the client's write of '{text_k.decode()}' is shown")
    return cs


def cmd_port(facts_path, ndjson_path, port_a, port_b):
    f = facts(facts_path)
    cs = common(records(ndjson_path))
    conversation_checks(cs, f, ("a", port_a), ("b", port_b), "port")
    off = [r for r in cs if r.get("socket") and port_a not in socket_ports(r) and r["name"] not in ("bind", "socket")]
    check(not off, f"--port: every call shown is on a socket with {port_a} at an end", json.dumps(off[:1]))
    acc = find(cs, "accept", retval=int(f["a_accepted_fd"]))
    rd = next((r for r in cs if r["name"] == "read" and payload_of(r) == b"to-A"), None)
    check(acc is not None and rd is not None, "--port: the server side (accept, read) is shown too")


def cmd_peer(facts_path, ndjson_path, port_a, port_b):
    f = facts(facts_path)
    cs = common(records(ndjson_path))
    conversation_checks(cs, f, ("b", port_b), ("a", port_a), "peer")
    off = [r for r in cs if r.get("socket", {}).get("peer") not in (None, f"127.0.0.1:{port_b}")]
    check(not off, f"--peer: every socket shown with a peer talks to 127.0.0.1:{port_b}", json.dumps(off[:1]))


SUMMARY_ROW = re.compile(r"^\s*[\d.]+\s+[\d.]+\s+\d+\s+(\d+)\s+(?:(\d+)\s+)?(\w+)\s*$")


def summary(path):
    rows = {}
    with open(path) as f:
        for line in f:
            m = SUMMARY_ROW.match(line)
            if m and m.group(3) != "total":
                rows[m.group(3)] = (int(m.group(1)), int(m.group(2) or 0))
    return rows


def cmd_counts(strace_path, netlens_path):
    theirs, ours = summary(strace_path), summary(netlens_path)
    check(len(theirs) > 0, "strace -c printed a table", strace_path)
    check(ours == theirs, f"-c calls/errors per syscall as strace -c ({len(theirs)} syscalls)",
          f"netlens {sorted(ours.items())} strace {sorted(theirs.items())}")


CALL = re.compile(r"^(?:\[pid\s+\d+\]\s+|\d+\s+)?(\w+)\(.*\)\s+=\s+(-?\d+)\s*(E[A-Z0-9]+)?")


def failed_calls(path):
    out = []
    with open(path) as f:
        for line in f:
            m = CALL.match(line)
            if m:
                out.append((m.group(1), m.group(2), m.group(3)))
    return out


def cmd_failed(strace_path, netlens_path):
    theirs, ours = failed_calls(strace_path), failed_calls(netlens_path)
    check(len(theirs) > 0 and all(r[1] == "-1" for r in theirs), "strace -Z shows failed calls only", str(theirs))
    check(ours == theirs, f"-Z shows the same failed calls as strace -Z: {theirs}", f"netlens {ours}")


def main():
    command, args = sys.argv[1], sys.argv[2:]
    {"records": cmd_records, "payload": cmd_payload, "port": cmd_port, "peer": cmd_peer,
     "counts": cmd_counts, "failed": cmd_failed, "exit": cmd_exit, "threads": cmd_threads}[command](*args)
    sys.exit(1 if BAD else 0)


if __name__ == "__main__":
    main()
