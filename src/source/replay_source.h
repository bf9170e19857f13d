// A source that answers from a recording (--replay): the same questions get the same
// answers, errnos included, so the commands show what they showed where the recording
// was made. A question the recording does not hold is an Error naming it.
#pragma once

#include <memory>

#include "source/recording.h"
#include "source/replay_cursor.h"
#include "source/source.h"

namespace netlens::source {

class ReplaySource final : public Source {
public:
    ReplaySource(std::shared_ptr<const Recording> recording, std::string netns)
        : Source(std::move(netns)), cursor_(std::make_shared<ReplayCursor>(std::move(recording))) {}

    Result<std::unique_ptr<netlink::Transport>> open_netlink(int bus) override;
    Result<proc::FileText> read_file(const std::string& path) override;
    Result<int> ethtool(const std::string& device, std::span<std::byte> buffer) override;

private:
    std::shared_ptr<ReplayCursor> cursor_;
};

}  // namespace netlens::source
