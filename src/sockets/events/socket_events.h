// -E: sockets shown as the kernel destroys them, until SIGINT or SIGTERM. sock_diag
// broadcasts every destroyed TCP and UDP socket to the multicast groups
// SKNLGRP_INET{,6}_{TCP,UDP}_DESTROY; as ss -E does, we join the groups of the tables
// and families selected, apply the filter expression (there are no states to choose:
// a socket is destroyed once) and print each as a socket row, flushed at once.
// Live only: events cannot be recorded or replayed.
#pragma once

#include <optional>

#include "core/error.h"
#include "core/finding.h"
#include "core/sink.h"
#include "sockets/present/socket_present.h"
#include "proc/sysctl.h"
#include "sockets/socket_collect.h"

namespace netlens::sockets {

// Runs in the calling thread's network namespace until interrupted; returns nullopt
// then. `match` is the filter's view of that namespace (match_context_for). A usage error when the selection holds neither TCP nor UDP.
std::optional<Error> follow_socket_events(const SocketsRequest& request, const SocketPresentOptions& options,
                                          const std::string& netns, std::optional<proc::PortRange> ephemeral,
                                          const MatchContext& match, Sink& sink, Diagnosis& diagnosis);

}  // namespace netlens::sockets
