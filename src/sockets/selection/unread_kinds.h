// Kinds of sockets a user can ask for that netlens does not read (DCCP, SCTP, vsock,
// TIPC, XDP). ss prints nothing for a kind the kernel cannot report; netlens prints
// nothing either, but says so under `skipped`, and says which of
// what the kernel answered one dump request for that kind: an error (the kernel lacks
// that kind's diagnostics) or nothing to object to (netlens does not read them yet).
#pragma once

#include <vector>

#include "core/finding.h"
#include "netlink/channel.h"
#include "sockets/selection/socket_selection.h"

namespace netlens::sockets {

// The kinds in `selection` the user named that netlens does not read.
std::vector<SocketKind> unread_kinds(const SocketSelection& selection);

// One `socket table NAME` skipped entry per kind, with the reason.
void report_unread_kinds(netlink::Channel& diag, const std::vector<SocketKind>& kinds, Diagnosis& diagnosis);

}  // namespace netlens::sockets
