"""Compare netlens --json documents with ip(8) -j output, for the e2e scenarios.

Each subcommand prints one "ok:" line per thing it compared and one "MISMATCH:" line per
difference, and exits 1 if there was any difference. Standard library only.

"serve" reads one command per line on stdin (arguments separated by \x1f) and answers
each with its output and a line "\x04 RC": netns.sh keeps one such process for a whole
test, since starting Python costs more than most comparisons.

  doc FILE COMMAND                          the netlens/1 envelope
  iface NETLENS IP_ADDR IP_LINK_BEFORE IP_LINK_AFTER [NETNS_LABEL]
                                            (ip -j addr, ip [-d] -j -s link twice)
  route-get NETLENS IP_ROUTE_GET            (ip -d -j route get)
  route-list NETLENS IP4_ROUTES IP6_ROUTES [NETNS_LABEL] [table=NAME]
                                            (ip -j route show [table NAME], ip -6 -j route show)
  ndjson NDJSON JSON COMMAND                the --ndjson stream carries the --json document
  neigh NETLENS IP_NEIGH                     neighbour table vs ip -j neigh show
                                            (without NOARP/NONE entries)
  finding FILE ID SEVERITY SUBJECT [KEY=VALUE|KEY~REGEX ...]
                                            exactly one finding ID whose title names
                                            SUBJECT, with that severity and evidence
  no-finding FILE ID [SUBJECT]              no finding ID (about SUBJECT)
  expect FILE PYTHON_EXPR DESCRIPTION       the expression, with d = the document, is true
  eval FILE PYTHON_EXPR                     print the expression's value (for shell logic)

A NETLENS file whose name ends in .ndjson is read as an --ndjson stream and turned into
the document it stands for, so the comparisons with ip(8) check --ndjson output as well.

With NETNS_LABEL, only netlens rows labelled with that namespace are compared (the
document may hold others, from --all-netns), and every such row must carry the label.
"""

import json
import re
import sys

mismatches = 0


class Unreadable(Exception):
    pass


def load(path):
    with open(path) as f:
        text = f.read()
    if path.endswith(".ndjson"):
        return from_ndjson(path, text)
    try:
        return json.loads(text)
    except json.JSONDecodeError as e:
        raise Unreadable(f"{path}: not JSON ({e}); starts with {text[:200]!r}")


def from_ndjson(path, text):
    """An --ndjson stream (a file named *.ndjson) as the --json document it stands for, so
    every comparison with ip(8) runs on --ndjson output too: rows go where NDJSON_TYPES
    says, without their "type"; other line types are kept under results by type."""
    doc = {"results": {}, "findings": [], "skipped": []}
    where = {kind: path for kind, path in NDJSON_TYPES}
    for number, line in enumerate(text.splitlines(), 1):
        try:
            record = json.loads(line)
        except json.JSONDecodeError as e:
            raise Unreadable(f"{path}: line {number} is not JSON ({e}): {line[:120]!r}")
        if not isinstance(record, dict) or "type" not in record:
            raise Unreadable(f"{path}: line {number} is not an object with a \"type\": {line[:120]!r}")
        kind = record.pop("type")
        if kind == "header":
            doc.update(record)
            continue
        keys = where.get(kind, ("results", kind))
        parent = doc
        for key in keys[:-1]:
            parent = parent.setdefault(key, {})
        parent.setdefault(keys[-1], []).append(record)
    return doc


def bad(message):
    global mismatches
    mismatches += 1
    print(f"MISMATCH: {message}")


def ok(message):
    print(f"ok: {message}")


def same(what, ours, theirs, peer="ip"):
    if ours == theirs:
        return True
    bad(f"{what}: netlens {ours!r} != {peer} {theirs!r}")
    return False


def cmd_doc(path, command):
    before = mismatches
    d = load(path)
    if not isinstance(d, dict):
        bad(f"{path}: top level is {type(d).__name__}, not an object")
        return
    same("schema", d.get("schema"), "netlens/1", "expected")
    same("command", d.get("command"), command, "expected")
    for key, kind in (("results", dict), ("findings", list), ("skipped", list)):
        if not isinstance(d.get(key), kind):
            bad(f'"{key}" is {type(d.get(key)).__name__}, expected {kind.__name__}')
    for f in d.get("findings", []):
        missing = [k for k in ("id", "layer", "severity", "title", "evidence", "advice", "next") if k not in f]
        if missing:
            bad(f"finding {f.get('id')} lacks {missing}")
    for s in d.get("skipped", []):
        if set(s) < {"check", "reason"}:
            bad(f"skipped entry {s} lacks check/reason")
    if mismatches == before:
        ok(f'envelope: schema netlens/1, command "{command}", results, '
           f'{len(d.get("findings", []))} findings, {len(d.get("skipped", []))} skipped')


COUNTERS = ("bytes", "packets", "errors", "dropped")


def cmd_iface(netlens_path, addr_path, before_path, after_path, label=None):
    links = load(netlens_path)["results"]["links"]
    if label is not None:
        labels = sorted({str(l.get("netns")) for l in links})
        links = [l for l in links if l.get("netns") == label]
        if not links:
            bad(f"no link labelled netns {label!r}; labels seen: {labels}")
    ours = {l["name"]: l for l in links}
    if len(ours) != len(links):
        bad(f"duplicate link names in netlens: {[l['name'] for l in links]}")
    addr = {l["ifname"]: l for l in load(addr_path)}
    before = {l["ifname"]: l for l in load(before_path)}
    after = {l["ifname"]: l for l in load(after_path)}

    if same("link names", sorted(ours), sorted(addr)):
        ok(f"link names {sorted(ours)}")
    for name in sorted(set(ours) & set(addr)):
        mine, theirs = ours[name], addr[name]
        checks = [
            same(f"{name} ifindex", mine["ifindex"], theirs["ifindex"]),
            same(f"{name} state", mine["state"], theirs["operstate"]),
            same(f"{name} mtu", mine["mtu"], theirs["mtu"]),
            same(f"{name} admin_up", mine["admin_up"], "UP" in theirs["flags"]),
            # ip shows the carrier only as LOWER_UP, which the kernel sets only on links that
            # are up (sysfs "carrier" refuses to answer for down links too): no oracle for
            # the carrier of a down link, so it is not compared.
            same(f"{name} carrier", mine["carrier"], "LOWER_UP" in theirs["flags"]) if mine["admin_up"] else True,
            same(f"{name} mac", mine["mac"], theirs.get("address")),
            same(f"{name} qdisc", mine["qdisc"], theirs.get("qdisc")),
            # NO-CARRIER and M-DOWN are ip's own words, not kernel flags.
            same(f"{name} flags", sorted(mine["flags"]),
                 sorted(f for f in theirs["flags"] if f not in ("NO-CARRIER", "M-DOWN"))),
        ]
        if "linkinfo" in before[name] or "link_index" in before[name] or "link" in before[name]:  # ip -d
            details = before[name]
            checks.append(same(f"{name} kind", mine["kind"] or None, details.get("linkinfo", {}).get("info_kind")))
            # ip names the lower link when it is in the same namespace, else gives its index.
            lower = details.get("link_index")
            if "link" in details:
                lower = before[details["link"]]["ifindex"] if details["link"] in before else details["link"]
            checks.append(same(f"{name} link_ifindex", mine["link_ifindex"], lower))
            checks.append(same(f"{name} master", mine["master"], details.get("master")))
        if label is not None:
            checks.append(same(f"{name} netns label", mine.get("netns"), label))
        elif "netns" in mine:
            bad(f"{name}: has a netns label {mine['netns']!r} without --netns/--all-netns")
            checks.append(False)
        mine_addrs = sorted((a["family"], a["local"], a["prefix_length"]) for a in mine["addresses"])
        their_addrs = sorted((a["family"], a["local"], a["prefixlen"]) for a in theirs.get("addr_info", []))
        checks.append(same(f"{name} addresses", mine_addrs, their_addrs))
        for direction in ("rx", "tx"):
            for counter in COUNTERS:
                low = before[name]["stats64"][direction][counter]
                high = after[name]["stats64"][direction][counter]
                value = mine["stats"][direction][counter]
                if not low <= value <= high:
                    bad(f"{name} {direction}.{counter}: netlens {value} not within ip's before/after [{low}, {high}]")
                    checks.append(False)
        if all(checks):
            ok(f"{name}: state {mine['state']}, mtu {mine['mtu']}, {len(mine_addrs)} addresses, "
               f"rx {mine['stats']['rx']['packets']} pkts / tx {mine['stats']['tx']['packets']} pkts within ip's bounds")


def none_if_missing(entry, key):
    value = entry.get(key)
    return None if value in ("", None) else value


def cmd_route_get(netlens_path, ip_path):
    routes = load(netlens_path)["results"]["routes"]
    theirs = load(ip_path)
    if not same("number of routes", len(routes), len(theirs)) or not routes:
        return
    mine, theirs = routes[0], theirs[0]
    checks = [same(f"{key}", none_if_missing(mine, key), none_if_missing(theirs, key))
              for key in ("dst", "gateway", "dev", "prefsrc")]
    checks.append(same("type", mine.get("route_type"), theirs.get("type", "unicast")))
    checks.append(same("table", str(mine.get("table")), str(theirs.get("table"))))
    if all(checks):
        fields = ", ".join(f"{k} {mine.get(k)}" for k in ("dst", "gateway", "dev", "prefsrc", "route_type", "table")
                           if mine.get(k) is not None)
        ok(f"same as ip: {fields}")


def route_key(family, table, route_type, r):
    return (family, str(table), route_type, r["dst"], none_if_missing(r, "gateway"), r.get("dev"))


def cmd_route_list(netlens_path, ip4_path, ip6_path, *extra):
    # extra: a NETNS_LABEL, and table=NAME when ip listed one table (ip then leaves the
    # table out of every route, as it does for main).
    label = next((e for e in extra if not e.startswith("table=")), None)
    listed_table = next((e[len("table="):] for e in extra if e.startswith("table=")), "main")
    routes = load(netlens_path)["results"]["routes"]
    if label is not None:
        labels = sorted({str(r.get("netns")) for r in routes})
        routes = [r for r in routes if r.get("netns") == label]
        if not routes:
            bad(f"no route labelled netns {label!r}; labels seen: {labels}")
    ours = [(route_key(r["family"], r.get("table"), r.get("route_type"), r), r) for r in routes]
    # ip -j leaves out what is usual: type unicast, table main (or the one listed).
    theirs = [(route_key(family, r.get("table", listed_table), r.get("type", "unicast"), r), r)
              for family, path in (("inet", ip4_path), ("inet6", ip6_path)) for r in load(path)]
    mine_keys, their_keys = sorted(k for k, _ in ours), sorted(k for k, _ in theirs)
    if mine_keys != their_keys:
        only_mine = [k for k in mine_keys if mine_keys.count(k) > their_keys.count(k)]
        only_theirs = [k for k in their_keys if their_keys.count(k) > mine_keys.count(k)]
        bad(f"routes (family, table, type, dst, gateway, dev): only in netlens {only_mine}, only in ip {only_theirs}")
        return
    theirs = dict(theirs)
    checks = []
    for key, mine in sorted(ours, key=lambda kr: kr[0]):
        their = theirs[key]
        checks.append(same(f"{key} prefsrc", none_if_missing(mine, "prefsrc"), none_if_missing(their, "prefsrc")))
        checks.append(same(f"{key} metric", mine.get("metric"), their.get("metric")))
        checks.append(same(f"{key} protocol", mine.get("protocol"), their.get("protocol", "boot")))
        checks.append(same(f"{key} scope", mine.get("scope"), their.get("scope", "global")))
    if all(checks):
        for key, _ in sorted(ours, key=lambda kr: kr[0]):
            family, table, route_type, dst, gateway, dev = key
            ok(f"route {family} {route_type} {dst}" + (f" via {gateway}" if gateway else "") + f" dev {dev} table {table}" +
               (f" (netns {label})" if label else ""))


NDJSON_TYPES = (("link", ("results", "links")), ("neighbour", ("results", "neighbours")),
                ("route", ("results", "routes")), ("socket", ("results", "sockets")),
                ("summary", ("results", "summary")), ("top", ("results", "top")),
                ("finding", ("findings",)), ("skipped", ("skipped",)))


def without_timing(value):
    # The measured length of an --interval differs between two runs.
    if isinstance(value, dict):
        return {k: without_timing(v) for k, v in value.items() if k != "interval_s"}
    return value


def cmd_ndjson(ndjson_path, json_path, command):
    records = []
    with open(ndjson_path) as f:
        for number, line in enumerate(f, 1):
            try:
                record = json.loads(line)
            except json.JSONDecodeError as e:
                bad(f"line {number} is not JSON ({e}): {line[:120]!r}")
                return
            if not isinstance(record, dict) or "type" not in record:
                bad(f"line {number} is not an object with a \"type\": {line[:120]!r}")
                return
            records.append(record)
    if not records:
        bad("no lines")
        return
    before = mismatches
    header = records[0]
    same("first line type", header.get("type"), "header", "expected")
    same("header schema", header.get("schema"), "netlens/1", "expected")
    same("header command", header.get("command"), command, "expected")
    if mismatches == before:
        ok(f'{len(records)} lines, each an object with a "type"; the first is the header '
           f'(schema netlens/1, command "{command}")')
    doc = load(json_path)
    for kind, path in NDJSON_TYPES:
        rows = doc
        for key in path:
            rows = rows.get(key, []) if isinstance(rows, dict) else []
        ours = [r for r in records[1:] if r["type"] == kind]
        if not same(f"number of {kind} lines", len(ours), len(rows), f"--json {'.'.join(path)}"):
            continue
        lost = []
        for row, record in zip(rows, ours):
            for key, value in row.items():
                if without_timing(record.get(key)) != without_timing(value):
                    lost.append(f"{key}: --json {value!r}, --ndjson {record.get(key)!r}")
        if lost:
            bad(f"{kind} lines do not carry the --json rows: " + "; ".join(sorted(set(lost))[:5]))
        elif rows:
            ok(f"{len(rows)} {kind} lines carry every field of the --json {'.'.join(path)}")
    known = {"header"} | {kind for kind, _ in NDJSON_TYPES}
    unknown = sorted({r["type"] for r in records} - known)
    if unknown:
        print(f"note: other line types {unknown}")


def cmd_neigh(netlens_path, ip_path):
    # Compared with plain "ip neigh show", which hides NOARP and NONE entries: multicast
    # NOARP entries come and go with MLD, so they would make the comparison racy.
    ours = sorted((n["destination"], n["dev"], n.get("lladdr"), tuple(sorted(n["state"])), bool(n.get("router")))
                  for n in load(netlens_path)["results"]["neighbours"]
                  if not set(n["state"]) & {"NOARP", "NONE"})
    theirs = sorted((n["dst"], n["dev"], n.get("lladdr"), tuple(sorted(n["state"])), "router" in n)
                    for n in load(ip_path))
    if same("neighbours (destination, dev, lladdr, state, router)", ours, theirs):
        for n in ours:
            ok(f"neighbour {n[0]} dev {n[1]} lladdr {n[2]} {'/'.join(n[3])}" + (" router" if n[4] else ""))


def about(finding, subject):
    # Titles name their subject as a whole word: "e0 is up but ...", "default gateway 10.7.0.1 on g0 ...".
    return subject is None or re.search(r"(^|\s)" + re.escape(subject) + r"(:|\s|$)", finding["title"]) is not None


def cmd_finding(path, fid, severity, subject, *evidence):
    d = load(path)
    found = [f for f in d["findings"] if f["id"] == fid and about(f, subject)]
    if len(found) != 1:
        ids = [(f["id"], f["title"]) for f in d["findings"]]
        bad(f"expected one {fid} about {subject}, found {len(found)}; findings: {ids}")
        return
    f = found[0]
    before = mismatches
    same(f"{fid} severity", f["severity"], severity, "expected")
    # Evidence values are typed; compare them as JSON text (12, false, "DOWN" -> DOWN).
    facts = {e["key"]: e["value"] if isinstance(e["value"], str) else json.dumps(e["value"]) for e in f["evidence"]}
    for want in evidence:
        if "~" in want and ("=" not in want or want.index("~") < want.index("=")):
            key, pattern = want.split("~", 1)
            if key not in facts or not re.search(pattern, facts[key]):
                bad(f"{fid} evidence {key}: {facts.get(key)!r} does not match /{pattern}/ (evidence {facts})")
        else:
            key, value = want.split("=", 1)
            if facts.get(key) != value:
                bad(f"{fid} evidence {key}: {facts.get(key)!r} != {value!r} (evidence {facts})")
    if mismatches == before:
        ok(f'{fid} ({f["severity"]}): "{f["title"]}"' + (f" evidence {facts}" if evidence else ""))


def cmd_no_finding(path, fid, subject=None):
    d = load(path)
    found = [f["title"] for f in d["findings"] if f["id"] == fid and about(f, subject)]
    if found:
        bad(f"unexpected {fid}" + (f" about {subject}" if subject else "") + f": {found}")
    else:
        ok(f"no {fid}" + (f" about {subject}" if subject else ""))


def cmd_expect(path, expression, description):
    d = load(path)
    try:
        value = eval(expression, {"d": d})
    except Exception as e:  # a missing key is a mismatch, not a crash
        bad(f"{description}: {type(e).__name__}: {e}")
        print(f"    expression: {expression}")
        return
    if value:
        ok(description)
    else:
        bad(f"{description}: false")
        print(f"    expression: {expression}")


def cmd_eval(path, expression):
    d = load(path)
    value = eval(expression, {"d": d})
    print(value if isinstance(value, str) else json.dumps(value))


COMMANDS = {
    "doc": cmd_doc,
    "iface": cmd_iface,
    "route-get": cmd_route_get,
    "route-list": cmd_route_list,
    "ndjson": cmd_ndjson,
    "neigh": cmd_neigh,
    "finding": cmd_finding,
    "no-finding": cmd_no_finding,
    "expect": cmd_expect,
    "eval": cmd_eval,
}


def run(args):
    global mismatches
    mismatches = 0
    if not args or args[0] not in COMMANDS:
        bad(f"jsoncmp: unknown subcommand {args[:1]}; see the docstring of jsoncmp.py")
        return 2
    try:
        COMMANDS[args[0]](*args[1:])
    except Unreadable as e:
        bad(str(e))
    except (KeyError, IndexError, TypeError, AttributeError, ValueError) as e:
        # A document without the expected shape is a mismatch, not a crash of the helper.
        bad(f"{args[0]}: unexpected document shape: {type(e).__name__}: {e}")
    return 1 if mismatches else 0


def serve():
    for line in sys.stdin:
        rc = run(line.rstrip("\n").split("\x1f"))
        print(f"\x04 {rc}", flush=True)
    return 0


def main(argv):
    if argv[1:] == ["serve"]:
        return serve()
    return run(argv[1:])


if __name__ == "__main__":
    sys.exit(main(sys.argv))
