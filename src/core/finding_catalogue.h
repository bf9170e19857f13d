// The catalogue of findings: one row per finding id with its layer, severities, when it
// fires, the advice, the next command and which commands raise it. Code that raises a
// finding names a row (checked at compile time) and adds only what differs per
// instance: title, evidence, namespace, and which severity or advice case applies. So
// an id, a layer or an advice text is written once, here, and docs/findings.md is
// rendered from this table (tools/netlens_docs).
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/finding.h"
#include "core/named_row.h"

namespace netlens {

// A severity and when it applies ("at 80 %", "for loopback"); `when` is empty when a
// finding has one severity.
struct SeverityCase {
    Severity severity = Severity::info;
    std::string_view when;
};

// Advice (and possibly a next command) that replaces the usual one in a special case.
struct AdviceCase {
    std::string_view when;  // "on a veth pair"
    std::string_view advice;
    std::string_view next;  // empty: the usual next command
};

// Next commands may hold {name} placeholders, filled per finding ("ethtool {dev}").
struct CatalogueEntry {
    std::string_view id;  // stable and dotted; never renamed
    Layer layer = Layer::l3;
    std::string_view raised_by;                            // commands, comma-separated: "iface, route"
    std::string_view meaning;                              // when it fires
    SeverityCase severity;                                 // the usual severity
    std::optional<SeverityCase> escalated = std::nullopt;  // a higher one, and when
    std::string_view advice;
    std::string_view next;
    std::optional<AdviceCase> special = std::nullopt;
};

inline constexpr CatalogueEntry kFindingCatalogue[] = {
    {
        .id = "link.admin_down",
        .layer = Layer::l1_2,
        .raised_by = "iface",
        .meaning = "a link is administratively down",
        .severity = {Severity::info},
        .escalated = SeverityCase{Severity::warning, "for loopback"},
        .advice = "Nothing is sent or received on it until it is brought up.",
        .next = "ip link set {dev} up",
        .special = AdviceCase{"for loopback", "Loopback down breaks every local connection (127.0.0.1, ::1)."},
    },
    {
        .id = "link.no_carrier",
        .layer = Layer::l1_2,
        .raised_by = "iface",
        .meaning = "a link is up but has no carrier / lower layer down",
        .severity = {Severity::warning},
        .escalated = SeverityCase{Severity::critical, "when it carries the default route"},
        .advice = "Check the cable, the switch port or the peer device.",
        .next = "ethtool {dev}",
        .special = AdviceCase{"on a veth pair", "The other end of this veth pair is down or was deleted.",
                              "ip -d link show {dev}"},
    },
    {
        .id = "link.errors_rising",
        .layer = Layer::l1_2,
        .raised_by = "iface --interval S",
        .meaning = "error, drop, miss or overrun counters (rtnetlink or driver) grew between two samples",
        .severity = {Severity::warning},
        .advice = "Drops on receive point at a full ring or backlog (rx_missed, over) or at traffic nobody "
                  "wants (rx_dropped); errors point at the link or the driver.",
        .next = "ethtool -S {dev} | grep -Ei 'drop|err|miss|over'",
    },
    {
        .id = "link.half_duplex",
        .layer = Layer::l1_2,
        .raised_by = "iface",
        .meaning = "a link with carrier runs at half duplex (ethtool)",
        .severity = {Severity::warning},
        .advice = "Switched Ethernet runs full duplex; half duplex usually means autonegotiation failed on one "
                  "end (a duplex mismatch): late collisions, CRC errors and throughput that collapses under load. "
                  "Let both ends autonegotiate, or force both to the same speed and full duplex.",
        .next = "ethtool {dev}",
    },
    {
        .id = "link.slower_than_peers",
        .layer = Layer::l1_2,
        .raised_by = "iface",
        .meaning = "a link with carrier negotiated a lower speed than the fastest other link of the same driver",
        .severity = {Severity::warning},
        .advice = "NICs of one driver usually run at one speed; one that came up slower points at its cable, "
                  "transceiver or switch port (a damaged pair drops 10G or 1G links to 100M).",
        .next = "ethtool {dev}",
    },
    {
        .id = "route.no_default",
        .layer = Layer::l3,
        .raised_by = "iface, route",
        .meaning = "a family has a global address (for IPv6: global unicast, not link-local or ULA only) but no "
                   "default route in the main table",
        .severity = {Severity::warning},
        .advice = "Only directly connected networks and explicit routes are reachable; anything else fails "
                  "with 'network is unreachable'.",
        .next = "ip -{version} route show table all",
    },
    {
        .id = "neigh.gateway_unresolved",
        .layer = Layer::l3,
        .raised_by = "iface, route",
        .meaning = "a default gateway's neighbour entry is INCOMPLETE or FAILED (each nexthop of a multipath route "
                   "is judged on its own)",
        .severity = {Severity::critical},
        .advice = "Traffic leaving through the default route is dropped before it leaves the host. "
                  "Check that the gateway is up and on the same L2 segment (VLAN, cable, bridge).",
        .next = "ip neigh show dev {dev} && netlens route get {gateway}",
    },
    {
        .id = "route.nexthop_link_down",
        .layer = Layer::l3,
        .raised_by = "iface, route",
        .meaning = "a nexthop of a default route leaves through a link that is down or has no carrier",
        .severity = {Severity::warning},
        .escalated = SeverityCase{Severity::critical, "when every nexthop of the route is down"},
        .advice = "Traffic hashed onto this nexthop is lost until the link comes back (the kernel skips it only "
                  "with net.ipv4.fib_multipath_use_neigh or once it marks it linkdown); with no nexthop left the "
                  "default route is dead.",
        .next = "ip link show {dev} && ip route show default",
    },
    {
        .id = "neigh.many_unresolved",
        .layer = Layer::l3,
        .raised_by = "iface, route",
        .meaning = "5 or more neighbour entries are INCOMPLETE or FAILED",
        .severity = {Severity::warning},
        .advice = "Something sends to on-link addresses where no host answers: a stale peer list, a scan, "
                  "or a wrong prefix length making remote hosts look local.",
        .next = "ip neigh show nud failed; ip neigh show nud incomplete",
    },
    {
        .id = "tcp.close_wait_pile",
        .layer = Layer::l4,
        .raised_by = "sockets -s",
        .meaning = "10 or more sockets in CLOSE-WAIT: the application never closes; names the holders and peers",
        .severity = {Severity::warning},
        .advice = "CLOSE-WAIT never times out: the owning process must call close(). This is an application bug "
                  "(a leaked connection, a pool that ignores EOF); restarting only hides it.",
        .next = "netlens sockets -tnp state close-wait",
    },
    {
        .id = "tcp.syn_sent_pile",
        .layer = Layer::l4,
        .raised_by = "sockets -s",
        .meaning = "5 or more connections to one destination stuck in SYN-SENT (firewall, peer down)",
        .severity = {Severity::warning},
        .advice = "No SYN-ACK comes back: a firewall drops the SYNs, the peer is down, or the route to it "
                  "is broken. Connections will time out after the SYN retries (about 2 minutes by default).",
        .next = "netlens route get {peer_address}",
    },
    {
        .id = "tcp.syn_recv_pile",
        .layer = Layer::l4,
        .raised_by = "sockets -s",
        .meaning = "32 or more half-open connections on one listening port (SYN flood, lost ACKs)",
        .severity = {Severity::warning},
        .advice = "Clients send SYNs but their final ACK does not arrive: a SYN flood, or return traffic "
                  "lost on the way back (asymmetric routing, a firewall dropping ACKs).",
        .next = "nstat -az TcpExtListenDrops TcpExtSyncookiesSent TcpExtTCPReqQFullDrop",
    },
    {
        .id = "tcp.fin_wait2_pile",
        .layer = Layer::l4,
        .raised_by = "sockets -s",
        .meaning = "100 or more sockets in FIN-WAIT-2",
        .severity = {Severity::warning},
        .advice = "We closed and the peer acknowledged, but the peer never closes its side. Orphaned FIN-WAIT-2 "
                  "sockets go away after tcp_fin_timeout; ones still owned by a process wait for the peer.",
        .next = "netlens sockets -tn state fin-wait-2",
    },
    {
        .id = "tcp.last_ack_pile",
        .layer = Layer::l4,
        .raised_by = "sockets -s",
        .meaning = "100 or more sockets in LAST-ACK",
        .severity = {Severity::warning},
        .advice = "We answered the peer's FIN with ours and wait for its ACK: the peer vanished or the path drops "
                  "packets toward it.",
        .next = "netlens sockets -tn state last-ack",
    },
    {
        .id = "tcp.listen_queue_full",
        .layer = Layer::l4,
        .raised_by = "sockets -s",
        .meaning = "a listener's accept queue (Recv-Q) against its backlog (Send-Q)",
        .severity = {Severity::warning, "at 80 %"},
        .escalated = SeverityCase{Severity::critical, "when full"},
        .advice = "The application does not accept() fast enough; further SYNs are dropped and clients "
                  "see connect timeouts. Make the accept loop faster, or raise the listen() backlog "
                  "(capped by net.core.somaxconn).",
        .next = "nstat -az TcpExtListenOverflows TcpExtListenDrops",
    },
    {
        .id = "tcp.orphans_near_limit",
        .layer = Layer::l4,
        .raised_by = "sockets -s",
        .meaning = "orphaned sockets (/proc/net/sockstat) against tcp_max_orphans",
        .severity = {Severity::warning, "at 50 %"},
        .escalated = SeverityCase{Severity::critical, "at 90 %"},
        .advice = "Past the limit the kernel resets orphaned connections at once (\"too many orphaned sockets\" "
                  "in the kernel log). Orphans are closed sockets still sending data or waiting for FINs.",
        .next = "netlens sockets -s",
    },
    {
        .id = "tcp.local_port_exhaustion",
        .layer = Layer::l4,
        .raised_by = "sockets -s",
        .meaning = "sockets holding an ephemeral port toward one (source, destination, port) against "
                   "ip_local_port_range minus reserved ports; past it, new connections fail with EADDRNOTAVAIL or "
                   "stall in connect()",
        .severity = {Severity::warning, "at 70 %"},
        .escalated = SeverityCase{Severity::critical, "at 90 %"},
        .advice = "Widen ip_local_port_range, spread over more source addresses, or pool connections.",
        .next = "netlens sockets -tn --top peers 'dst {destination}'",
        .special = AdviceCase{"when at least half are in TIME-WAIT",
                              "Most are TIME-WAIT: reuse connections (keep-alive, a pool) instead of opening "
                              "one per request, or enable net.ipv4.tcp_tw_reuse=1 for outgoing connections."},
    },
    {
        .id = "tcp.port_range_parity",
        .layer = Layer::l4,
        .raised_by = "sockets -s",
        .meaning = "ip_local_port_range starts and ends on the same parity",
        .severity = {Severity::info},
        .advice = "The kernel hands connect() the ports of one parity and bind() the other; with both ends of "
                  "the same parity the split is uneven (the kernel logs \"prefer different parity for "
                  "start/end values\"). Use an even start and an odd end.",
        .next = "sysctl -w net.ipv4.ip_local_port_range=\"{even_low} {odd_high}\"",
    },
};

// A row of kFindingCatalogue, chosen by id at compile time.
using FindingId = NamedRow<kFindingCatalogue, &CatalogueEntry::id>;

// The row with this id, or nullptr; at run time, for tests and tools that hold ids as text.
constexpr const CatalogueEntry* find_catalogue_entry(std::string_view id) {
    return find_row<kFindingCatalogue, &CatalogueEntry::id>(id);
}

// What differs between two findings of one kind.
struct FindingFacts {
    std::string title;  // one line, with the numbers and names of this instance
    std::vector<Evidence> evidence;
    bool escalated = false;                                      // the entry's higher severity applies
    bool special = false;                                        // the entry's special-case advice applies
    std::vector<std::pair<std::string_view, std::string>> fill;  // {name} in the next command -> text
    std::string netns;
};

Finding make_finding(FindingId id, FindingFacts facts);

}  // namespace netlens
