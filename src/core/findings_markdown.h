// docs/findings.md, rendered from the finding catalogue and the table of skipped checks,
// so the documentation cannot drift from the code (a unit test compares the two).
#pragma once

#include <string>

namespace netlens {

std::string findings_markdown();

}  // namespace netlens
