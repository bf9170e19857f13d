// A socket's identity as strace -yy prints it between the fd's angle brackets:
// "TCP:[127.0.0.1:40001->127.0.0.1:8080]", "UNIX-STREAM:[41->42,\"/run/x.sock\"]",
// "NETLINK:[ROUTE:32069]", "RAW:[5123]", "socket:[5124]".
#pragma once

#include <string>

#include "trace/decode/decode_options.h"
#include "trace/trace_model.h"

namespace netlens::trace {

// `hex`: -x/-xx, which reach the quoted unix name as they reach every string.
std::string socket_text(const SocketIdentity& socket, DecodeOptions::Hex hex = DecodeOptions::Hex::none);

}  // namespace netlens::trace
