// The machine forms. --ndjson writes one object per line as each record arrives, so
// memory stays flat however long the stream:
//   {"type":"header","schema":"netlens/1","command":"route"}
//   {"destination":"10.0.0.0/24",...,"type":"route"}   one line per record
//   {"type":"finding",...}  {"type":"skipped",...}
// --json writes one document, {"schema","command","results":{SECTION:[...]},
// "findings","skipped"}; off a terminal it is compact and written as records arrive
// (sections never reopen); on a terminal it is indented, built whole at the end.
#pragma once

#include <string>
#include <vector>

#include "core/sink.h"

namespace netlens {

// What both machine forms share: records only; text is a programming error.
class StructuredSink : public Sink {
public:
    bool structured() const override { return true; }
    void row(const std::vector<std::string>& cells) override;
    void line(std::string_view text) override;
};

class NdjsonSink : public StructuredSink {
public:
    NdjsonSink(OutputDestination& destination, const std::string& command);

    void section(const SectionSpec& spec) override { record_type_ = spec.record_type; }
    void record(Json record) override;
    void record(const JsonRecord& record) override;
    void flush() override { destination_.flush(); }
    void finish(const Diagnosis& diagnosis) override;

private:
    void write(Json object, const char* type);
    void written();  // one line more: flush now and then

    OutputDestination& destination_;
    std::string record_type_;
    size_t unflushed_ = 0;
};

class JsonSink : public StructuredSink {
public:
    JsonSink(OutputDestination& destination, const std::string& command, bool pretty);

    void section(const SectionSpec& spec) override;
    void record(Json record) override;
    void record(const JsonRecord& record) override;
    void flush() override { destination_.flush(); }
    void finish(const Diagnosis& diagnosis) override;

private:
    void start();
    void write_record(std::string_view text);

    OutputDestination& destination_;
    std::string command_;
    bool pretty_;
    Json document_;                     // pretty: the whole document
    std::vector<std::string> sections_; // names opened so far, the last one open
    bool started_ = false;
    bool first_record_ = true;
    size_t unflushed_ = 0;
};

}  // namespace netlens
