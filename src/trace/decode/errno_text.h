// A failed call's result as strace prints it: "-1 ECONNREFUSED (Connection refused)";
// the kernel's restart codes (never seen by programs) as "? ERESTARTSYS (...)".
#pragma once

#include <string>

namespace netlens::trace {

// "ECONNREFUSED"; "ERESTARTSYS" for the restart codes; "ERRNO_600" for a number without a name.
std::string errno_name(int err);
std::string failure_result_text(int err);

}  // namespace netlens::trace
