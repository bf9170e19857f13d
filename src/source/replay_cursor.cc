#include "source/replay_cursor.h"

namespace netlens::source {

Result<const Entry*> ReplayCursor::next(const Entry& question) {
    const auto answers = recording_->answers(question);
    if (answers.empty()) return Error{ExitCode::partial, "replay: " + describe(question) + " is not in the recording"};
    size_t& served = served_[answers.front()];
    if (served == answers.size()) {
        return Error{ExitCode::partial, "replay: the recording answers " + describe(question) + " " +
                                            std::to_string(answers.size()) + " time(s); it was asked once more"};
    }
    return answers[served++];
}

}  // namespace netlens::source
