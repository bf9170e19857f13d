// What Filter::matches needs from the namespace it runs in, read through the source so
// recorded runs replay: ip_local_port_range when the filter says `autobound`, and the
// indexes of the interfaces named after `dev`, looked up in that namespace as ss -N
// looks them up after switching to it.
#pragma once

#include "core/error.h"
#include "sockets/filter/filter.h"
#include "source/source.h"

namespace netlens::sockets {

// An error (ExitCode::usage) when a `dev` name is neither an interface of the namespace
// nor an index, as ss refuses it ("Cannot parse device").
Result<MatchContext> match_context_for(const Filter& filter, source::Source& source);

}  // namespace netlens::sockets
