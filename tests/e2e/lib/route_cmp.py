"""Compare `netlens route` with ip(8) field by field (standard library only).

  route_cmp.py fields NETLENS_JSON FAMILY:IP_JSON [FAMILY:IP_JSON ...] [table=NAME] [netns=LABEL] [get=1]
      the same routes, and every key ip -j prints is in netlens's record with the same
      value (ip's "type" is netlens's "route_type"; what ip leaves out because it is the
      usual value must be that value in netlens: type unicast, protocol boot, scope
      global, table main or NAME; with get=1, a route get answer, only the type);
      "expires" may differ by the seconds between the runs
  route_cmp.py lines NETLENS_TEXT IP_TEXT
      the same lines in the same order, trailing spaces aside (ip ends words with one);
      netlens's lines end at the blank line before its findings; "expires Nsec" may
      differ by the seconds between the runs
Prints "ok:" / "MISMATCH:" lines; exits 1 on any mismatch.
"""

import json
import re
import sys

mismatches = 0


def bad(message):
    global mismatches
    mismatches += 1
    print(f"MISMATCH: {message}")


# ip -j writes a route's lightweight tunnel keys beside the route's own, right after
# "encap" (so "dst" comes twice); netlens keeps them in "encap_info". These are the keys
# ip prints for each type, in its order.
ENCAP_KEYS = {"ip": ("id", "src", "dst", "ttl", "tos", "key", "csum", "seq"),
              "ip6": ("id", "src", "dst", "hoplimit", "tc", "key", "csum", "seq"),
              "mpls": ("dst", "ttl"), "seg6": ("mode", "segs", "hmac")}


def gather_encap(pairs):
    """An object of ip -j with the tunnel's keys moved under "encap_info"."""
    keys = [k for k, _ in pairs]
    if "encap" not in keys or "encap_info" in keys:  # not ip's, or netlens's own
        return dict(pairs)
    at = keys.index("encap")
    wanted = ENCAP_KEYS.get(pairs[at][1], ())
    info, rest, i = {}, pairs[:at + 1], at + 1
    while i < len(pairs) and pairs[i][0] in wanted and pairs[i][0] not in info:
        info[pairs[i][0]] = pairs[i][1]
        i += 1
    rest += pairs[i:]
    record = dict(rest)
    if wanted:
        record["encap_info"] = info
    return record


def load(path):
    with open(path) as f:
        return json.load(f, object_pairs_hook=gather_encap)


# ip -j's key -> netlens's key, where they differ.
RENAMED = {"type": "route_type"}
# What ip -j leaves out because it is the usual value, and that value.
USUAL = {"type": "unicast", "protocol": "boot", "scope": "global"}


def key_of(route, family, table):
    hops = tuple((h.get("gateway"), json.dumps(h.get("via")), h.get("dev")) for h in route.get("nexthops", []))
    return (family, str(table), route.get("type", route.get("route_type", "unicast")), route["dst"],
            route.get("from"), route.get("gateway") or None, json.dumps(route.get("via")), route.get("dev") or None,
            route.get("metric"), hops)


def same_value(key, ours, theirs):
    if key == "expires" and isinstance(ours, int) and isinstance(theirs, int):
        return abs(ours - theirs) <= 3
    return ours == theirs


def cmd_fields(netlens_path, *rest):
    ip_paths = [p for p in rest if "=" not in p]  # "inet:FILE", "inet6:FILE"
    options = dict(p.split("=", 1) for p in rest if "=" in p)
    listed_table = options.get("table", "main")
    doc = load(netlens_path)
    routes = doc["results"]["routes"] if isinstance(doc, dict) else doc
    if "netns" in options:
        routes = [r for r in routes if r.get("netns") == options["netns"]]
    ours = {}
    for r in routes:
        ours.setdefault(key_of(r, r["family"], r.get("table")), []).append(r)
    theirs = {}
    for tagged in ip_paths:
        family, path = tagged.split(":", 1)
        for r in load(path):
            theirs.setdefault(key_of(r, family, r.get("table", listed_table)), []).append(r)
    only_ours = sorted(str(k) for k in ours if k not in theirs)
    only_theirs = sorted(str(k) for k in theirs if k not in ours)
    if only_ours or only_theirs:
        bad(f"routes differ: only in netlens {only_ours}; only in ip {only_theirs}")
    compared = 0
    for key in sorted(set(ours) & set(theirs), key=str):
        if len(ours[key]) != len(theirs[key]):
            bad(f"{key}: netlens has {len(ours[key])}, ip {len(theirs[key])}")
            continue
        for mine, their in zip(ours[key], theirs[key]):
            before = mismatches
            for field, value in their.items():
                name = RENAMED.get(field, field)
                if name not in mine:
                    bad(f"{key}: netlens lacks {field!r} (ip: {value!r})")
                elif not same_value(field, mine[name], value):
                    bad(f"{key}: {field}: netlens {mine[name]!r} != ip {value!r}")
            for field, usual in USUAL.items():
                # ip prints no protocol or scope for a route get answer (a cloned route).
                if options.get("get") and field != "type":
                    continue
                if field not in their and mine.get(RENAMED.get(field, field)) != usual:
                    bad(f"{key}: ip leaves {field} out (so {usual!r}), netlens says {mine.get(RENAMED.get(field, field))!r}")
            if "table" not in their and str(mine.get("table")) != listed_table:
                bad(f"{key}: ip leaves the table out (so {listed_table}), netlens says {mine.get('table')!r}")
            if mismatches == before:
                compared += 1
                print(f"ok: {their.get('type', 'unicast')} {their['dst']} "
                      f"{' '.join(f'{k}={json.dumps(v)}' for k, v in their.items() if k not in ('dst', 'type'))}")
    if not theirs:
        bad("ip printed no routes: the fixture is broken")
    return compared


def entries(path, until_blank=False):
    lines = []
    with open(path) as f:
        for line in f:
            if not line.strip():
                if until_blank:
                    break  # netlens's findings follow the routes after a blank line
                continue
            lines.append(line.rstrip())
    return lines


EXPIRES = re.compile(r"expires (\d+)sec")


def same_line(mine, their):
    """Equal, or equal but for an expiry a few seconds apart (the two runs differ in time)."""
    if mine == their or mine is None or their is None:
        return mine == their
    a, b = EXPIRES.search(mine), EXPIRES.search(their)
    return (a is not None and b is not None and abs(int(a.group(1)) - int(b.group(1))) <= 3 and
            EXPIRES.sub("expires", mine) == EXPIRES.sub("expires", their))


def cmd_lines(netlens_path, ip_path):
    ours, theirs = entries(netlens_path, until_blank=True), entries(ip_path)
    if len(ours) == len(theirs) and all(same_line(a, b) for a, b in zip(ours, theirs)):
        for line in ours:
            print(f"ok: line {line.strip()!r}")
        return
    for i in range(max(len(ours), len(theirs))):
        mine = ours[i] if i < len(ours) else None
        their = theirs[i] if i < len(theirs) else None
        if not same_line(mine, their):
            bad(f"line {i + 1}: netlens {mine!r} != ip {their!r}")
    if not theirs:
        bad("ip printed no routes: the fixture is broken")


def main():
    if len(sys.argv) < 3 or sys.argv[1] not in ("fields", "lines"):
        print(__doc__, file=sys.stderr)
        sys.exit(2)
    {"fields": cmd_fields, "lines": cmd_lines}[sys.argv[1]](*sys.argv[2:])
    sys.exit(1 if mismatches else 0)


if __name__ == "__main__":
    main()
