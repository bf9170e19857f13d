// The far end a call names in its own arguments (connect's address, sendto's
// destination, recvfrom's source, a msghdr's msg_name), for --peer on unconnected sockets
// and for the -c table by peer.
#pragma once

#include <optional>
#include <string>

#include "trace/peer_filter.h"
#include "trace/trace_model.h"

namespace netlens::trace {

std::optional<Endpoint> far_end_named(const CallRecord& call);
// "10.0.0.2:53", "[::1]:443"; empty when the call names none.
std::string named_peer_text(const CallRecord& call);

}  // namespace netlens::trace
