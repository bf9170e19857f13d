"""Field-by-field comparisons of `netlens iface` with ip(8) and ethtool(8), and the edit
of a recording that the speed findings are tested on. Standard library only. Prints one
"ok:" line per thing compared and one "MISMATCH:" line per difference; exits 1 on any.

  links NETLENS IP_D_LINK [IP_ADDR]  link fields vs ip -j -d link (and addresses vs ip -j addr)
  neigh NETLENS IP_NEIGH [IP_PROXY]  neighbours (every state, flags) vs ip -j neigh show nud all
                                     (and proxy entries vs ip -j neigh show proxy)
  ethtool-text NETLENS_TEXT DEV ETHTOOL ETHTOOL_I
                                     the "Settings for DEV:" lines vs ethtool DEV / ethtool -i DEV
  ethtool-json NETLENS DEV ETHTOOL ETHTOOL_I
                                     the link's "ethtool" record vs the same
  age-recording FILE OUT             OUT: FILE without what older netlens did not record
                                     (ethtool, /etc/iproute2, the proxy neighbour dump)
  edit-recording FILE DEV speed|duplex VALUE
                                     rewrite DEV's recorded ETHTOOL_MSG_LINKMODES_GET_REPLY
"""

import json
import struct
import sys

from jsoncmp import bad, load, ok, same  # the shared reporting: one MISMATCH count per run
import jsoncmp

FOREVER = 4294967295
LIFETIME_SLACK_S = 2
ADDRESS_FLAGS = ("secondary", "temporary", "nodad", "optimistic", "dadfailed", "home", "deprecated", "tentative",
                 "dynamic", "mngtmpaddr", "noprefixroute", "autojoin", "stable-privacy")
NEIGHBOUR_FLAGS = ("router", "proxy", "managed", "extern_learn", "offload")
# ip -j -d link key -> netlens link key; both sides' absence is null.
LINK_FIELDS = {"ifindex": "ifindex", "mtu": "mtu", "qdisc": "qdisc", "operstate": "state", "linkmode": "linkmode",
               "group": "group", "txqlen": "txqlen", "link_type": "link_type", "address": "mac",
               "broadcast": "broadcast", "permaddr": "permaddr", "link_netnsid": "link_netnsid",
               "promiscuity": "promiscuity", "allmulti": "allmulti", "min_mtu": "min_mtu", "max_mtu": "max_mtu",
               "num_tx_queues": "num_tx_queues", "num_rx_queues": "num_rx_queues", "gso_max_size": "gso_max_size",
               "gso_max_segs": "gso_max_segs", "tso_max_size": "tso_max_size", "tso_max_segs": "tso_max_segs",
               "gro_max_size": "gro_max_size", "ifalias": "alias", "parentbus": "parentbus", "parentdev": "parentdev"}


def lifetime_matches(ours, theirs):
    if theirs == FOREVER:
        return ours is None
    return ours is not None and abs(ours - theirs) <= LIFETIME_SLACK_S


def compare_address(name, mine, theirs):
    what = f"{name} {theirs['local']}"
    checks = [
        same(f"{what} prefix", mine["prefix_length"], theirs["prefixlen"]),
        same(f"{what} peer", mine["peer"], theirs.get("address")),
        same(f"{what} broadcast", mine["broadcast"], theirs.get("broadcast")),
        same(f"{what} anycast", mine["anycast"], theirs.get("anycast")),
        same(f"{what} scope", mine["scope"], theirs["scope"]),
        same(f"{what} label", mine["label"] or None, theirs.get("label")),
        same(f"{what} metric", mine["metric"], theirs.get("metric")),
        same(f"{what} flags", sorted(mine["flags"]), sorted(f for f in ADDRESS_FLAGS if theirs.get(f) is True)),
    ]
    for key, ip_key in (("valid_lifetime_s", "valid_life_time"), ("preferred_lifetime_s", "preferred_life_time")):
        if not lifetime_matches(mine[key], theirs.get(ip_key)):
            bad(f"{what} {key}: netlens {mine[key]!r} vs ip {theirs.get(ip_key)!r} (forever = null, ±{LIFETIME_SLACK_S} s)")
            checks.append(False)
    if all(checks):
        flags = ",".join(mine["flags"]) or "-"
        ok(f"{what}: flags {flags}, valid {mine['valid_lifetime_s']}, preferred {mine['preferred_lifetime_s']}"
           + (f", peer {mine['peer']}" if mine["peer"] else "") + (f", label {mine['label']}" if mine["label"] else ""))


def cmd_links(netlens_path, link_path, addr_path=None):
    ours = {l["name"]: l for l in load(netlens_path)["results"]["links"]}
    theirs = {l["ifname"]: l for l in load(link_path)}
    same("link names", sorted(ours), sorted(theirs))
    for name in sorted(set(ours) & set(theirs)):
        mine, ip = ours[name], theirs[name]
        checks = [same(f"{name} {key}", mine[our_key], ip.get(key)) for key, our_key in LINK_FIELDS.items()]
        checks.append(same(f"{name} altnames", mine["altnames"], ip.get("altnames", [])))
        checks.append(same(f"{name} proto_down", bool(mine["proto_down"]), bool(ip.get("proto_down"))))
        checks.append(same(f"{name} flags", sorted(mine["flags"]),
                           sorted(f for f in ip["flags"] if f not in ("NO-CARRIER", "M-DOWN"))))
        if all(checks):
            ok(f"{name}: {len(LINK_FIELDS) + 3} link fields equal ip -d link"
               + (f" (alias {mine['alias']!r})" if mine["alias"] else ""))
    if addr_path is None:
        return
    for link in load(addr_path):
        name = link["ifname"]
        if name not in ours:
            continue
        mine = {(a["family"], a["local"]): a for a in ours[name]["addresses"]}
        ip = {(a["family"], a["local"]): a for a in link.get("addr_info", [])}
        same(f"{name} addresses", sorted(mine), sorted(ip))
        for key in sorted(set(mine) & set(ip)):
            compare_address(name, mine[key], ip[key])


def cmd_neigh(netlens_path, *ip_paths):
    def key(destination, dev):
        return f"{destination} dev {dev}"
    ours = {key(n["destination"], n["dev"]): n for n in load(netlens_path)["results"]["neighbours"]}
    theirs = {key(n["dst"], n["dev"]): n for path in ip_paths for n in load(path)}
    same("neighbour entries", sorted(ours), sorted(theirs))
    for entry in sorted(set(ours) & set(theirs)):
        mine, ip = ours[entry], theirs[entry]
        # ip leaves "state" out for NUD_NONE (0); netlens says NONE.
        their_state = ip.get("state") or ["NONE"]
        checks = [
            same(f"{entry} state", mine["state"], their_state),
            same(f"{entry} lladdr", mine["lladdr"], ip.get("lladdr")),
            same(f"{entry} flags", mine["flags"], [f for f in NEIGHBOUR_FLAGS if f in ip]),
            same(f"{entry} router", mine["router"], "router" in ip),
            same(f"{entry} protocol", mine["protocol"], ip.get("protocol")),
        ]
        if all(checks):
            ok(f"{entry}: {'/'.join(mine['state'])}" + (f" {' '.join(mine['flags'])}" if mine["flags"] else ""))


def ethtool_settings(ethtool_path, info_path):
    """ethtool's "Key: value" lines (settings, then -i) as a dict, and in order."""
    lines = []
    for path in (ethtool_path, info_path):
        with open(path) as f:
            for line in f:
                if line.startswith("Settings for") or ":" not in line:
                    continue
                lines.append(line.strip())
    return lines


def cmd_ethtool_text(text_path, dev, ethtool_path, info_path):
    with open(text_path) as f:
        text = f.read().splitlines()
    try:
        start = text.index(f"Settings for {dev}:")
    except ValueError:
        start = None
    ours = []
    if start is not None:
        for line in text[start + 1:]:
            if not line.startswith("\t"):
                break
            ours.append(line.strip())
    theirs = [l for l in ethtool_settings(ethtool_path, info_path)
              if l.split(":")[0] in ("Speed", "Duplex", "Auto-negotiation", "Port", "PHYAD", "Transceiver", "MDI-X",
                                     "Link detected", "driver", "version", "firmware-version",
                                     "expansion-rom-version", "bus-info")]
    if same(f"{dev} ethtool lines", ours, theirs, "ethtool"):
        ok(f"{dev}: netlens iface {dev} shows ethtool's lines: {' | '.join(ours) or '(none)'}")


def cmd_ethtool_json(netlens_path, dev, ethtool_path, info_path):
    links = {l["name"]: l for l in load(netlens_path)["results"]["links"]}
    mine = links[dev]["ethtool"]
    theirs = dict(l.split(": ", 1) if ": " in l else (l.rstrip(":"), "") for l in ethtool_settings(ethtool_path, info_path))
    speed = theirs.get("Speed")
    expected = {
        "speed_mbps": int(speed[:-4]) if speed and speed.endswith("Mb/s") else None,
        "duplex": theirs.get("Duplex"),
        "autoneg": {"on": True, "off": False}.get(theirs.get("Auto-negotiation")),
        "port": theirs.get("Port"),
        "phyad": int(theirs["PHYAD"]) if "PHYAD" in theirs else None,
        "transceiver": theirs.get("Transceiver"),
        "link_detected": {"yes": True, "no": False}.get(theirs.get("Link detected")),
        "driver": theirs.get("driver"),
        "version": theirs.get("version"),
        "firmware_version": theirs.get("firmware-version"),
        "bus_info": theirs.get("bus-info"),
    }
    if theirs.get("MDI-X") is not None:
        expected["mdix"] = theirs["MDI-X"]
    if theirs.get("Duplex", "").startswith("Unknown"):
        expected["duplex"] = theirs["Duplex"]
    got = {key: mine.get(key) for key in expected}
    if same(f"{dev} ethtool record", got, expected, "ethtool"):
        ok(f"{dev}: JSON ethtool record equals ethtool: {json.dumps(got)}")


# --- editing a recording (docs/recording.md) -----------------------------------------

NETLINK_GENERIC = 16
GENL_ID_CTRL = 0x10
ETHTOOL_MSG_LINKMODES_GET_REPLY = 4
ETHTOOL_A_HEADER_DEV_NAME = 2
LINKMODES_ATTRIBUTES = {"speed": (5, "=I"), "duplex": (6, "=B")}  # ETHTOOL_A_LINKMODES_SPEED, _DUPLEX


def attributes(data, start, end):
    offset = start
    while offset + 4 <= end:
        length, kind = struct.unpack_from("=HH", data, offset)
        if length < 4 or offset + length > end:
            return
        yield kind & 0x3FFF, offset + 4, offset + length
        offset += (length + 3) & ~3


def edit_datagram(data, dev, attribute, fmt, value):
    edited = 0
    offset = 0
    while offset + 16 <= len(data):
        length, kind = struct.unpack_from("=IH", data, offset)
        if length < 16 or offset + length > len(data):
            break
        if kind > GENL_ID_CTRL and length >= 20 and data[offset + 16] == ETHTOOL_MSG_LINKMODES_GET_REPLY:
            attrs = list(attributes(data, offset + 20, offset + length))
            device = None
            for a_kind, a_start, a_end in attrs:
                if a_kind == 1:
                    for h_kind, h_start, h_end in attributes(data, a_start, a_end):
                        if h_kind == ETHTOOL_A_HEADER_DEV_NAME:
                            device = bytes(data[h_start:h_end]).rstrip(b"\0").decode()
            if device == dev:
                for a_kind, a_start, _ in attrs:
                    if a_kind == attribute:
                        struct.pack_into(fmt, data, a_start, value)
                        edited += 1
        offset += (length + 3) & ~3
    return edited


def records(data):
    """(kind, start, end, subject, cursor) of each record of a recording (docs/recording.md):
    where it starts and ends, its subject blob, and where its body goes on after it."""
    offset = 16
    while offset + 5 <= len(data):
        kind, length = struct.unpack_from("<BI", data, offset)
        cursor = offset + 5
        (blob,) = struct.unpack_from("<I", data, cursor)  # netns
        cursor += 4 + blob
        (blob,) = struct.unpack_from("<I", data, cursor)  # subject
        subject = bytes(data[cursor + 4:cursor + 4 + blob])
        yield kind, offset, offset + 5 + length, subject, cursor + 4 + blob
        offset += 5 + length


def cmd_edit_recording(path, dev, field, value):
    attribute, fmt = LINKMODES_ATTRIBUTES[field]
    with open(path, "rb") as f:
        data = bytearray(f.read())
    if data[:8] != b"NLRECORD":
        bad(f"{path}: not a recording")
        return
    edited = 0
    for kind, _, _, _, cursor in records(data):
        if kind == 2:
            (bus,) = struct.unpack_from("<I", data, cursor)
            cursor += 4
            (blob,) = struct.unpack_from("<I", data, cursor)
            cursor += 4 + blob + 4  # request, err
            (count,) = struct.unpack_from("<I", data, cursor)
            cursor += 4
            for _ in range(count):
                (blob,) = struct.unpack_from("<I", data, cursor)
                if bus == NETLINK_GENERIC:
                    part = data[cursor + 4:cursor + 4 + blob]
                    edited += edit_datagram(part, dev, attribute, fmt, int(value))
                    data[cursor + 4:cursor + 4 + blob] = part
                cursor += 4 + blob
    if edited == 0:
        bad(f"{path}: no recorded link modes reply for {dev} carries its {field}")
        return
    with open(path, "wb") as f:
        f.write(data)
    ok(f"{path}: {dev}'s recorded {field} set to {value} in {edited} reply(ies)")


RTM_GETNEIGH = 30
NTF_PROXY = 0x08


def cmd_age_recording(path, out_path):
    """Writes OUT_PATH: the recording as an older netlens made it, without ethtool
    exchanges, /etc/iproute2 reads and the proxy neighbour dump."""
    with open(path, "rb") as f:
        data = f.read()
    kept, dropped = bytearray(data[:16]), 0
    for kind, start, end, subject, cursor in records(data):
        drop = kind == 4 or (kind == 3 and subject.startswith(b"/etc/iproute2/"))
        if kind == 2:
            (bus,) = struct.unpack_from("<I", data, cursor)
            (blob,) = struct.unpack_from("<I", data, cursor + 4)
            request = data[cursor + 8:cursor + 8 + blob]
            proxy_dump = (len(request) >= 28 and struct.unpack_from("<H", request, 4)[0] == RTM_GETNEIGH
                          and request[26] & NTF_PROXY)
            drop = bus == NETLINK_GENERIC or bool(proxy_dump)
        if drop:
            dropped += 1
        else:
            kept += data[start:end]
    if dropped == 0:
        bad(f"{path}: nothing to drop: no ethtool, /etc/iproute2 or proxy neighbour records")
        return
    with open(out_path, "wb") as f:
        f.write(kept)
    ok(f"{out_path}: {path} without its {dropped} ethtool, /etc/iproute2 and proxy neighbour records")


COMMANDS = {"links": cmd_links, "neigh": cmd_neigh, "ethtool-text": cmd_ethtool_text,
            "ethtool-json": cmd_ethtool_json, "edit-recording": cmd_edit_recording,
            "age-recording": cmd_age_recording}


def main(argv):
    if len(argv) < 2 or argv[1] not in COMMANDS:
        print(__doc__)
        return 2
    try:
        COMMANDS[argv[1]](*argv[2:])
    except jsoncmp.Unreadable as e:
        bad(str(e))
    except (KeyError, IndexError, TypeError, ValueError, AttributeError, struct.error) as e:
        bad(f"{argv[1]}: unexpected input shape: {type(e).__name__}: {e}")
    return 1 if jsoncmp.mismatches else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
