// The kernel push-down of the ss filter: byte layouts of small programs, and the real
// kernel (where sock_diag is usable) auditing every compiled program and running it over
// loopback sockets, which must leave exactly the sockets Filter::matches keeps for
// filters where ss's two matchers agree (no family-crossing prefixes, no host names).
// The kernel is the interpreter here: no copy of inet_diag_bc_audit/run in the test.
#include "sockets/filter/bytecode.h"

#include "sockets/filter/filter.h"

#include <arpa/inet.h>
#include <gtest/gtest.h>
#include <linux/inet_diag.h>
#include <linux/sock_diag.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <cstring>
#include <iterator>
#include <set>
#include <string>
#include <tuple>
#include <vector>

#include "netlink/channel.h"
#include "sockets/filter/filter_lexer.h"
#include "sockets/filter/filter_value.h"
#include "sockets/analysis/states.h"

#include "sockets_test_support.h"

namespace netlens::sockets {
namespace {

using namespace test_support;  // NOLINT: test shorthands

// --- kernel bytecode: layout ---------------------------------------------------------

using Bytes = std::vector<uint8_t>;

void add_op(Bytes& bytes, uint8_t code, uint8_t yes, uint16_t no) {
    const inet_diag_bc_op op{code, yes, no};
    const auto* raw = reinterpret_cast<const uint8_t*>(&op);
    bytes.insert(bytes.end(), raw, raw + sizeof(op));
}

Bytes compiled(const std::string& text) {
    auto program = compile_inet_bytecode(parse({text}));
    EXPECT_TRUE(program) << text;
    return program ? *program : Bytes{};
}

TEST(SocketsBytecode, NothingToPushDownWithoutAnExpression) {
    EXPECT_FALSE(compile_inet_bytecode(parse({"state", "listening"})));
}

// A hostcond with no address: family AF_UNSPEC, prefix 0, the port (or -1).
void add_port_cond(Bytes& bytes, uint8_t code, int port, uint16_t extra_no = 0) {
    const auto size = static_cast<uint8_t>(sizeof(inet_diag_bc_op) + sizeof(inet_diag_hostcond));
    add_op(bytes, code, size, static_cast<uint16_t>(size + 4 + extra_no));
    inet_diag_hostcond cond{};
    cond.family = AF_UNSPEC;
    cond.port = port;
    const auto* raw = reinterpret_cast<const uint8_t*>(&cond);
    bytes.insert(bytes.end(), raw, raw + sizeof(cond));
}

TEST(SocketsBytecode, PortEqualityIsAHostConditionWithoutAddressAsInSs) {
    Bytes expected;
    add_port_cond(expected, INET_DIAG_BC_S_COND, 22);
    EXPECT_EQ(compiled("sport = :22"), expected);
    Bytes peer;
    add_port_cond(peer, INET_DIAG_BC_D_COND, 443);
    EXPECT_EQ(compiled("dport = :443"), peer);
}

TEST(SocketsBytecode, PortRangesCarryThePortInASecondOp) {
    Bytes ge;
    add_op(ge, INET_DIAG_BC_S_GE, 8, 12);
    add_op(ge, 0, 0, 1024);
    EXPECT_EQ(compiled("sport >= :1024"), ge);
    Bytes gt;  // > is not <=, as ss compiles it
    add_op(gt, INET_DIAG_BC_D_LE, 8, 12);
    add_op(gt, 0, 0, 1024);
    add_op(gt, INET_DIAG_BC_JMP, 4, 8);
    EXPECT_EQ(compiled("dport > :1024"), gt);
    Bytes truncated;  // ss keeps 16 bits of a larger port
    add_op(truncated, INET_DIAG_BC_S_LE, 8, 12);
    add_op(truncated, 0, 0, static_cast<uint16_t>(70000));
    EXPECT_EQ(compiled("sport <= :70000"), truncated);
}

TEST(SocketsBytecode, HostConditionCarriesFamilyPrefixPortAndAddress) {
    Bytes expected;
    add_op(expected, INET_DIAG_BC_D_COND, 16, 20);
    inet_diag_hostcond cond{};
    cond.family = AF_INET;
    cond.prefix_len = 8;
    cond.port = -1;
    const auto* raw = reinterpret_cast<const uint8_t*>(&cond);
    expected.insert(expected.end(), raw, raw + sizeof(cond));
    expected.insert(expected.end(), {10, 0, 0, 0});
    EXPECT_EQ(compiled("dst 10.0.0.0/8"), expected);
    // A wildcard with a port needs no address: family AF_UNSPEC, prefix 0.
    EXPECT_EQ(compiled("src *:22").size(), sizeof(inet_diag_bc_op) + sizeof(inet_diag_hostcond));
}

TEST(SocketsBytecode, MarkCgroupAndAutoboundOps) {
    Bytes mark;
    add_op(mark, INET_DIAG_BC_MARK_COND, 12, 16);
    const inet_diag_markcond cond{0x10, 0xff};
    const auto* raw = reinterpret_cast<const uint8_t*>(&cond);
    mark.insert(mark.end(), raw, raw + sizeof(cond));
    EXPECT_EQ(compiled("fwmark = 0x10/0xff"), mark);

    Bytes autobound;
    add_op(autobound, INET_DIAG_BC_AUTO, 4, 8);
    EXPECT_EQ(compiled("autobound"), autobound);
}

TEST(SocketsBytecode, DevAndUnixGlobsLeaveTheWholeFilterToUserSpaceAsInSs) {
    EXPECT_FALSE(compile_inet_bytecode(parse({"dev 1 or sport = :22"})));
    EXPECT_FALSE(compile_inet_bytecode(parse({"src unix:/run/*"})));
    EXPECT_TRUE(compile_inet_bytecode(parse({"fwmark 1 or sport = :22"})));
}

TEST(SocketsBytecode, NotAndOrLayouts) {
    Bytes negated;  // the test fails into the end (keep); passes into JMP, which jumps past it (drop)
    add_port_cond(negated, INET_DIAG_BC_S_COND, 22);
    add_op(negated, INET_DIAG_BC_JMP, 4, 8);
    EXPECT_EQ(compiled("not sport = :22"), negated);

    Bytes either;  // the first test fails into the second; passes into JMP over it
    add_port_cond(either, INET_DIAG_BC_S_COND, 1);
    add_op(either, INET_DIAG_BC_JMP, 4, 4 + 12);
    add_port_cond(either, INET_DIAG_BC_S_COND, 2);
    EXPECT_EQ(compiled("sport = :1 or sport = :2"), either);

    Bytes both;  // the first test's failure is pushed past the second test
    add_port_cond(both, INET_DIAG_BC_S_COND, 1, 12);
    add_port_cond(both, INET_DIAG_BC_D_COND, 2);
    EXPECT_EQ(compiled("sport = :1 dport = :2"), both);
}

TEST(SocketsBytecode, OversizedProgramsAreRefusedWhenParsed) {
    std::string huge = "src [::1]";
    for (int i = 0; i < 3000; ++i) huge += " or src [::1]";
    const std::string message = error_of({huge});
    EXPECT_NE(message.find("too long for the kernel"), std::string::npos) << message;
}

// --- kernel bytecode: the real kernel ---------------------------------------------------
// Loopback sockets on a port the kernel picks, from several 127/8 source addresses (all
// local on lo, no privilege needed) and ::1; each filter is sent along with a dump. The
// kernel audits the program (a dump with a bad one fails with EINVAL) and runs it, and
// the sockets it returns must be exactly those Filter::matches keeps. Needs only a
// netlink socket, not root; skipped where sock_diag is unavailable.

class LoopbackSockets {
public:
    // A dual-stack listener on [::]:port; IPv4 clients from each of kIpv4Sources (accepted
    // as IPv4-mapped IPv6) and one IPv6 client from ::1.
    static constexpr const char* kIpv4Sources[] = {"127.0.0.1", "127.0.0.5", "127.1.2.3"};
    static constexpr size_t kClients = std::size(kIpv4Sources) + 1;

    LoopbackSockets() {
        listener_ = ::socket(AF_INET6, SOCK_STREAM | SOCK_CLOEXEC, 0);
        int no = 0;
        setsockopt(listener_, IPPROTO_IPV6, IPV6_V6ONLY, &no, sizeof(no));
        sockaddr_in6 any{};
        any.sin6_family = AF_INET6;
        socklen_t size = sizeof(any);
        if (bind(listener_, reinterpret_cast<sockaddr*>(&any), sizeof(any)) != 0 || listen(listener_, 8) != 0) return;
        getsockname(listener_, reinterpret_cast<sockaddr*>(&any), &size);
        const uint16_t listening = ntohs(any.sin6_port);
        for (size_t i = 0; i < kClients; ++i) {
            const bool v6 = i == std::size(kIpv4Sources);
            clients_[i] = ::socket(v6 ? AF_INET6 : AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
            bool connected = false;
            if (v6) {
                sockaddr_in6 to{};
                to.sin6_family = AF_INET6;
                to.sin6_port = htons(listening);
                to.sin6_addr = in6addr_loopback;
                connected = connect(clients_[i], reinterpret_cast<sockaddr*>(&to), sizeof(to)) == 0;
            } else {
                sockaddr_in from{};
                from.sin_family = AF_INET;
                inet_pton(AF_INET, kIpv4Sources[i], &from.sin_addr);
                sockaddr_in to{};
                to.sin_family = AF_INET;
                to.sin_port = htons(listening);
                to.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
                connected = bind(clients_[i], reinterpret_cast<sockaddr*>(&from), sizeof(from)) == 0 &&
                            connect(clients_[i], reinterpret_cast<sockaddr*>(&to), sizeof(to)) == 0;
            }
            if (!connected) return;
            accepted_[i] = accept4(listener_, nullptr, nullptr, SOCK_CLOEXEC);
            if (accepted_[i] < 0) return;
        }
        port = listening;
    }
    ~LoopbackSockets() {
        if (listener_ >= 0) close(listener_);
        for (size_t i = 0; i < kClients; ++i) {
            if (clients_[i] >= 0) close(clients_[i]);
            if (accepted_[i] >= 0) close(accepted_[i]);
        }
    }
    LoopbackSockets(const LoopbackSockets&) = delete;
    LoopbackSockets& operator=(const LoopbackSockets&) = delete;

    uint16_t port = 0;  // 0: the sockets could not be made

private:
    int listener_ = -1;
    int clients_[kClients] = {-1, -1, -1, -1};
    int accepted_[kClients] = {-1, -1, -1, -1};
};

// Every TCP socket of one family the kernel returns, as (local address, local port,
// peer address, peer port).
using Seen = std::set<std::tuple<std::string, uint16_t, std::string, uint16_t>>;

Seen::value_type key_of(const Socket& socket) {
    return {socket.local.address.to_string(), socket.local.port, socket.peer.address.to_string(), socket.peer.port};
}

Result<Seen> kernel_dump(netlink::Channel& netlink, int family, const std::optional<Bytes>& program,
                         std::vector<Socket>* records) {
    netlink::RequestBuffer buffer;
    nlmsghdr* header = buffer.start(SOCK_DIAG_BY_FAMILY, NLM_F_DUMP);
    auto* request = buffer.put_extra_header<inet_diag_req_v2>(header);
    request->sdiag_family = static_cast<uint8_t>(family);
    request->sdiag_protocol = IPPROTO_TCP;
    // Only the states our sockets are in, so TIME-WAIT leftovers of earlier runs on
    // the same port cannot make the counts below flaky.
    request->idiag_states = state_bit(TcpState::established) | state_bit(TcpState::listen);
    if (program) {
        auto put = buffer.put_attribute(INET_DIAG_REQ_BYTECODE, *program);
        if (!put) return put.error();
    }
    header = buffer.message();
    Seen seen;
    auto done = netlink.dump(
        header,
        [&](const nlmsghdr* message) {
            if (message->nlmsg_type != SOCK_DIAG_BY_FAMILY) return;
            const auto* msg = static_cast<const inet_diag_msg*>(mnl_nlmsg_get_payload(message));
            Socket socket;
            const size_t size = msg->idiag_family == AF_INET ? 4 : 16;
            socket.local.address.family = socket.peer.address.family = msg->idiag_family;
            std::memcpy(socket.local.address.bytes.data(), msg->id.idiag_src, size);
            std::memcpy(socket.peer.address.bytes.data(), msg->id.idiag_dst, size);
            socket.local.port = ntohs(msg->id.idiag_sport);
            socket.peer.port = ntohs(msg->id.idiag_dport);
            seen.insert(key_of(socket));
            if (records != nullptr) records->push_back(socket);
        },
        "test dump", [&] { seen.clear(); });
    if (!done) return done.error();
    return seen;
}

TEST(SocketsBytecode, RealKernelAuditsAndKeepsExactlyTheMatchingSockets) {
    auto netlink = netlink::Channel::open(NETLINK_SOCK_DIAG);
    if (!netlink) GTEST_SKIP() << netlink.error().message;
    LoopbackSockets sockets;
    if (sockets.port == 0) GTEST_SKIP() << "no loopback TCP from 127.0.0.5, 127.1.2.3 and ::1";
    const std::string p = std::to_string(sockets.port);
    const std::vector<std::string> filters{
        // one operator at a time
        "sport = :" + p, "dport = :" + p, "sport != :" + p, "sport > :" + p, "sport < :" + p,
        "dport >= :" + p, "dport <= :" + p, "sport >= :" + p + " sport <= :" + p,
        "src 127.0.0.1", "src 127.0.0.5", "dst 127.0.0.5", "src 127.1.0.0/16", "dst 127.1/16",
        "dst 127.0.0.0/8:" + p, "src 127.0.0.0/24", "dst 127.0.0.4/31", "src [::ffff:127.0.0.1]",
        "dst [::ffff:127.0.0.5]", "dst [::1]", "src [::]", "src [::1]:" + p, "src *",
        "src *:" + p, "dst :" + p, "not src 127.0.0.5", "dst 10.0.0.0/8", "src [2001:db8::/32]",
        "dst [fe80::/10]", "sport = :22", "dport != :443",
        // combinations, each branch taken by some socket
        "not ( sport = :" + p + " or dport = :" + p + " )",
        "( sport = :" + p + " or dport = :" + p + " ) and not dst [::1]",
        "src 127.0.0.1 or src [::1]:" + p + " or sport < :1",
        "not dst 127.0.0.1",
        "( dport = :" + p + " or sport = :443 ) or src 127.1.2.3",
        "not ( src 127.0.0.5 or dst 127.0.0.5 ) and not dst 10.0.0.0/8",
        "sport >= :1 sport <= :" + p + " not ( dport = :0 or ! src 127/8 )",
        "( src [::1] or src 127/8 ) and ( dport > :" + p + " or not sport < :100 ) or dst 127.1.2.3",
        "! ! ! ( sport = :" + p + " || dport = :22 ) && ( src * || dst * )",
    };
    for (int family : {AF_INET, AF_INET6}) {
        std::vector<Socket> all;
        ASSERT_TRUE(kernel_dump(*netlink, family, std::nullopt, &all).ok());
        // AF_INET: the IPv4 clients. AF_INET6: the listener, the IPv6 client and every
        // accepted end (IPv4-mapped for the IPv4 clients).
        const auto ours = std::count_if(all.begin(), all.end(), [&](const Socket& socket) {
            return socket.local.port == sockets.port || socket.peer.port == sockets.port;
        });
        const auto v4 = static_cast<long>(std::size(LoopbackSockets::kIpv4Sources));
        EXPECT_EQ(ours, family == AF_INET ? v4 : 1 + 1 + v4 + 1);
        for (const auto& text : filters) {
            const Filter filter = parse({text});
            const auto program = compile_inet_bytecode(filter);
            ASSERT_TRUE(program) << text;
            Seen expected;
            for (const auto& socket : all) {
                // Only our sockets: others may come and go during the test.
                if (socket.local.port != sockets.port && socket.peer.port != sockets.port) continue;
                if (filter.matches(socket)) expected.insert(key_of(socket));
            }
            auto seen = kernel_dump(*netlink, family, program, nullptr);
            // A program the kernel's audit refuses fails the dump (EINVAL).
            ASSERT_TRUE(seen.ok()) << text << ": the kernel refused the program: " << seen.error().message;
            Seen kept;
            for (const auto& entry : *seen) {
                if (std::get<1>(entry) == sockets.port || std::get<3>(entry) == sockets.port) kept.insert(entry);
            }
            EXPECT_EQ(kept, expected) << text << " family " << family;
        }
    }
}

}  // namespace
}  // namespace netlens::sockets
