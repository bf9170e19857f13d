// libFuzzer target for the ss filter language. The input is split into argv words at
// spaces (the lexer splits further inside words); a parsed filter is matched against an
// IPv4 and an IPv4-mapped IPv6 socket and compiled to inet_diag bytecode. Beyond
// crashes and sanitizer reports it checks that errors keep their "filter: " prefix and
// usage exit code, and that any compiled program is non-empty and 4-byte aligned.
#include <cstdint>
#include <cstdlib>
#include <string>
#include <vector>

#include "core/ip_address.h"
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
    return 0;
}
