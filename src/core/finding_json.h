// Findings and skipped checks as JSON objects, the same in --json and --ndjson.
// Evidence values are written with their type: numbers as JSON numbers, flags as
// booleans.
#pragma once

#include "core/finding.h"
#include "core/json.h"

namespace netlens {

Json to_json(const Finding& finding);
Json to_json(const Skipped& skipped);

}  // namespace netlens
