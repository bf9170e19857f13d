#include "source/recording.h"

#include <algorithm>

#include "proc/file_text.h"
#include "source/recording_format.h"

namespace netlens::source {

void Recording::add(Entry entry) {
    if (entry.kind == EntryKind::netns) {
        if (std::find(namespaces_.begin(), namespaces_.end(), entry.netns) == namespaces_.end()) {
            namespaces_.push_back(entry.netns);
        }
        return;
    }
    index_[Question(entry.question())].push_back(entries_.size());
    entries_.push_back(std::move(entry));
}

std::vector<const Entry*> Recording::answers(const Entry& question) const {
    std::vector<const Entry*> found;
    const auto it = index_.find(question.question());
    if (it == index_.end()) return found;
    for (const size_t i : it->second) found.push_back(&entries_[i]);
    return found;
}

Result<LoadedRecording> load_recording(const std::string& path) {
    const auto file = proc::read_file_text(path);
    if (file.err != 0) return Error{ExitCode::usage, path + ": cannot read: " + errno_text(file.err)};
    LoadedRecording loaded;
    auto outcome = parse_recording(std::as_bytes(std::span(file.text.data(), file.text.size())), loaded.recording);
    if (!outcome) return Error{outcome.error().code, path + ": " + outcome.error().message};
    if (outcome->damage) loaded.damage = Error{outcome->damage->code, path + ": " + outcome->damage->message};
    return loaded;
}

}  // namespace netlens::source
