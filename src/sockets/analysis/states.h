// TCP state names as ss shows and accepts them, and the state masks ss picks when the
// user names no state. The masks use model.h's bits (1 << TcpState), which are also the
// bits sock_diag's idiag_states takes, so a mask goes to the kernel unchanged.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "sockets/model.h"

namespace netlens::sockets {

// "ESTAB", "TIME-WAIT", "UNCONN" (close); "UNKNOWN" for a value outside the enum.
std::string_view state_display_name(TcpState state);

// Mask for a name after `state`/`exclude`: one state ("time-wait") or a group ("bucket").
// Case-insensitive, like ss. nullopt for an unknown name.
std::optional<uint32_t> state_mask_for(std::string_view filter_name);

// "all, connected, ..., closing": every name state_mask_for accepts, for error messages.
std::string state_filter_names();

// Which sockets the flags ask for when no `state` word is given. As in ss the last of
// -a / -l on the command line wins; the caller decides which that is.
enum class StateScope {
    connected,  // neither flag
    listening,  // -l
    all,        // -a
};

// connected: every state but LISTEN, CLOSE (UNCONN), TIME-WAIT and SYN-RECV; ss 6.1
// hides the last two by default even though `state connected` includes them.
// listening: LISTEN and CLOSE (UDP shows bound sockets as UNCONN).  all: every state.
uint32_t default_state_mask(StateScope scope);

}  // namespace netlens::sockets
