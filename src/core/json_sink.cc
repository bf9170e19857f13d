#include "core/json_sink.h"

#include <algorithm>
#include <stdexcept>

#include "core/finding_json.h"

namespace netlens {

namespace {

// Records written between flushes: often enough that a reader of a pipe sees records
// while a long dump is still running, seldom enough to cost nothing.
constexpr size_t kFlushEvery = 256;

std::string compact(const Json& value) { return value.dump(-1, ' ', false, Json::error_handler_t::replace); }

}  // namespace

void StructuredSink::row(const std::vector<std::string>&) { throw std::logic_error("table row given to a JSON sink"); }
void StructuredSink::line(std::string_view) { throw std::logic_error("text line given to a JSON sink"); }

NdjsonSink::NdjsonSink(OutputDestination& destination, const std::string& command) : destination_(destination) {
    write({{"schema", kSchema}, {"command", command}}, "header");
}

void NdjsonSink::write(Json object, const char* type) {
    // A record that names its own kind keeps it: one stream may carry several (trace's
    // syscall, signal and exit records, in the order they happened).
    if (!object.contains("type")) object["type"] = type;
    destination_.stream() << compact(object) << '\n';
    written();
}

void NdjsonSink::written() {
    if (++unflushed_ >= kFlushEvery) {
        destination_.flush();
        unflushed_ = 0;
    }
}

void NdjsonSink::record(Json record) { write(std::move(record), record_type_.c_str()); }

void NdjsonSink::record(const JsonRecord& record) {
    // The type goes last, where the tree path puts it too.
    std::string line = "{";
    line += record.fields();
    if (line.size() > 1) line += ',';
    line += "\"type\":";
    append_json_string(line, record_type_);
    line += "}\n";
    destination_.stream() << line;
    written();
}

void NdjsonSink::finish(const Diagnosis& diagnosis) {
    for (const auto& finding : diagnosis.findings) write(to_json(finding), "finding");
    for (const auto& skipped : diagnosis.skipped) write(to_json(skipped), "skipped");
    destination_.flush();
}

JsonSink::JsonSink(OutputDestination& destination, const std::string& command, bool pretty)
    : destination_(destination), command_(command), pretty_(pretty) {
    if (pretty_) document_ = {{"schema", kSchema}, {"command", command}, {"results", Json::object()}};
}

void JsonSink::start() {
    if (started_ || pretty_) return;
    destination_.stream() << "{\"schema\":" << compact(kSchema) << ",\"command\":" << compact(command_)
                          << ",\"results\":{";
    started_ = true;
}

void JsonSink::section(const SectionSpec& spec) {
    if (!sections_.empty() && sections_.back() == spec.name) return;
    if (std::find(sections_.begin(), sections_.end(), spec.name) != sections_.end()) {
        throw std::logic_error("JSON section " + spec.name + " reopened");
    }
    if (pretty_) {
        document_["results"][spec.name] = Json::array();
    } else {
        start();
        std::ostream& out = destination_.stream();
        if (!sections_.empty()) out << "],";
        out << compact(spec.name) << ":[";
    }
    sections_.push_back(spec.name);
    first_record_ = true;
}

void JsonSink::record(Json record) {
    if (sections_.empty()) throw std::logic_error("JSON record outside a section");
    if (pretty_) {
        document_["results"][sections_.back()].push_back(std::move(record));
        return;
    }
    write_record(compact(record));
}

void JsonSink::record(const JsonRecord& record) {
    if (pretty_ || sections_.empty()) return Sink::record(record);
    write_record(record.closed());
}

void JsonSink::write_record(std::string_view text) {
    std::ostream& out = destination_.stream();
    if (!first_record_) out << ',';
    first_record_ = false;
    out << text;
    if (++unflushed_ >= kFlushEvery) {
        destination_.flush();
        unflushed_ = 0;
    }
}


void JsonSink::finish(const Diagnosis& diagnosis) {
    Json findings = Json::array();
    for (const auto& finding : diagnosis.findings) findings.push_back(to_json(finding));
    Json skipped = Json::array();
    for (const auto& s : diagnosis.skipped) skipped.push_back(to_json(s));
    std::ostream& out = destination_.stream();
    if (pretty_) {
        document_["findings"] = std::move(findings);
        document_["skipped"] = std::move(skipped);
        out << document_.dump(2, ' ', false, Json::error_handler_t::replace) << '\n';
    } else {
        start();
        if (!sections_.empty()) out << ']';
        out << "},\"findings\":" << compact(findings) << ",\"skipped\":" << compact(skipped) << "}\n";
    }
    destination_.flush();
}

}  // namespace netlens
