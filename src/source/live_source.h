// The kernel itself, as seen by the calling thread: netlink and ethtool sockets are
// opened in the thread's network namespace (and stay bound to it), /proc/net paths are
// read through /proc/thread-self/net and /proc/sys follows the thread. So a thread that
// entered a namespace with setns reads that namespace, while other threads read theirs:
// namespaces can be visited in parallel, one thread each, each with its own LiveSource.
#pragma once

#include "core/file_descriptor.h"
#include "source/source.h"

namespace netlens::source {

class LiveSource final : public Source {
public:
    // `netns` only labels what this source answers (for recordings); the namespace is
    // the calling thread's.
    explicit LiveSource(std::string netns = "") : Source(std::move(netns)) {}

    Result<std::unique_ptr<netlink::Transport>> open_netlink(int bus) override;
    Result<proc::FileText> read_file(const std::string& path) override;
    // The ioctl socket is opened on first use, in the namespace of the thread using it
    // then, and reused for every device (a socket per device would double the cost).
    Result<int> ethtool(const std::string& device, std::span<std::byte> buffer) override;

private:
    FileDescriptor ethtool_socket_;
};

}  // namespace netlens::source
