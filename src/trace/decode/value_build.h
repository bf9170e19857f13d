// Short constructors for decoded Values, so decoders read as the structure they describe.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "trace/trace_model.h"

namespace netlens::trace {

Value leaf(std::string text, Json json);
Value signed_value(int64_t number);      // "-1", json -1
Value unsigned_value(uint64_t number);   // "4096", json 4096
Value hex_value(uint64_t number);        // "0x7ffd1000" ("0" for zero), json the number
Value pointer_value(uint64_t address);   // "NULL" (json null) or hex_value
Value named(std::string name, Value value);
Value structure(std::vector<Value> fields, bool more = false);
Value array(std::vector<Value> items, bool more = false);

// A leaf whose text wraps another's ("[16]", "htons(80)"), keeping the inner json.
Value wrapped(const std::string& before, Value inner, const std::string& after);

}  // namespace netlens::trace
