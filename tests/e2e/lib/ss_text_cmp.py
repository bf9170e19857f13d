"""Compares `netlens sockets FLAGS` text with `ss FLAGS` text on the same sockets.

python3 ss_text_cmp.py OURS.txt SS.txt [MOVING-PORT...]

MOVING-PORT: connections on these ports carry traffic during the runs (zero-window
probes, retransmissions); their -m/-i values are compared by name only.

Each socket is a record: its row plus the detail line ss prints under it (a line that
starts with a tab). Whitespace runs are one space (column widths depend on the longest
cell of each tool's own run). Records are compared as multisets: ss lists UNIX, RAW, UDP
then TCP, netlens TCP, UDP, RAW then UNIX. Everything is compared exactly except values
that move between the two runs:
  - timer:(NAME,COUNTDOWN,N): NAME exactly; COUNTDOWN within 5 s (or 10 %); N exactly
    unless the timer is "on" or "persist" (a retransmission or window probe may happen between the runs);
  - lastsnd/lastrcv/lastack (time since an event: ss leaves one out while it is 0, so one
    run may show it and the other not; they are set aside on both sides),
    busy/*_limited, segs_in/out, and on a socket that is
    retransmitting or probing (timer on/persist) every -i value and the presence of
    its loss counters.
Prints the mismatches; exits 1 on any, 0 when every record matched.
"""
import re
import sys

# Segment counts move on both ends of a connection whose window is being probed.
ALWAYS_VOLATILE = {"lastsnd", "lastrcv", "lastack", "busy", "rwnd_limited", "sndbuf_limited", "segs_out", "segs_in"}
HEADER_WORDS = ("NetNS ", "Netid ", "State ", "Recv-Q ")
LOSS_FIELDS = {"lastack", "backoff", "lost", "retrans", "bytes_retrans", "unacked", "notsent", "reord_seen", "dsack_dups",
               "rwnd_limited", "sndbuf_limited", "app_limited", "ssthresh"}
RATE_WORDS = {"send", "pacing_rate", "delivery_rate"}
TIMER = re.compile(r"^timer:\((\w+),([^,]*),(\d+)\)$")


def records(path):
    out = []
    with open(path) as f:
        for line in f.read().split("\n"):
            if line == "":
                break  # netlens' findings and skipped checks follow a blank line; ss has none
            if line.startswith("\t") and out:
                out[-1] += " \t " + " ".join(line.split())
            else:
                out.append(" ".join(line.split()))
    return out


def tokens(record):
    words = record.split(" ")
    out = []
    i = 0
    while i < len(words):
        if words[i] in RATE_WORDS and i + 1 < len(words):
            out.append(words[i] + ":" + words[i + 1])
            i += 2
            continue
        out.append(words[i])
        i += 1
    return out


def countdown_ms(text):
    total = 0.0
    for number, unit in re.findall(r"([\d.]+)(min|sec|ms)", text):
        if unit == "min":
            total += float(number) * 60000
        elif unit == "sec":
            total += float(number) * 1000
        else:
            total += float(number)
    # "1.500ms" means 1 s and 500 ms
    m = re.fullmatch(r"(\d+)\.(\d{3})ms", text)
    if m:
        total = int(m.group(1)) * 1000 + int(m.group(2))
    return total


MOVING_PORTS = tuple(":" + p for p in sys.argv[3:])


def unstable(tokens_):
    """A socket that is retransmitting or probing (or its peer): its counters move between the runs."""
    return any(t.startswith(("timer:(on,", "timer:(persist,", "backoff:")) for t in tokens_) or any(
        t.endswith(MOVING_PORTS) for t in tokens_[:8] if MOVING_PORTS)


def key_of(token):
    return token.split(":", 1)[0] if ":" in token and not token.startswith("timer:") else None


def same_token(a, b, shaky):
    if a == b:
        return True
    ma, mb = TIMER.match(a), TIMER.match(b)
    if ma and mb:
        if ma.group(1) != mb.group(1):
            return False
        if ma.group(1) not in ("on", "persist") and ma.group(3) != mb.group(3):
            return False
        if ma.group(1) in ("on", "persist"):
            return True
        x, y = countdown_ms(ma.group(2)), countdown_ms(mb.group(2))
        return abs(x - y) <= max(5000, 0.1 * max(x, y))
    ka, kb = key_of(a), key_of(b)
    return ka is not None and ka == kb and (ka in ALWAYS_VOLATILE or shaky)


def compare(ours, theirs):
    problems = []
    if len(ours) != len(theirs):
        problems.append(f"{len(ours)} records from netlens, {len(theirs)} from ss")
    unmatched = list(theirs)
    for record in ours:
        found = None
        for candidate in unmatched:
            if match(record, candidate):
                found = candidate
                break
        if found is None:
            problems.append("netlens only: " + record)
        else:
            unmatched.remove(found)
    for record in unmatched:
        problems.append("ss only:      " + record)
    return problems


def detail_start(toks):
    """Where the -m/-i part begins: its own line, or with -O its first field on the row."""
    for i, t in enumerate(toks):
        if t == "\t" or t.startswith("skmem:") or (i > 0 and toks[i - 1].startswith("<") and t.isalpha()):
            return i
    return len(toks)


def without_loss_fields(toks):
    """A moving socket's detail tokens without the counters that come and go."""
    cut = detail_start(toks)
    return toks[:cut] + [t for t in toks[cut:] if t not in LOSS_FIELDS and key_of(t) not in LOSS_FIELDS]


EVENT_AGES = {"lastsnd", "lastrcv", "lastack"}


def without_event_ages(toks):
    return [t for t in toks if key_of(t) not in EVENT_AGES]


def match(a, b):
    # Headers: the space before "Process" comes and goes with the width of the last
    # port column, which each tool measures over its own rows.
    if a.startswith(HEADER_WORDS) or b.startswith(HEADER_WORDS):
        return a.replace(" ", "") == b.replace(" ", "")
    ta, tb = without_event_ages(tokens(a)), without_event_ages(tokens(b))
    shaky = unstable(ta) and unstable(tb)
    if shaky:
        ta, tb = without_loss_fields(ta), without_loss_fields(tb)
    if len(ta) != len(tb):
        return False
    cut = detail_start(ta)
    return all(same_token(x, y, shaky and i > cut) for i, (x, y) in enumerate(zip(ta, tb)))


def main():
    ours, theirs = records(sys.argv[1]), records(sys.argv[2])
    problems = compare(ours, theirs)
    for p in problems:
        print("  " + p)
    if not problems:
        print(f"ok: {len(ours)} records match")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
