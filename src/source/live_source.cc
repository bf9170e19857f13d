#include "source/live_source.h"

#include <linux/sockios.h>
#include <net/if.h>
#include <sys/ioctl.h>
#include <sys/socket.h>

#include <cerrno>
#include <cstring>

#include "netlink/live_transport.h"
#include "source/proc_path.h"

namespace netlens::source {

Result<std::unique_ptr<netlink::Transport>> LiveSource::open_netlink(int bus) {
    auto transport = netlink::LiveTransport::open(bus);
    if (!transport) return transport.error();
    return std::unique_ptr<netlink::Transport>(std::move(*transport));
}

Result<proc::FileText> LiveSource::read_file(const std::string& path) {
    return proc::read_file_text(thread_proc_path(path));
}

Result<int> LiveSource::ethtool(const std::string& device, std::span<std::byte> buffer) {
    if (!ethtool_socket_.valid()) {
        ethtool_socket_ = FileDescriptor(socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0));
        if (!ethtool_socket_.valid()) return Error{ExitCode::failure, "ethtool socket: " + errno_text(errno)};
    }
    ifreq request{};
    std::strncpy(request.ifr_name, device.c_str(), IFNAMSIZ - 1);
    request.ifr_data = reinterpret_cast<char*>(buffer.data());
    return ioctl(ethtool_socket_.get(), SIOCETHTOOL, &request) != 0 ? errno : 0;
}

}  // namespace netlens::source
