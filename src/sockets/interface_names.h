// Names of the interfaces sockets are bound to (ss's "%dev" scopes and packet sockets'
// interfaces), from the namespace's own link dump read through the Source: --netns names
// them inside that namespace, and a replay names them as the recorded run did, not as
// the replaying host would.
#pragma once

#include <cstdint>
#include <map>
#include <string>

#include "core/error.h"
#include "sockets/present/endpoint_text.h"
#include "source/source.h"

namespace netlens::sockets {

using InterfaceNames = std::map<uint32_t, std::string>;

// Every link of the namespace by index, or why the link dump could not be read.
Result<InterfaceNames> dump_interface_names(source::Source& source);

// The same, empty when the dump cannot be read (the names then fall back to "ifN", as ss
// writes an index it cannot name).
InterfaceNames read_interface_names(source::Source& source);

// `ifindex`'s name, or "ifN" when `names` has none.
std::string interface_text(const InterfaceNames& names, uint32_t ifindex);

// A namer that reads the link dump through `source` the first time it is asked, so a run
// whose sockets are bound to no interface never dumps links. `source` must outlive it.
InterfaceNamer source_interface_namer(source::Source& source);

}  // namespace netlens::sockets
