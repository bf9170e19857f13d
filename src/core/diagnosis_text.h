// Text rendering of findings and skipped checks, shared by every command's printer.
#pragma once

#include <ostream>

#include "core/finding.h"

namespace netlens {

void print_diagnosis_text(std::ostream& out, const Diagnosis& diagnosis, bool color);

}  // namespace netlens
