#include "core/document.h"

#include "core/finding_json.h"

namespace netlens {

Section& Document::section(const std::string& name, const std::string& record_type) {
    for (auto& s : sections) {
        if (s.name == name) return s;
    }
    sections.push_back({name, record_type, Json::array()});
    return sections.back();
}

Json to_json(const Document& document) {
    Json results = Json::object();
    for (const auto& s : document.sections) results[s.name] = s.records;
    Json findings = Json::array();
    for (const auto& f : document.diagnosis.findings) findings.push_back(to_json(f));
    Json skipped = Json::array();
    for (const auto& s : document.diagnosis.skipped) skipped.push_back(to_json(s));
    return {{"schema", kSchema},
            {"command", document.command},
            {"results", results},
            {"findings", findings},
            {"skipped", skipped}};
}

namespace {

std::string compact(const Json& value) {
    return value.dump(-1, ' ', false, Json::error_handler_t::replace);
}

// Streams a JSON array of `items`, each turned into JSON by `convert`, without building
// the whole array first.
template <typename Items, typename Convert>
void write_array(std::ostream& out, const Items& items, Convert convert) {
    out << '[';
    bool first = true;
    for (const auto& item : items) {
        if (!first) out << ',';
        first = false;
        out << compact(convert(item));
    }
    out << ']';
}

}  // namespace

void write_json(std::ostream& out, const Document& document, bool pretty) {
    if (pretty) {
        out << to_json(document).dump(2, ' ', false, Json::error_handler_t::replace) << '\n';
        return;
    }
    // The same document, written piece by piece: a large result never exists twice in
    // memory (once as records, once as the whole document).
    out << "{\"schema\":" << compact(kSchema) << ",\"command\":" << compact(document.command) << ",\"results\":{";
    bool first = true;
    for (const auto& s : document.sections) {
        if (!first) out << ',';
        first = false;
        out << compact(s.name) << ':';
        write_array(out, s.records, [](const Json& record) -> const Json& { return record; });
    }
    out << "},\"findings\":";
    write_array(out, document.diagnosis.findings, [](const Finding& f) { return to_json(f); });
    out << ",\"skipped\":";
    write_array(out, document.diagnosis.skipped, [](const Skipped& s) { return to_json(s); });
    out << "}\n";
}

void write_ndjson(std::ostream& out, const Document& document) {
    auto line = [&](Json object, const char* type) {
        object["type"] = type;
        out << object.dump(-1, ' ', false, Json::error_handler_t::replace) << '\n';
    };
    line({{"schema", kSchema}, {"command", document.command}}, "header");
    for (const auto& s : document.sections) {
        for (const auto& record : s.records) line(record, s.record_type.c_str());
    }
    for (const auto& f : document.diagnosis.findings) line(to_json(f), "finding");
    for (const auto& s : document.diagnosis.skipped) line(to_json(s), "skipped");
}

}  // namespace netlens
