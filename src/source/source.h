// A Source is one network namespace's view of the kernel: netlink channels, /proc and
// /proc/sys files, and ethtool ioctls. Capabilities ask a Source instead of the kernel,
// so the same code runs live (LiveSource), while recording (RecordingSource) and from a
// recording (ReplaySource): unit tests replay real recordings without root, and a
// user's --record file shows a colleague the same output and findings.
//
// Each call returns the kernel's answer, errno included (an errno is an answer and is
// recorded like one); an Error means the source could not answer at all, as when a
// replay is asked something the recording does not hold.
#pragma once

#include <cstddef>
#include <memory>
#include <span>
#include <string>

#include "core/error.h"
#include "netlink/channel.h"
#include "netlink/transport.h"
#include "proc/file_text.h"

namespace netlens::source {

class Source {
public:
    virtual ~Source() = default;

    // The namespace's label: "" for the one netlens runs in, otherwise the name
    // --netns/--all-netns give it. Recordings are keyed by it.
    const std::string& netns() const { return netns_; }

    virtual Result<std::unique_ptr<netlink::Transport>> open_netlink(int bus) = 0;
    // `path` as a reader would spell it: "/proc/net/sockstat", "/proc/sys/net/core/somaxconn".
    virtual Result<proc::FileText> read_file(const std::string& path) = 0;
    // One SIOCETHTOOL exchange on `device`: `buffer` holds the ethtool command going in
    // and the driver's answer coming out. The ioctl's errno, 0 on success.
    virtual Result<int> ethtool(const std::string& device, std::span<std::byte> buffer) = 0;

protected:
    explicit Source(std::string netns) : netns_(std::move(netns)) {}

private:
    std::string netns_;
};

// A netlink::Channel over the source, for the existing dump and query code.
Result<netlink::Channel> open_channel(Source& source, int bus);

// The file's text; an Error names the path and why it could not be read.
Result<std::string> read_text(Source& source, const std::string& path);

}  // namespace netlens::source
