// A loaded recording: the namespaces a run visited, in order, and every question it
// asked with the answer, indexed by question so a replay finds the answers to one
// question in the order they were recorded (a repeated dump, an --interval run).
// Immutable once loaded, so any number of threads may replay from one.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/error.h"
#include "source/entry.h"

namespace netlens::source {

class Recording {
public:
    // Appends one record; a namespace record adds its label to namespaces() the first
    // time it is seen.
    void add(Entry entry);

    const std::vector<std::string>& namespaces() const { return namespaces_; }
    const std::vector<Entry>& entries() const { return entries_; }
    // The recorded answers to `question` in recording order; empty when never asked.
    std::vector<const Entry*> answers(const Entry& question) const;

private:
    using Question = std::tuple<EntryKind, std::string, std::string, uint32_t, std::string>;
    std::vector<std::string> namespaces_;
    std::vector<Entry> entries_;
    std::map<Question, std::vector<size_t>, std::less<>> index_;
};

// The recording in `path`. An Error (usage) when the file cannot be read or is not a
// recording; `damage` (partial) when it is cut or damaged after some records, which
// are kept.
struct LoadedRecording {
    Recording recording;
    std::optional<Error> damage;
};
Result<LoadedRecording> load_recording(const std::string& path);

}  // namespace netlens::source
