// Shared by the source tests: a scratch recording file, removed when the test ends,
// and the links a source's RTM_GETLINK dump decodes to.
#pragma once

#include <gtest/gtest.h>
#include <linux/netlink.h>
#include <unistd.h>

#include <string>
#include <vector>

#include "core/finding.h"
#include "iface/rtnl_dump.h"
#include "source/source.h"

namespace netlens::source::test_support {

class ScratchFile {
public:
    explicit ScratchFile(const std::string& name)
        : path_(testing::TempDir() + "netlens-" + std::to_string(getpid()) + "-" + name) {}
    ScratchFile(const ScratchFile&) = delete;
    ScratchFile& operator=(const ScratchFile&) = delete;
    ~ScratchFile() { unlink(path_.c_str()); }
    const std::string& path() const { return path_; }

private:
    std::string path_;
};

inline Result<std::vector<iface::Link>> dump_links_through(Source& source) {
    auto socket = open_channel(source, NETLINK_ROUTE);
    if (!socket) return socket.error();
    Diagnosis diagnosis;
    return iface::dump_links(*socket, diagnosis);
}

}  // namespace netlens::source::test_support
