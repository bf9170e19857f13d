// Socket records and filter parsing shorthands shared by the filter and bytecode tests.
#pragma once

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "core/ip_address.h"
#include "sockets/filter/filter.h"

namespace netlens::sockets::test_support {

inline Endpoint endpoint(const std::string& address, uint16_t port) {
    Endpoint result;
    result.address = parse_ip_address(address).value();
    result.port = port;
    return result;
}

inline Socket tcp(const std::string& local, uint16_t local_port, const std::string& peer, uint16_t peer_port,
           TcpState state = TcpState::established) {
    Socket socket;
    socket.state = state;
    socket.local = endpoint(local, local_port);
    socket.peer = endpoint(peer, peer_port);
    return socket;
}

inline Filter parse(const std::vector<std::string>& words) {
    auto result = parse_filter(words);
    EXPECT_TRUE(result.ok()) << (result.ok() ? "" : result.error().message);
    return result.ok() ? result.value() : Filter{};
}

inline std::string error_of(const std::vector<std::string>& words) {
    auto result = parse_filter(words);
    EXPECT_FALSE(result.ok());
    if (result.ok()) return "";
    EXPECT_EQ(result.error().code, ExitCode::usage);
    return result.error().message;
}

inline bool match(const std::vector<std::string>& words, const Socket& socket) { return parse(words).matches(socket); }

inline const Socket kSsh = tcp("10.0.0.5", 22, "192.168.1.9", 50000);
inline const Socket kHttps = tcp("10.0.0.5", 40000, "93.184.216.34", 443);
inline const Socket kPostgres = tcp("10.0.0.5", 5432, "10.1.2.3", 40001);

}  // namespace netlens::sockets::test_support
