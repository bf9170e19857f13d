// The one model every command's output passes through. A Document holds the command's
// results as named sections of records plus the findings and skipped checks; the
// writers turn it into one JSON document or a stream of NDJSON lines.
//
//   --json   {"schema": "netlens/1", "command": "iface",
//             "results": {"links": [...], "neighbours": [...]},
//             "findings": [...], "skipped": [...]}
//   --ndjson {"type": "header", "schema": "netlens/1", "command": "iface"}
//            {"type": "link", ...}            one line per record
//            {"type": "finding", ...}  {"type": "skipped", ...}
#pragma once

#include "core/json.h"
#include <ostream>
#include <string>
#include <deque>
#include <vector>

#include "core/finding.h"

namespace netlens {

inline constexpr const char* kSchema = "netlens/1";

struct Section {
    std::string name;         // key under "results": "links"
    std::string record_type;  // NDJSON "type" of each record: "link"
    Json records = Json::array();
};

struct Document {
    std::string command;
    std::deque<Section> sections;  // a deque keeps references from section() valid
    Diagnosis diagnosis;

    Section& section(const std::string& name, const std::string& record_type);
};

Json to_json(const Finding& finding);
Json to_json(const Skipped& skipped);
Json to_json(const Document& document);

// Indented for a person at a terminal, compact (one line) otherwise.
void write_json(std::ostream& out, const Document& document, bool pretty = false);
void write_ndjson(std::ostream& out, const Document& document);

}  // namespace netlens
