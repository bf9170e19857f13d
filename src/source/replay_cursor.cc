#include "source/replay_cursor.h"

namespace netlens::source {

namespace {

constexpr std::string_view kNotRecorded = " is not in the recording";

}  // namespace

Result<const Entry*> ReplayCursor::next(const Entry& question) {
    const auto answers = recording_->answers(question);
    if (answers.empty()) return Error{ExitCode::partial, "replay: " + describe(question) + std::string(kNotRecorded)};
    size_t& served = served_[answers.front()];
    if (served == answers.size()) {
        return Error{ExitCode::partial, "replay: the recording answers " + describe(question) + " " +
                                            std::to_string(answers.size()) + " time(s); it was asked once more"};
    }
    return answers[served++];
}

bool is_not_recorded(const Error& error) {
    // Callers may put what they were doing in front: "neighbour dump: replay: ...".
    return error.code == ExitCode::partial && error.message.find("replay: ") != std::string::npos &&
           error.message.ends_with(kNotRecorded);
}

}  // namespace netlens::source
