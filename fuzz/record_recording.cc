// Writes the real seeds of corpus/recording/ with the library's own recorder: a run in
// the current namespace that dumps links, addresses, neighbours and routes, reads
// sockstat, a few sysctls (one absent) and asks lo for ethtool driver info.
//   record_recording OUT_FILE
// Built and run by record_seeds.sh (which runs it inside its scratch namespace).
#include <linux/netlink.h>

#include <cstdio>

#include "iface/nic_counters.h"
#include "iface/rtnl_dump.h"
#include "source/session.h"

int main(int argc, char** argv) {
    if (argc != 2) {
        std::fprintf(stderr, "usage: %s OUT_FILE\n", argv[0]);
        return 2;
    }
    auto session = netlens::source::Session::record(argv[1]);
    if (!session) {
        std::fprintf(stderr, "%s\n", session.error().message.c_str());
        return 1;
    }
    session->namespaces([] { return std::vector<netlens::NetnsTarget>{}; });
    {
        auto source = session->source("");
        if (auto socket = netlens::source::open_channel(*source, NETLINK_ROUTE)) {
            netlens::Diagnosis diagnosis;
            (void)netlens::iface::dump_links(*socket, diagnosis);
            (void)netlens::iface::dump_addresses(*socket, diagnosis);
            (void)netlens::iface::dump_neighbours(*socket, diagnosis);
            (void)netlens::iface::for_each_route(*socket, {}, [](netlens::iface::Route&&) {}, diagnosis);
        }
        for (const char* path : {"/proc/net/sockstat", "/proc/net/sockstat6", "/proc/sys/net/core/somaxconn",
                                 "/proc/sys/net/ipv4/ip_local_port_range", "/proc/sys/net/ipv4/no_such_sysctl"}) {
            (void)source->read_file(path);
        }
        netlens::iface::NicCounterReader reader(*source);
        (void)reader.read("lo");
    }
    if (auto failed = session->finish()) {
        std::fprintf(stderr, "%s\n", failed->message.c_str());
        return 1;
    }
    return 0;
}
