// Writes a recording as the run goes: each entry is appended to the file when its
// question has been answered, so memory stays flat over a long --interval run and a
// run that dies still leaves every answer it got (the reader stops at the cut).
// Namespaces visited in parallel record through one Recorder; a mutex keeps each
// record whole, and the order within one namespace is the order it asked in.
#pragma once

#include <memory>
#include <mutex>
#include <optional>
#include <string>

#include "core/error.h"
#include "core/file_descriptor.h"
#include "source/entry.h"

namespace netlens::source {

class Recorder {
public:
    // Creates (or truncates) `path` and writes the header. An Error (usage) names the path.
    static Result<std::unique_ptr<Recorder>> create(const std::string& path);

    void add(const Entry& entry);
    // Closes the file; the first failed write, if any, as an Error naming the path.
    std::optional<Error> finish();

private:
    Recorder(std::string path, FileDescriptor file) : path_(std::move(path)), file_(std::move(file)) {}
    void write_all(const std::string& bytes);  // with mutex_ held

    std::mutex mutex_;
    std::string path_;
    FileDescriptor file_;
    int write_errno_ = 0;  // the first failure; later records are dropped
};

}  // namespace netlens::source
