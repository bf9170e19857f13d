#include "sockets/events/socket_events.h"

#include <libmnl/libmnl.h>
#include <linux/inet_diag.h>
#include <linux/sock_diag.h>
#include <netinet/in.h>
#include <poll.h>
#include <signal.h>

#include <algorithm>
#include <csignal>
#include <map>
#include <memory>
#include <vector>

#include "netlink/attributes.h"
#include "sockets/diag/socket_dump.h"
#include "sockets/events/event_decode.h"
#include "sockets/present/endpoint_text.h"

namespace netlens::sockets {

namespace {

// Set by the signal handler: a handler can only reach a flag of this type.
volatile sig_atomic_t g_stop_signal = 0;

void on_stop_signal(int signal) { g_stop_signal = signal; }

// SIGINT/SIGTERM end the stream instead of the process, so the output is finished
// (a JSON document closed) and flushed; the old handlers come back afterwards.
class StopSignals {
public:
    StopSignals() {
        g_stop_signal = 0;
        struct sigaction action {};
        action.sa_handler = on_stop_signal;
        sigemptyset(&action.sa_mask);
        action.sa_flags = 0;  // no SA_RESTART: poll returns EINTR
        sigaction(SIGINT, &action, &old_int_);
        sigaction(SIGTERM, &action, &old_term_);
    }
    ~StopSignals() {
        sigaction(SIGINT, &old_int_, nullptr);
        sigaction(SIGTERM, &old_term_, nullptr);
    }
    StopSignals(const StopSignals&) = delete;
    StopSignals& operator=(const StopSignals&) = delete;
    bool stopped() const { return g_stop_signal != 0; }

private:
    struct sigaction old_int_ {};
    struct sigaction old_term_ {};
};

struct SocketCloser {
    void operator()(mnl_socket* socket) const { mnl_socket_close(socket); }
};

// How often the loop looks at the stop flag when no event comes.
constexpr int kStopCheckMs = 200;

// Room for one datagram: a broadcast carries one socket, a few hundred bytes; a longer
// one would be cut, and a cut message is not decoded.
constexpr size_t kEventDatagramBytes = 65536;

uint32_t group_bit(unsigned group) { return 1U << (group - 1); }

// The groups for what is selected, as ss picks them.
uint32_t groups_for(const Wanted& wanted) {
    uint32_t groups = 0;
    auto has = [](const auto& list, auto value) { return std::find(list.begin(), list.end(), value) != list.end(); };
    const bool v4 = has(wanted.families, AF_INET), v6 = has(wanted.families, AF_INET6);
    if (has(wanted.inet_protocols, Protocol::tcp)) {
        if (v4) groups |= group_bit(SKNLGRP_INET_TCP_DESTROY);
        if (v6) groups |= group_bit(SKNLGRP_INET6_TCP_DESTROY);
    }
    if (has(wanted.inet_protocols, Protocol::udp)) {
        if (v4) groups |= group_bit(SKNLGRP_INET_UDP_DESTROY);
        if (v6) groups |= group_bit(SKNLGRP_INET6_UDP_DESTROY);
    }
    return groups;
}

}  // namespace

std::optional<Error> follow_socket_events(const SocketsRequest& request, const SocketPresentOptions& options,
                                          const std::string& netns, std::optional<proc::PortRange> ephemeral,
                                          const MatchContext& match, Sink& sink, Diagnosis& diagnosis) {
    const Wanted wanted = wanted_by(request);
    const uint32_t groups = groups_for(wanted);
    if (groups == 0) return Error{ExitCode::usage, "-E: events exist for TCP and UDP sockets only; select -t or -u"};
    std::unique_ptr<mnl_socket, SocketCloser> socket(mnl_socket_open(NETLINK_SOCK_DIAG));
    if (!socket || mnl_socket_bind(socket.get(), groups, MNL_SOCKET_AUTOPID) < 0) {
        return Error{ExitCode::failure, "-E: joining the sock_diag destroy groups: " + errno_text(errno)};
    }
    const StopSignals signals;
    SocketTable table(sink,
                      {.netns = !netns.empty(), .netid = wanted.several_kinds, .section = "socket_events",
                       .record_type = "socket_event"},
                      options);
    sink.flush();  // the header, before the first event, as ss prints it
    const InterfaceNamer namer = caching_interface_namer();
    EndpointNames endpoint_names(options.names, ephemeral);
    std::vector<uint8_t> buffer(kEventDatagramBytes);
    pollfd watched{mnl_socket_get_fd(socket.get()), POLLIN, 0};
    while (!signals.stopped()) {
        // A timeout, because the signal may be taken by another thread than this one.
        const int ready = poll(&watched, 1, kStopCheckMs);
        if (ready < 0 && errno != EINTR) return Error{ExitCode::failure, "-E: waiting for events: " + errno_text(errno)};
        if (ready <= 0) continue;
        const ssize_t length = mnl_socket_recvfrom(socket.get(), buffer.data(), buffer.size());
        if (length < 0) {
            if (errno == EINTR) continue;
            if (errno == ENOBUFS) {
                diagnosis.damaged("socket events", "events came faster than they were read; some were lost");
                continue;
            }
            return Error{ExitCode::failure, "-E: reading events: " + errno_text(errno)};
        }
        netlink::for_each_message({buffer.data(), static_cast<size_t>(length)}, [&](const nlmsghdr* message) {
            auto decoded = decode_socket_event(message);
            if (!decoded || !request.filter.matches(*decoded, match)) return;
            decoded->netns = netns;
            table.add(*decoded, namer, endpoint_names);
        });
        sink.flush();
    }
    return std::nullopt;
}

}  // namespace netlens::sockets
