// A decoded Value as strace prints it, and as JSON: the two views of the same tree.
#pragma once

#include <string>

#include "core/json.h"
#include "trace/trace_model.h"

namespace netlens::trace {

// Leaf: its text. Structure: {name=value, ...}. Array: [value, ...]. A trailing "..."
// where items or fields were left out.
std::string value_text(const Value& value);
void append_value_text(std::string& out, const Value& value);

// Leaf: its json. Structure: an object by field name. Array: a JSON array (items left
// out are not marked).
Json value_json(const Value& value);

}  // namespace netlens::trace
