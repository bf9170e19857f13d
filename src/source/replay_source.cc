#include "source/replay_source.h"

#include <cstring>

#include "source/replay_transport.h"

namespace netlens::source {

Result<std::unique_ptr<netlink::Transport>> ReplaySource::open_netlink(int bus) {
    return std::unique_ptr<netlink::Transport>(std::make_unique<ReplayTransport>(cursor_, netns(), bus));
}

Result<proc::FileText> ReplaySource::read_file(const std::string& path) {
    auto answer = cursor_->next(file_question(netns(), path));
    if (!answer) return answer.error();
    const Entry& entry = **answer;
    if (entry.err != 0) return proc::FileText{{}, entry.err};
    if (entry.answer.size() != 1) return Error{ExitCode::partial, "replay: the recorded " + describe(entry) + " has no text"};
    return proc::FileText{entry.answer[0], 0};
}

Result<int> ReplaySource::ethtool(const std::string& device, std::span<std::byte> buffer) {
    const Entry question = ethtool_question(netns(), device, buffer);
    auto answer = cursor_->next(question);
    if (!answer) return answer.error();
    const Entry& entry = **answer;
    if (entry.err != 0) return entry.err;
    // The loader checked the answer is one buffer of `number` bytes, and `number` is
    // part of the question: the sizes match.
    if (entry.answer.size() != 1 || entry.answer[0].size() != buffer.size()) {
        return Error{ExitCode::partial, "replay: the recorded answer to " + describe(question) + " has the wrong size"};
    }
    std::memcpy(buffer.data(), entry.answer[0].data(), buffer.size());
    return 0;
}

}  // namespace netlens::source
