// What Filter::matches needs from the namespace it runs in, read through the source so
// recorded runs replay: ip_local_port_range, and only when the filter says `autobound`.
#pragma once

#include "sockets/filter/filter.h"
#include "source/source.h"

namespace netlens::sockets {

MatchContext match_context_for(const Filter& filter, source::Source& source);

}  // namespace netlens::sockets
