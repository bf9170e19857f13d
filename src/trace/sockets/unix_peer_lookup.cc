#include "trace/sockets/unix_peer_lookup.h"

#include <linux/inet_diag.h>
#include <linux/sock_diag.h>
#include <linux/unix_diag.h>
#include <sys/socket.h>
#include <sys/stat.h>

#include <thread>

#include "core/netns.h"
#include "sockets/diag/diag_decode.h"

namespace netlens::trace {

namespace {

// A sock_diag channel bound in the namespace `netns_fd` names. setns moves only the
// calling thread, so a short-lived thread enters it and opens the socket there; the
// socket stays bound to that namespace afterwards.
Result<netlink::Channel> open_channel_in(int netns_fd) {
    std::optional<Result<netlink::Channel>> opened;
    std::thread opener([&] {
        const NetnsTarget target{"socket namespace", "/proc/self/fd/" + std::to_string(netns_fd)};
        auto entered = NetnsSwitch::enter(target);
        if (!entered) {
            opened.emplace(entered.error());
            return;
        }
        opened.emplace(netlink::Channel::open(NETLINK_SOCK_DIAG));
    });
    opener.join();
    return std::move(*opened);
}

}  // namespace

UnixPeerLookup::UnixPeerLookup() {
    struct stat own {};
    if (stat("/proc/self/ns/net", &own) == 0) own_netns_inode_ = own.st_ino;
}

std::optional<UnixDiagFacts> UnixPeerLookup::lookup(ino_t netns_inode, uint64_t inode,
                                                    const std::function<FileDescriptor()>& open_namespace) {
    auto found = channels_.find(netns_inode);
    if (found == channels_.end()) {
        // Our own namespace needs no switch (nor the CAP_SYS_ADMIN that setns takes).
        Result<netlink::Channel> channel = Error{ExitCode::failure, "namespace file not open"};
        if (netns_inode == own_netns_inode_) {
            channel = netlink::Channel::open(NETLINK_SOCK_DIAG);
        } else if (FileDescriptor file = open_namespace(); file.valid()) {
            channel = open_channel_in(file.get());
        }
        if (!channel) return std::nullopt;
        found = channels_.emplace(netns_inode, std::move(*channel)).first;
    }

    // An exact request (no NLM_F_DUMP): the kernel finds the socket by inode and, with
    // both cookie words "none", does not check its cookie.
    netlink::RequestBuffer buffer;
    nlmsghdr* header = buffer.start(SOCK_DIAG_BY_FAMILY, 0);
    auto* request = buffer.put_extra_header<unix_diag_req>(header);
    request->sdiag_family = AF_UNIX;
    request->udiag_ino = static_cast<uint32_t>(inode);
    request->udiag_states = ~0U;
    request->udiag_show = UDIAG_SHOW_NAME | UDIAG_SHOW_PEER;
    request->udiag_cookie[0] = INET_DIAG_NOCOOKIE;
    request->udiag_cookie[1] = INET_DIAG_NOCOOKIE;

    std::optional<UnixDiagFacts> facts;
    auto done = found->second.transact(
        buffer.message(),
        [&](const nlmsghdr* message) {
            if (message->nlmsg_type != SOCK_DIAG_BY_FAMILY) return;
            auto socket = sockets::decode_unix_socket(message);
            if (!socket || socket->inode != inode) return;
            facts = UnixDiagFacts{socket->peer_inode, socket->local.path};
        },
        "unix socket lookup");
    if (!done) return std::nullopt;
    return facts;
}

}  // namespace netlens::trace
