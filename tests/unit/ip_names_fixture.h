// A Source that answers file reads from a table, for the name databases of
// /etc/iproute2 in tests of IpNames and of the printers that use it.
#pragma once

#include <cerrno>
#include <map>
#include <string>

#include "core/finding.h"
#include "iface/ip_names.h"
#include "source/source.h"

namespace netlens::iface::test_support {

class FileTableSource : public source::Source {
public:
    explicit FileTableSource(std::map<std::string, std::string> files) : Source(""), files_(std::move(files)) {}

    Result<std::unique_ptr<netlink::Transport>> open_netlink(int) override {
        return Error{ExitCode::failure, "no netlink here"};
    }
    Result<proc::FileText> read_file(const std::string& path) override {
        const auto found = files_.find(path);
        if (found == files_.end()) return proc::FileText{{}, ENOENT};
        return proc::FileText{found->second, 0};
    }
    Result<int> ethtool(const std::string&, std::span<std::byte>) override { return EOPNOTSUPP; }

private:
    std::map<std::string, std::string> files_;
};

// The names ip reads from `files` ("/etc/iproute2/rt_protos" -> its text).
inline IpNames names_from(std::map<std::string, std::string> files) {
    FileTableSource source(std::move(files));
    Diagnosis diagnosis;
    return IpNames::read(source, diagnosis);
}

}  // namespace netlens::iface::test_support
