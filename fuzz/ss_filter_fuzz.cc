// libFuzzer target for the ss filter language. The input is split into argv words at
// spaces (the lexer splits further at tabs and handles backslashes); a parsed filter is
// matched against an IPv4 and an IPv4-mapped IPv6 socket and compiled to inet_diag
// bytecode. Beyond crashes and sanitizer reports it checks that errors keep their
// "filter: " prefix and usage exit code, that any compiled program is non-empty and
// 4-byte aligned, and that the sock_diag request built around it is whole: attribute
// and message lengths agree and never exceed the request buffer.
#include <linux/inet_diag.h>
#include <linux/netlink.h>

#include <cstdint>
#include <cstring>
#include <cstdlib>
#include <string>
#include <vector>

#include "core/ip_address.h"
#include "netlink/request.h"
#include "sockets/diag/diag_query.h"
#include "sockets/filter/bytecode.h"
#include "sockets/filter/filter.h"

namespace {

using netlens::sockets::Socket;

Socket make_socket(const char* local, uint16_t local_port, const char* peer, uint16_t peer_port) {
    Socket socket;
    socket.state = netlens::sockets::TcpState::established;
    socket.local.address = netlens::parse_ip_address(local).value_or(netlens::IpAddress{});
    socket.local.port = local_port;
    socket.peer.address = netlens::parse_ip_address(peer).value_or(netlens::IpAddress{});
    socket.peer.port = peer_port;
    return socket;
}

// The whole sock_diag request the program goes into: built, or refused as a usage error,
// and when built, its lengths agree with each other and with the buffer holding them.
void check_request(const std::vector<uint8_t>& program) {
    netlens::sockets::DiagRequest request;
    request.bytecode = program;
    netlens::netlink::RequestBuffer buffer;
    const auto built = netlens::sockets::build_diag_request(buffer, request);
    if (!built) {
        if (built.error().code != netlens::ExitCode::usage) std::abort();
        return;
    }
    const nlmsghdr* message = buffer.message();
    const size_t fixed = NLMSG_LENGTH(sizeof(inet_diag_req_v2));
    if (message->nlmsg_len > buffer.capacity() || message->nlmsg_len % 4 != 0 || message->nlmsg_len < fixed + NLA_HDRLEN) {
        std::abort();
    }
    const auto* attribute = reinterpret_cast<const nlattr*>(reinterpret_cast<const char*>(message) + fixed);
    if (attribute->nla_type != INET_DIAG_REQ_BYTECODE || attribute->nla_len != NLA_HDRLEN + program.size() ||
        fixed + NLA_ALIGN(attribute->nla_len) != message->nlmsg_len ||
        std::memcmp(reinterpret_cast<const char*>(attribute) + NLA_HDRLEN, program.data(), program.size()) != 0) {
        std::abort();
    }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    static const Socket kV4 = make_socket("10.0.0.5", 22, "192.168.1.9", 50000);
    static const Socket kMapped = make_socket("::ffff:127.0.0.1", 443, "::ffff:10.1.2.3", 40000);

    const std::string text(reinterpret_cast<const char*>(data), size);
    std::vector<std::string> words;
    size_t start = 0;
    while (start <= text.size()) {
        const size_t space = text.find(' ', start);
        const size_t end = space == std::string::npos ? text.size() : space;
        if (end > start) words.push_back(text.substr(start, end - start));
        start = end + 1;
    }

    auto filter = netlens::sockets::parse_filter(words);
    if (!filter) {
        if (filter.error().code != netlens::ExitCode::usage || filter.error().message.rfind("filter: ", 0) != 0) {
            std::abort();
        }
        return 0;
    }
    (void)filter->matches(kV4);
    (void)filter->matches(kMapped);
    const auto program = netlens::sockets::compile_inet_bytecode(*filter);
    if (program && (program->empty() || program->size() % 4 != 0)) std::abort();
    if (program) check_request(*program);
    return 0;
}
