// `netlens sockets` when nothing needs every socket at once (no -s or --top, and not
// -p with -l): each socket goes from the sock_diag dump through the filter straight to
// the sink, so 100 k sockets cost what one row costs. With -p the owners of every socket
// are read from /proc (as ss does) while the first dump answer is read ahead, and each
// row looks its owners up.
#pragma once

#include <optional>

#include "core/error.h"
#include "core/finding.h"
#include "core/sink.h"
#include "sockets/socket_collect.h"
#include "sockets/present/socket_present.h"

namespace netlens::sockets {

// True when the request can stream.
bool can_stream(const SocketsRequest& request);

std::optional<Error> stream_sockets(const SocketsRequest& request, const source::Session& session,
                                    const SocketPresentOptions& options, Sink& sink, Diagnosis& diagnosis);

}  // namespace netlens::sockets
