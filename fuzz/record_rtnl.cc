// Records raw rtnetlink dump replies (links with stats, addresses, neighbours, routes,
// nexthop objects) from the current network namespace into seed files for the
// rtnl_decode fuzzer. Not
// part of the build: compile by hand and run as root in a scratch namespace (see
// fuzz/README.md). Each file holds the reply messages as the kernel sent them,
// NLMSG_DONE included, cut at a message boundary to stay under 64 KiB.
//
//   g++ -std=c++20 -O2 -o /tmp/record_rtnl fuzz/record_rtnl.cc -lmnl
//   /tmp/record_rtnl OUTPUT_DIR
#include <libmnl/libmnl.h>
#include <linux/if_addr.h>
#include <linux/if_link.h>
#include <linux/neighbour.h>
#include <linux/nexthop.h>
#include <linux/rtnetlink.h>
#include <sys/socket.h>
#include <time.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <string>
#include <vector>

namespace {

constexpr size_t kMaxSeedBytes = 64 * 1024 - 1;

struct Dump {
    const char* file;
    uint16_t type;
    uint8_t family;
};

// Sends one dump request and returns every reply byte up to and including NLMSG_DONE.
bool record(mnl_socket* socket, const Dump& dump, unsigned sequence, std::vector<uint8_t>& out) {
    std::vector<char> request(MNL_SOCKET_BUFFER_SIZE);
    nlmsghdr* header = mnl_nlmsg_put_header(request.data());
    header->nlmsg_type = dump.type;
    header->nlmsg_flags = NLM_F_REQUEST | NLM_F_DUMP;
    header->nlmsg_seq = sequence;
    // The fixed header's first byte is the family in every rtnetlink message.
    switch (dump.type) {
        case RTM_GETLINK: {
            auto* info = static_cast<ifinfomsg*>(mnl_nlmsg_put_extra_header(header, sizeof(ifinfomsg)));
            info->ifi_family = dump.family;
            mnl_attr_put_u32(header, IFLA_EXT_MASK, RTEXT_FILTER_VF);
            break;
        }
        case RTM_GETADDR:
            static_cast<ifaddrmsg*>(mnl_nlmsg_put_extra_header(header, sizeof(ifaddrmsg)))->ifa_family = dump.family;
            break;
        case RTM_GETNEIGH:
            static_cast<ndmsg*>(mnl_nlmsg_put_extra_header(header, sizeof(ndmsg)))->ndm_family = dump.family;
            break;
        case RTM_GETNEXTHOP:
            static_cast<nhmsg*>(mnl_nlmsg_put_extra_header(header, sizeof(nhmsg)))->nh_family = dump.family;
            break;
        default:
            static_cast<rtmsg*>(mnl_nlmsg_put_extra_header(header, sizeof(rtmsg)))->rtm_family = dump.family;
            break;
    }
    if (mnl_socket_sendto(socket, header, header->nlmsg_len) < 0) {
        std::perror("sendto");
        return false;
    }

    std::vector<char> buffer(MNL_SOCKET_BUFFER_SIZE);
    for (;;) {
        const ssize_t received = mnl_socket_recvfrom(socket, buffer.data(), buffer.size());
        if (received < 0) {
            std::perror("recvfrom");
            return false;
        }
        int remaining = static_cast<int>(received);
        for (auto* message = reinterpret_cast<nlmsghdr*>(buffer.data()); mnl_nlmsg_ok(message, remaining);
             message = mnl_nlmsg_next(message, &remaining)) {
            const size_t length = MNL_ALIGN(message->nlmsg_len);
            if (message->nlmsg_type == NLMSG_ERROR) {
                std::fprintf(stderr, "%s: kernel error reply\n", dump.file);
                return false;
            }
            // Keep whole messages only, and always room for the closing NLMSG_DONE.
            const bool done = message->nlmsg_type == NLMSG_DONE;
            if (done || out.size() + length + 32 <= kMaxSeedBytes) {
                const auto* bytes = reinterpret_cast<const uint8_t*>(message);
                out.insert(out.end(), bytes, bytes + length);
            }
            if (done) return true;
        }
    }
}

}  // namespace

int main(int argc, char** argv) {
    if (argc != 2) {
        std::fprintf(stderr, "usage: %s OUTPUT_DIR\n", argv[0]);
        return 2;
    }
    const std::string dir = argv[1];
    mnl_socket* socket = mnl_socket_open(NETLINK_ROUTE);
    if (socket == nullptr || mnl_socket_bind(socket, 0, MNL_SOCKET_AUTOPID) < 0) {
        std::perror("netlink socket");
        return 1;
    }
    const Dump dumps[] = {
        {"links", RTM_GETLINK, AF_UNSPEC},        {"addresses", RTM_GETADDR, AF_UNSPEC},
        {"neighbours", RTM_GETNEIGH, AF_UNSPEC},  {"routes_inet", RTM_GETROUTE, AF_INET},
        {"routes_inet6", RTM_GETROUTE, AF_INET6}, {"nexthops", RTM_GETNEXTHOP, AF_UNSPEC},
    };
    unsigned sequence = static_cast<unsigned>(time(nullptr));
    int status = 0;
    for (const auto& dump : dumps) {
        std::vector<uint8_t> bytes;
        if (!record(socket, dump, ++sequence, bytes)) {
            status = 1;
            continue;
        }
        const std::string path = dir + "/" + dump.file;
        std::ofstream(path, std::ios::binary)
            .write(reinterpret_cast<const char*>(bytes.data()), static_cast<std::streamsize>(bytes.size()));
        std::printf("%s: %zu bytes\n", path.c_str(), bytes.size());
    }
    mnl_socket_close(socket);
    return status;
}
