// A source that asks another one (normally a LiveSource) and writes every question and
// answer to a Recorder, for --record.
#pragma once

#include <memory>

#include "source/recorder.h"
#include "source/source.h"

namespace netlens::source {

class RecordingSource final : public Source {
public:
    RecordingSource(std::unique_ptr<Source> inner, std::shared_ptr<Recorder> recorder);

    Result<std::unique_ptr<netlink::Transport>> open_netlink(int bus) override;
    Result<proc::FileText> read_file(const std::string& path) override;
    Result<int> ethtool(const std::string& device, std::span<std::byte> buffer) override;

private:
    std::unique_ptr<Source> inner_;
    std::shared_ptr<Recorder> recorder_;
};

}  // namespace netlens::source
