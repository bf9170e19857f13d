#!/usr/bin/env python3
r"""Normalise a strace(1) log and a `netlens trace` log of two runs of the same program
and compare them: syscall sequence per process, arguments and return values.

    trace_cmp.py [--threads] [--netns] [--tt] [--T] STRACE_LOG STRACE_PID NETLENS_LOG NETLENS_PID

STRACE_PID and NETLENS_PID are the pids of the launched processes (the test starts the
program through `sh -c 'echo $$ >FILE; exec PROGRAM'`, so it knows them).

Exit 0 when they agree; 1 with a unified diff of the normalised logs (and a note for each
difference of a known kind) when they do not; 2 on a log that cannot be read.

The two logs come from separate runs, so some values differ by nature. Each rule below is
applied to both logs alike, and each one removes only a value that a second strace run
would change too (or a purely typographic difference):

 R1 Line prefix. strace -f -o writes "PID  " before every line, to stderr "[pid PID] "
    while there are several processes; a line without a prefix belongs to the launched
    process. Pids are then renumbered P1, P2, ... in order of
    first appearance, also inside si_pid= of a SIGCHLD.
 R2 "<unfinished ...>" / "<... NAME resumed>": strace splits a call when another thread
    prints in between; the two halves are joined into one line, placed where the call
    began (the order inside one process is unchanged).
 R3 Column padding: the spaces before " = RESULT" are reduced to one.
 R4 Socket inodes are renumbered I1, I2, ... in order of first appearance.
 R5 Ephemeral ports (every non-zero port) are renumbered PORT1, PORT2, ... in order of
    first appearance; port 0 (bind to any port) is kept.
 R6 mkdtemp(3) directory names (netlens-unix-pair-XXXXXX) become -TMP; an abstract unix
    name that ends with a traced pid (in an address or in fd text) gets that pid's
    P-number, and the address length loses the pid's digits (a pid of another width
    changes the length).
 R7 si_utime= and si_stime= of a SIGCHLD are CPU times: replaced by "T".
 R8 With --tt: each line must start with HH:MM:SS.UUUUUU (checked, then removed).
    With --T: each syscall line must end with <S.UUUUUU> (checked, then removed).
 R9 With --threads (several threads racing on sockets): which thread makes which call
    first, and so which fd, inode and port each call gets, is decided by the scheduler.
    Fd numbers, inodes and ports become FD, I and PORT in every line; the first process
    is compared line by line, the other threads as a multiset of per-thread call
    sequences. (The test checks the fds against the ones the program printed.)
 R11 A quoted string written wholly in \xNN escapes (-x, -xx) is decoded and marked
    x"TEXT", so that R5-R6 can map the names and pids inside it; a string one side
    escaped and the other did not still differs (x"..." against "...").
 R10 With --netns (sockets in a namespace the program made): strace -yy resolves sockets
    by a sock_diag dump of its own namespace, so it shows only "TCP:[INODE]" there. The
    fd text becomes "N<PROTO>" on both sides; the test checks netlens's fd text against
    the addresses the program printed instead.

Nothing else is rewritten: fd numbers, flags, addresses, strings, lengths, return values,
errno names and their texts must be identical.
"""
import difflib
import re
import sys

PREFIX_O = re.compile(r"^(\d+) +(.*)$")
PREFIX_PID = re.compile(r"^\[pid +(\d+)\] (.*)$")
TT = re.compile(r"^(\d\d:\d\d:\d\d\.\d{6}) (.*)$")
T_TAIL = re.compile(r"^(.*) <(\d+\.\d{6})>$")
UNFINISHED = re.compile(r"^(.*) <unfinished \.\.\.>$")
RESUMED = re.compile(r"^<\.\.\. ([a-z0-9_]+) resumed>(.*)$")
PADDING = re.compile(r"\) +(= )")
INODE = re.compile(r"(?<=:\[)(\d+)(?=[\],-])|(?<=->)(\d+)(?=[\],])")
PORT = re.compile(r"htons\((\d+)\)|(?<=\d):(\d+)(?=[\]\-,>])")
HEX_STRING = re.compile(r'"((?:\\x[0-9a-f]{2})+)"')
TMPDIR = re.compile(r"(netlens-unix-pair-)[A-Za-z0-9]{6}/")
FD_ABSTRACT = re.compile(r'(,@x?"[^"]*?-)(\d+)(")')
FD_TEXT = re.compile(r"(\d+)<([A-Z0-9v-]+):\[.*?\]>")
ABSTRACT = re.compile(r'(sun_path=@x?"[^"]*?-)(\d+)("\}, )(\d+)')
SI_PID = re.compile(r"si_pid=(\d+)")
SI_TIMES = re.compile(r"(si_[us]time)=\d+")


class Renumber:
    """Gives each distinct value a stable name in order of first appearance."""

    def __init__(self, stem):
        self.stem, self.names = stem, {}

    def __call__(self, value):
        if value not in self.names:
            self.names[value] = f"{self.stem}{len(self.names) + 1}"
        return self.names[value]


def split_prefix(line, first_pid):
    """R1: (raw pid or None, rest)."""
    for rx in (PREFIX_O, PREFIX_PID):
        m = rx.match(line)
        if m:
            return m.group(1), m.group(2)
    return first_pid, line


def parse(path, launched, opts, problems):
    """Lines per raw pid, in order, with R1-R3 and R8 applied; the pid order too."""
    try:
        text = open(path, encoding="utf-8", errors="replace").read()
    except OSError as e:
        print(f"trace_cmp: {path}: {e}", file=sys.stderr)
        sys.exit(2)
    per_pid, order, pending = {launched: []}, [launched], {}
    for n, raw in enumerate(text.splitlines(), 1):
        if not raw.strip():
            continue
        pid, rest = split_prefix(raw, launched)
        if pid not in per_pid:
            per_pid[pid] = []
            order.append(pid)
        if opts["tt"]:
            m = TT.match(rest)
            if not m:
                problems.append(f"{path}:{n}: no HH:MM:SS.UUUUUU timestamp (-tt): {raw}")
            else:
                rest = m.group(2)
        event = rest.startswith("+++") or rest.startswith("---")
        if opts["T"] and not event and not UNFINISHED.match(rest):
            m = T_TAIL.match(rest)
            if not m:
                problems.append(f"{path}:{n}: no <S.UUUUUU> duration (-T): {raw}")
            else:
                rest = m.group(1)
        m = UNFINISHED.match(rest)
        if m:
            per_pid[pid].append(m.group(1))
            pending[pid] = len(per_pid[pid]) - 1
            continue
        m = RESUMED.match(rest)
        if m and pid in pending:
            i = pending.pop(pid)
            joined = per_pid[pid][i] + m.group(2)
            if opts["T"]:
                t = T_TAIL.match(joined)
                if t:
                    joined = t.group(1)
                else:
                    problems.append(f"{path}:{n}: no <S.UUUUUU> duration (-T): {raw}")
            per_pid[pid][i] = joined
            continue
        per_pid[pid].append(rest)
    for pid in per_pid:
        per_pid[pid] = [PADDING.sub(r") \1", l) for l in per_pid[pid]]
    return per_pid, order


def decode_hex(m):
    text = bytes.fromhex(m.group(1).replace("\\x", "")).decode("latin-1")
    return 'x"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def normalise_values(line, pids, inodes, ports, generic, netns=False):
    """R4-R7 (and R9's generic tokens, R10's bare fd text, R11's decoded hex)."""
    line = HEX_STRING.sub(decode_hex, line)
    if netns:
        line = FD_TEXT.sub(r"\1<\2>", line)
    line = TMPDIR.sub(r"\1TMP/", line)

    def abstract(m):
        name = pids(m.group(2)) if m.group(2) in pids.names else m.group(2)
        length = int(m.group(4)) - len(m.group(2)) if name != m.group(2) else int(m.group(4))
        return f"{m.group(1)}{name}{m.group(3)}{length}"

    line = ABSTRACT.sub(abstract, line)
    line = FD_ABSTRACT.sub(lambda m: m.group(1) + (pids(m.group(2)) if m.group(2) in pids.names
                                                    else m.group(2)) + m.group(3), line)
    line = SI_PID.sub(lambda m: "si_pid=" + pids(m.group(1)), line)
    line = SI_TIMES.sub(r"\1=T", line)
    line = INODE.sub(lambda m: "I" if generic else inodes(m.group(1) or m.group(2)), line)

    def port(m):
        value = m.group(1) or m.group(2)
        if value == "0":
            return m.group(0)
        name = "PORT" if generic else ports(value)
        return f"htons({name})" if m.group(1) else f":{name}"

    line = PORT.sub(port, line)
    if generic:
        line = re.sub(r"(?<![\w\"])\d+(?=<)", "FD", line)
    return line


def normalise(path, launched, opts, problems):
    per_pid, order = parse(path, launched, opts, problems)
    pids, inodes, ports = Renumber("P"), Renumber("I"), Renumber("PORT")
    for pid in order:
        pids(pid)
    out = []
    if not opts["threads"]:
        for pid in order:
            out += [f"{pids(pid)} {normalise_values(l, pids, inodes, ports, False, opts['netns'])}"
                    for l in per_pid[pid]]
        return out
    main = order[0]
    out += [f"P1 {normalise_values(l, pids, inodes, ports, True)}" for l in per_pid[main]]
    threads = sorted("\n".join(f"T  {normalise_values(l, pids, inodes, ports, True)}"
                               for l in per_pid[pid]) for pid in order[1:])
    for block in threads:
        out += block.split("\n")
    return out


# Differences of a known kind, recognised in the diff (by a line of strace's side, "-",
# or of netlens's, "+") so that the report names them.
KNOWN = [
    ("+", re.compile(r"getsockopt\(\d+<TCP:\[[^\]]*->[^\]]*\]>, SOL_SOCKET, SO_ERROR, \[ECONNREFUSED\]"),
     "fd text after a refused non-blocking connect: strace resolves the socket at the call "
     "(no peer any more: inode only), netlens still shows the addresses from connect()"),
    ("-", re.compile(r'<UNIX-[A-Z]+:\[[^\]]*,@?x"'),
     "-x/-xx and fd text: strace escapes the unix socket name inside <UNIX-...:[INODE,\"NAME\"]> "
     "as it escapes every string, netlens prints it plain"),
]


def main(argv):
    opts = {"threads": False, "netns": False, "tt": False, "T": False}
    files = []
    for a in argv:
        if a == "--threads":
            opts["threads"] = True
        elif a == "--netns":
            opts["netns"] = True
        elif a == "--tt":
            opts["tt"] = True
        elif a == "--T":
            opts["T"] = True
        else:
            files.append(a)
    if len(files) != 4:
        print(__doc__.split("\n\n")[1], file=sys.stderr)
        return 2
    problems = []
    theirs = normalise(files[0], files[1], opts, problems)
    ours = normalise(files[2], files[3], opts, problems)
    diff = list(difflib.unified_diff(theirs, ours, "strace (normalised)",
                                     "netlens (normalised)", lineterm="", n=2))
    for p in problems:
        print(p)
    if diff:
        print("\n".join(diff))
        for sign, rx, what in KNOWN:
            if any(l.startswith(sign) and not l.startswith(sign * 3) and rx.search(l) for l in diff):
                print(f"known difference: {what}")
    return 1 if diff or problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
