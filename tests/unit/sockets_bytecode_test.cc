// The kernel push-down of the ss filter: byte layouts of small programs, a restatement
// of the kernel's audit and interpreter run over many filters and sockets, and (where
// sock_diag is usable) the real kernel filtering loopback sockets.
#include "sockets/bytecode.h"

#include "sockets/filter.h"

#include <arpa/inet.h>
#include <gtest/gtest.h>
#include <linux/inet_diag.h>
#include <linux/sock_diag.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cstring>
#include <set>
#include <string>
#include <vector>

#include "netlink/socket.h"
#include "sockets/filter_lexer.h"
#include "sockets/filter_value.h"
#include "sockets/states.h"

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

TEST(SocketsBytecode, PortEqualityIsOneOpAndItsPort) {
    if constexpr (std::endian::native == std::endian::little) {
        EXPECT_EQ(compiled("sport = :22"), (Bytes{INET_DIAG_BC_S_EQ, 8, 12, 0, 0, 0, 22, 0}));
    }
    Bytes expected;
    add_op(expected, INET_DIAG_BC_D_EQ, 8, 12);
    add_op(expected, 0, 0, 443);
    EXPECT_EQ(compiled("dport = :443"), expected);
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

TEST(SocketsBytecode, NotAndOrLayouts) {
    Bytes negated;  // EQ fails into the end (keep); passes into JMP, which jumps past it (drop)
    add_op(negated, INET_DIAG_BC_S_EQ, 8, 12);
    add_op(negated, 0, 0, 22);
    add_op(negated, INET_DIAG_BC_JMP, 4, 8);
    EXPECT_EQ(compiled("not sport = :22"), negated);

    Bytes either;  // first EQ fails into the second; passes into JMP over it
    add_op(either, INET_DIAG_BC_S_EQ, 8, 12);
    add_op(either, 0, 0, 1);
    add_op(either, INET_DIAG_BC_JMP, 4, 12);
    add_op(either, INET_DIAG_BC_S_EQ, 8, 12);
    add_op(either, 0, 0, 2);
    EXPECT_EQ(compiled("sport = :1 or sport = :2"), either);

    Bytes both;  // the first EQ's failure is pushed past the second test
    add_op(both, INET_DIAG_BC_S_EQ, 8, 20);
    add_op(both, 0, 0, 1);
    add_op(both, INET_DIAG_BC_D_EQ, 8, 12);
    add_op(both, 0, 0, 2);
    EXPECT_EQ(compiled("sport = :1 dport = :2"), both);
}

TEST(SocketsBytecode, OversizedProgramsAreNotPushedDown) {
    std::string huge = "src [::1]";
    for (int i = 0; i < 3000; ++i) huge += " or src [::1]";
    EXPECT_TRUE(parse({huge}).expression);
    EXPECT_FALSE(compile_inet_bytecode(parse({huge})));
}

// --- kernel bytecode: audit and run, restated ------------------------------------------
// What net/ipv4/inet_diag.c does with a program (inet_diag_bc_audit, inet_diag_bc_run),
// written out again here so every compiled program can be checked without a kernel.

inet_diag_bc_op op_at(const Bytes& program, size_t at) {
    inet_diag_bc_op op;
    std::memcpy(&op, program.data() + at, sizeof(op));
    return op;
}

size_t op_size(const Bytes& program, size_t at) {
    const auto op = op_at(program, at);
    switch (op.code) {
        case INET_DIAG_BC_S_EQ: case INET_DIAG_BC_D_EQ: case INET_DIAG_BC_S_GE:
        case INET_DIAG_BC_S_LE: case INET_DIAG_BC_D_GE: case INET_DIAG_BC_D_LE:
            return 8;
        case INET_DIAG_BC_S_COND: case INET_DIAG_BC_D_COND: {
            inet_diag_hostcond cond;
            std::memcpy(&cond, program.data() + at + 4, sizeof(cond));
            return 4 + sizeof(cond) + (cond.family == AF_INET ? 4 : cond.family == AF_INET6 ? 16 : 0);
        }
        default:
            return 4;
    }
}

// Every jump stays aligned, in bounds and forward; every `no` target inside the program
// is on the chain of `yes` steps from the start.
bool audit(const Bytes& program) {
    std::set<size_t> on_chain;
    for (size_t at = 0; at < program.size(); at += op_at(program, at).yes) {
        on_chain.insert(at);
        if (op_at(program, at).yes < op_size(program, at) || op_at(program, at).yes % 4 != 0) return false;
    }
    for (size_t at : on_chain) {
        const auto op = op_at(program, at);
        const size_t len = program.size() - at;
        if (op.yes > len + 4 || op.no > len + 4 || op.no % 4 != 0 || op.no < op_size(program, at)) return false;
        if (op.no < len && !on_chain.count(at + op.no)) return false;
    }
    return true;
}

bool run(const Bytes& program, const Socket& socket) {
    const auto prefix_match = [](const uint8_t* a, const uint8_t* b, unsigned bits) {
        for (unsigned i = 0; i < bits; ++i) {
            const auto bit = [i](const uint8_t* p) { return (p[i / 8] >> (7 - i % 8)) & 1; };
            if (bit(a) != bit(b)) return false;
        }
        return true;
    };
    long at = 0;
    while (at >= 0 && static_cast<size_t>(at) < program.size()) {
        const auto op = op_at(program, static_cast<size_t>(at));
        const bool has_arg = op_size(program, static_cast<size_t>(at)) == 8;
        const uint16_t arg = has_arg ? op_at(program, static_cast<size_t>(at) + 4).no : 0;
        const uint16_t sport = socket.local.port;
        const uint16_t dport = socket.peer.port;
        bool yes = true;
        switch (op.code) {
            case INET_DIAG_BC_JMP: yes = false; break;
            case INET_DIAG_BC_S_EQ: yes = sport == arg; break;
            case INET_DIAG_BC_D_EQ: yes = dport == arg; break;
            case INET_DIAG_BC_S_GE: yes = sport >= arg; break;
            case INET_DIAG_BC_S_LE: yes = sport <= arg; break;
            case INET_DIAG_BC_D_GE: yes = dport >= arg; break;
            case INET_DIAG_BC_D_LE: yes = dport <= arg; break;
            case INET_DIAG_BC_S_COND:
            case INET_DIAG_BC_D_COND: {
                inet_diag_hostcond cond;
                std::memcpy(&cond, program.data() + at + 4, sizeof(cond));
                const uint8_t* wanted = program.data() + at + 4 + sizeof(cond);
                const Endpoint& end = op.code == INET_DIAG_BC_S_COND ? socket.local : socket.peer;
                const uint8_t* actual = end.address.bytes.data();
                const bool mapped = end.address.family == AF_INET6 && actual[10] == 0xFF && actual[11] == 0xFF &&
                                    std::all_of(actual, actual + 10, [](uint8_t b) { return b == 0; });
                if (cond.port != -1 && cond.port != (op.code == INET_DIAG_BC_S_COND ? sport : dport)) {
                    yes = false;
                } else if (cond.family != AF_UNSPEC && cond.family != end.address.family) {
                    yes = cond.family == AF_INET && mapped && prefix_match(actual + 12, wanted, cond.prefix_len);
                } else {
                    yes = cond.prefix_len == 0 || prefix_match(actual, wanted, cond.prefix_len);
                }
                break;
            }
        }
        const unsigned step = yes ? op.yes : op.no;
        if (step == 0) return false;  // a broken program; the kernel's audit refuses those
        at += step;
    }
    return static_cast<size_t>(at) == program.size();
}

TEST(SocketsBytecode, KernelSemanticsAgreeWithUserSpace) {
    const std::vector<Socket> sockets{
        kSsh, kHttps, kPostgres,
        tcp("0.0.0.0", 80, "0.0.0.0", 0, TcpState::listen),
        tcp("::ffff:127.0.0.1", 8080, "::ffff:10.9.8.7", 40000),
        tcp("::1", 8080, "::1", 40001),
        tcp("2001:db8::5", 22, "fe80::1", 50000),
    };
    const std::vector<std::string> filters{
        "sport = :22", "dport != :443", "sport < :1024", "sport > :1024", "dport <= :443", "dport >= :443",
        "src 10.0.0.5", "dst 10.0.0.0/8", "src 127.0.0.1", "dst 10.9.0.0/16:40000", "src [::1]",
        "src [2001:db8::]/32:22", "dst fe80::/10", "src *", "src *:22", "dst :0", "src 0.0.0.0/0",
        "src [::ffff:127.0.0.1]", "not dst 127.0.0.1", "src != 10.0.0.5",
        "( dport = :443 or sport = :443 ) or sport = :5432",
        "not ( sport = :22 or sport = :80 ) and not dst 10.0.0.0/8",
        "sport >= :80 sport <= :8080 not ( dport = :0 or ! src 0/0 )",
        "( src [::1] or src 10/8 ) and ( dport > :40000 or not sport < :100 ) or dst 93.184.216.34",
        "! ! ! ( sport = :22 || dport = :22 ) && ( src * || dst * )",
    };
    for (const auto& text : filters) {
        const Filter filter = parse({text});
        const auto program = compile_inet_bytecode(filter);
        ASSERT_TRUE(program) << text;
        EXPECT_TRUE(audit(*program)) << text;
        for (size_t i = 0; i < sockets.size(); ++i) {
            EXPECT_EQ(run(*program, sockets[i]), filter.matches(sockets[i])) << text << " socket " << i;
        }
    }
}

// --- kernel bytecode: the real kernel ---------------------------------------------------
// Loopback sockets on ports the kernel picks; each filter is sent along with a dump and
// the sockets the kernel returns must be exactly those Filter::matches keeps. Needs only
// a netlink socket, not root; skipped where sock_diag is unavailable.

class LoopbackSockets {
public:
    LoopbackSockets() {
        listener_ = ::socket(AF_INET6, SOCK_STREAM, 0);
        int no = 0;
        setsockopt(listener_, IPPROTO_IPV6, IPV6_V6ONLY, &no, sizeof(no));
        sockaddr_in6 any{};
        any.sin6_family = AF_INET6;
        socklen_t size = sizeof(any);
        if (bind(listener_, reinterpret_cast<sockaddr*>(&any), sizeof(any)) != 0 || listen(listener_, 4) != 0) return;
        getsockname(listener_, reinterpret_cast<sockaddr*>(&any), &size);
        port = ntohs(any.sin6_port);
        // One IPv4 client (accepted as IPv4-mapped IPv6) and one IPv6 client.
        sockaddr_in v4{};
        v4.sin_family = AF_INET;
        v4.sin_port = htons(port);
        v4.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        sockaddr_in6 v6{};
        v6.sin6_family = AF_INET6;
        v6.sin6_port = htons(port);
        v6.sin6_addr = in6addr_loopback;
        clients_[0] = ::socket(AF_INET, SOCK_STREAM, 0);
        clients_[1] = ::socket(AF_INET6, SOCK_STREAM, 0);
        if (connect(clients_[0], reinterpret_cast<sockaddr*>(&v4), sizeof(v4)) != 0 ||
            connect(clients_[1], reinterpret_cast<sockaddr*>(&v6), sizeof(v6)) != 0) {
            port = 0;
            return;
        }
        accepted_[0] = accept(listener_, nullptr, nullptr);
        accepted_[1] = accept(listener_, nullptr, nullptr);
    }
    ~LoopbackSockets() {
        for (int fd : {listener_, clients_[0], clients_[1], accepted_[0], accepted_[1]}) {
            if (fd >= 0) close(fd);
        }
    }
    LoopbackSockets(const LoopbackSockets&) = delete;
    LoopbackSockets& operator=(const LoopbackSockets&) = delete;

    uint16_t port = 0;

private:
    int listener_ = -1;
    int clients_[2] = {-1, -1};
    int accepted_[2] = {-1, -1};
};

// Every TCP socket of one family the kernel returns, as (local port, peer port, family).
using Seen = std::set<std::tuple<uint16_t, uint16_t, int>>;

Result<Seen> kernel_dump(netlink::Socket& netlink, int family, const std::optional<Bytes>& program,
                         std::vector<Socket>* records) {
    netlink::RequestBuffer buffer;
    nlmsghdr* header = buffer.start(SOCK_DIAG_BY_FAMILY, NLM_F_DUMP);
    auto* request = buffer.put_extra_header<inet_diag_req_v2>(header);
    request->sdiag_family = static_cast<uint8_t>(family);
    request->sdiag_protocol = IPPROTO_TCP;
    // Only the states our sockets are in, so TIME-WAIT leftovers of earlier runs on
    // the same port cannot make the counts below flaky.
    request->idiag_states = state_bit(TcpState::established) | state_bit(TcpState::listen);
    if (program) mnl_attr_put(header, INET_DIAG_REQ_BYTECODE, program->size(), program->data());
    Seen seen;
    auto done = netlink.dump(
        header,
        [&](const nlmsghdr* message) {
            if (message->nlmsg_type != SOCK_DIAG_BY_FAMILY) return;
            const auto* msg = static_cast<const inet_diag_msg*>(mnl_nlmsg_get_payload(message));
            Socket socket;
            socket.local.address.family = socket.peer.address.family = msg->idiag_family;
            std::memcpy(socket.local.address.bytes.data(), msg->id.idiag_src, 16);
            std::memcpy(socket.peer.address.bytes.data(), msg->id.idiag_dst, 16);
            socket.local.port = ntohs(msg->id.idiag_sport);
            socket.peer.port = ntohs(msg->id.idiag_dport);
            seen.insert({socket.local.port, socket.peer.port, family});
            if (records != nullptr) records->push_back(socket);
        },
        "test dump", [&] { seen.clear(); });
    if (!done) return done.error();
    return seen;
}

TEST(SocketsBytecode, RealKernelKeepsExactlyTheMatchingSockets) {
    auto netlink = netlink::Socket::open(NETLINK_SOCK_DIAG);
    if (!netlink) GTEST_SKIP() << netlink.error().message;
    LoopbackSockets sockets;
    if (sockets.port == 0) GTEST_SKIP() << "no loopback TCP";
    const std::string p = std::to_string(sockets.port);
    const std::vector<std::string> filters{
        "sport = :" + p, "dport = :" + p, "sport != :" + p, "sport > :" + p, "sport < :" + p,
        "dport >= :" + p, "dport <= :" + p, "src 127.0.0.1", "dst 127.0.0.0/8:" + p, "src [::ffff:127.0.0.1]",
        "src 0.0.0.0/0", "dst [::1]", "src [::]", "src *:" + p, "not ( sport = :" + p + " or dport = :" + p + " )",
        "( sport = :" + p + " or dport = :" + p + " ) and not dst [::]/0",
        "src 127.0.0.1 or src [::1]:" + p + " or sport < :1",
    };
    for (int family : {AF_INET, AF_INET6}) {
        std::vector<Socket> all;
        ASSERT_TRUE(kernel_dump(*netlink, family, std::nullopt, &all).ok());
        // AF_INET: the IPv4 client. AF_INET6: listener, IPv6 client, both accepted ends.
        const auto ours = std::count_if(all.begin(), all.end(), [&](const Socket& socket) {
            return socket.local.port == sockets.port || socket.peer.port == sockets.port;
        });
        EXPECT_EQ(ours, family == AF_INET ? 1 : 4);
        for (const auto& text : filters) {
            const Filter filter = parse({text});
            Seen expected;
            for (const auto& socket : all) {
                // Only our sockets: others may come and go during the test.
                if (socket.local.port != sockets.port && socket.peer.port != sockets.port) continue;
                if (filter.matches(socket)) expected.insert({socket.local.port, socket.peer.port, family});
            }
            auto seen = kernel_dump(*netlink, family, compile_inet_bytecode(filter), nullptr);
            ASSERT_TRUE(seen.ok()) << text << ": " << seen.error().message;
            Seen ours;
            for (const auto& entry : *seen) {
                if (std::get<0>(entry) == sockets.port || std::get<1>(entry) == sockets.port) ours.insert(entry);
            }
            EXPECT_EQ(ours, expected) << text << " family " << family;
        }
    }
}

}  // namespace
}  // namespace netlens::sockets
