// Reentrant forms of the C library calls ss makes (getservbyname_r, gethostbyname2_r),
// with buffers that grow until the answer fits.
#include "sockets/filter/filter_lookup.h"

#include <fcntl.h>
#include <net/if.h>
#include <netdb.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <sstream>

#include "proc/cgroup_id.h"

namespace netlens::sockets {
namespace {

constexpr size_t kMaxLookupBuffer = 1 << 20;

Error usage(std::string message) { return Error{ExitCode::usage, std::move(message)}; }

// The port of `name` for one protocol, in host order, or -1.
int32_t service_port(const std::string& name, const char* protocol) {
    std::vector<char> buffer(1024);
    while (buffer.size() <= kMaxLookupBuffer) {
        servent entry{};
        servent* found = nullptr;
        const int error = getservbyname_r(name.c_str(), protocol, &entry, buffer.data(), buffer.size(), &found);
        if (error == ERANGE) {
            buffer.resize(buffer.size() * 2);
            continue;
        }
        return found == nullptr ? -1 : ntohs(static_cast<uint16_t>(found->s_port));
    }
    return -1;
}

void append_host_addresses(const std::string& name, int family, std::vector<IpAddress>& out) {
    std::vector<char> buffer(4096);
    while (buffer.size() <= kMaxLookupBuffer) {
        hostent entry{};
        hostent* found = nullptr;
        int herror = 0;
        const int error =
            gethostbyname2_r(name.c_str(), family, &entry, buffer.data(), buffer.size(), &found, &herror);
        if (error == ERANGE) {
            buffer.resize(buffer.size() * 2);
            continue;
        }
        if (found == nullptr || (found->h_addrtype != AF_INET && found->h_addrtype != AF_INET6)) return;
        const size_t size = found->h_addrtype == AF_INET ? 4 : 16;
        for (char** address = found->h_addr_list; *address != nullptr; ++address) {
            IpAddress ip;
            ip.family = found->h_addrtype;
            std::memcpy(ip.bytes.data(), *address, size);
            out.push_back(ip);
        }
        return;
    }
}

}  // namespace

Result<int32_t> lookup_service_port(const std::string& name, bool tcp, bool udp) {
    const int32_t over_udp = udp ? service_port(name, "udp") : -1;
    const int32_t over_tcp = tcp ? service_port(name, "tcp") : -1;
    if (over_udp >= 0 && over_tcp >= 0 && over_udp != over_tcp) {
        return usage("service '" + name + "' is port " + std::to_string(over_tcp) + " for TCP but " +
                     std::to_string(over_udp) + " for UDP; give the number");
    }
    if (over_udp >= 0) return over_udp;
    if (over_tcp >= 0) return over_tcp;
    return usage("'" + name + "' is neither a port number nor a service in /etc/services" +
                 (tcp || udp ? "" : " (service names need TCP or UDP sockets in the output)"));
}

std::vector<IpAddress> lookup_host_addresses(const std::string& name, int family) {
    std::vector<IpAddress> addresses;
    append_host_addresses(name, family == AF_UNSPEC ? AF_INET : family, addresses);
    if (family == AF_UNSPEC) append_host_addresses(name, AF_INET6, addresses);
    return addresses;
}

uint32_t lookup_interface_index(const std::string& name) {
    return if_nametoindex(name.c_str());
}

Result<uint64_t> lookup_cgroup_id(const std::string& path) {
    if (const uint64_t id = proc::cgroup_id_of(AT_FDCWD, path.c_str()); id != 0) return id;
    const size_t start = path.find_first_not_of('/');
    if (start == std::string::npos) return usage("'" + path + "' is not a cgroup v2 path");
    const std::string mount = proc::cgroup2_mount();
    if (mount.empty()) return usage("no cgroup2 file system is mounted to look '" + path + "' up in");
    const int directory = open(mount.c_str(), O_RDONLY | O_CLOEXEC);
    if (directory < 0) return usage("cannot open the cgroup2 mount " + mount + ": " + std::strerror(errno));
    const uint64_t id = proc::cgroup_id_of(directory, path.c_str() + start);
    const int saved = errno;
    close(directory);
    if (id == 0) return usage("no cgroup '" + path + "' under " + mount + ": " + std::strerror(saved));
    return id;
}

}  // namespace netlens::sockets
