// The JSON value type used for every document: keys keep the order records are built
// in (identity first, details after), which reads better than alphabetical order.
#pragma once

#include <nlohmann/json.hpp>

namespace netlens {

using Json = nlohmann::ordered_json;

}  // namespace netlens
