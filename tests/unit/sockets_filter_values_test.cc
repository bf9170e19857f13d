// What each term of an ss filter matches: addresses and prefixes, wildcards, numbers,
// host names, services, UNIX globs, autobound, dev, fwmark and cgroup (checked against
// ss on live sockets). The grammar that combines them is in sockets_filter_test.cc.
#include "sockets/filter/filter.h"

#include <arpa/inet.h>
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <sys/socket.h>

#include <string>
#include <vector>

#include "sockets/filter/filter_lookup.h"
#include "sockets/filter/filter_value.h"
#include "sockets_test_support.h"

namespace netlens::sockets {
namespace {

using namespace test_support;  // NOLINT: test shorthands

// --- addresses ----------------------------------------------------------------------

TEST(SocketsFilter, AddressesCompareAsSsDoesInUserSpace) {
    const Socket mapped = tcp("::ffff:127.0.0.1", 8080, "::ffff:127.0.0.1", 40000);
    const Socket native = tcp("::1", 8080, "::1", 40000);
    const Socket v4 = tcp("127.0.0.1", 8080, "127.0.0.1", 40000);
    EXPECT_TRUE(match({"src", "127.0.0.1"}, mapped));
    EXPECT_TRUE(match({"src", "127.0.0.0/8"}, mapped));
    EXPECT_TRUE(match({"src", "127.0.0.1:8080"}, mapped));
    // A zero-length prefix matches everything here; the kernel program then keeps only
    // the pattern's family (bytecode.cc), as with ss.
    EXPECT_TRUE(match({"src", "0.0.0.0/0"}, native));
    // Raw bits, no family: ::/8 covers 127.0.0.1's first byte? No (127), but 0/8 does for ::1.
    EXPECT_FALSE(match({"src", "[::/8]"}, v4));
    EXPECT_TRUE(match({"src", "0/8"}, native));
    EXPECT_TRUE(match({"src", "[::ffff:127.0.0.1]"}, mapped));
    EXPECT_FALSE(match({"src", "[::ffff:127.0.0.1]"}, v4));
    EXPECT_FALSE(match({"src", "[::1]"}, v4));
}

TEST(SocketsFilter, Ipv6FormsNeedBracketsWhereSsNeedsThem) {
    const Socket socket = tcp("2001:db8::5", 22, "fe80::1", 50000);
    EXPECT_TRUE(match({"src", "[2001:db8::5]:22"}, socket));
    EXPECT_FALSE(match({"src", "[2001:db8::5]:23"}, socket));
    EXPECT_TRUE(match({"src", "[2001:db8::/32]"}, socket));
    EXPECT_TRUE(match({"src", "[2001:db8::/32]:22"}, socket));
    EXPECT_TRUE(match({"dst", "[fe80::/10]"}, socket));
    EXPECT_FALSE(match({"dst", "[fe80::/10]"}, kSsh));
    // The port starts at the last ':', so a bare IPv6 address is a broken one.
    EXPECT_NE(error_of({"src", "2001:db8::5"}).find("word 2"), std::string::npos);
    EXPECT_NE(error_of({"src", "[2001:db8::]/32"}).find("word 2"), std::string::npos);
}

TEST(SocketsFilter, Wildcards) {
    EXPECT_TRUE(match({"src", "*"}, kSsh));
    EXPECT_TRUE(match({"src", "*:22"}, kSsh));
    EXPECT_TRUE(match({"src", ":22"}, kSsh));
    EXPECT_TRUE(match({"src", "10.0.0.5:*"}, kSsh));
    EXPECT_TRUE(match({"sport", "=", "*"}, kSsh));
    EXPECT_TRUE(match({"sport", "=", ":*"}, kSsh));
    EXPECT_FALSE(match({"src", "*:23"}, kSsh));
    EXPECT_TRUE(match({"src", "default"}, kSsh));
    EXPECT_TRUE(match({"src", "any"}, kSsh));
}

TEST(SocketsFilter, NumbersAreCNumbersAndIpv4MayBeAbbreviated) {
    EXPECT_TRUE(match({"dst", "10/8"}, kPostgres));
    EXPECT_TRUE(match({"dst", "10.1/16"}, kPostgres));
    EXPECT_FALSE(match({"dst", "10.2/16"}, kPostgres));
    EXPECT_TRUE(match({"dst", "10.1.2.3/255.255.0.0"}, kPostgres));
    EXPECT_TRUE(match({"sport", "0x16"}, kSsh));
    EXPECT_TRUE(match({"sport", "026"}, kSsh));
    EXPECT_TRUE(match({"dst", "10.1.2.3"}, kPostgres));
    EXPECT_FALSE(match({"dst", "10"}, kPostgres));  // 10.0.0.0/32
    EXPECT_FALSE(match({"sport", "70000"}, kSsh));  // accepted, never equal
}

TEST(SocketsFilter, HostValueFields) {
    auto value = parse_host_value("10.0.0.0/8:22", false, {});
    ASSERT_TRUE(value.ok());
    ASSERT_EQ(value->pattern.addresses.size(), 1U);
    EXPECT_EQ(value->pattern.addresses[0].to_string(), "10.0.0.0");
    EXPECT_EQ(value->pattern.prefix_len, 8);
    EXPECT_EQ(value->pattern.port, 22);
    EXPECT_EQ(value->fixed_family, AF_UNSPEC);
    auto v6 = parse_host_value("[::1]", false, {});
    ASSERT_TRUE(v6.ok());
    EXPECT_EQ(v6->pattern.prefix_len, 128);
    EXPECT_EQ(v6->pattern.port, -1);
    auto port = parse_host_value(":22", true, {});
    ASSERT_TRUE(port.ok());
    EXPECT_EQ(port->pattern.port, 22);
    EXPECT_TRUE(port->pattern.addresses.empty());
    auto inet = parse_host_value("inet:10/8", false, {});
    ASSERT_TRUE(inet.ok());
    EXPECT_EQ(inet->fixed_family, AF_INET);
}

TEST(SocketsFilter, HostNamesMatchEveryAddressTheyResolveTo) {
    const auto addresses = lookup_host_addresses("localhost", AF_UNSPEC);
    if (addresses.empty()) GTEST_SKIP() << "localhost does not resolve here";
    auto parsed = parse_filter({"dst", "localhost"}, FilterContext{});
    ASSERT_TRUE(parsed.ok());
    const Filter& filter = *parsed;
    for (const auto& address : addresses) {
        EXPECT_TRUE(filter.matches(tcp(address.family == AF_INET ? "10.0.0.1" : "2001:db8::1", 1, address.to_string(), 2)))
            << address.to_string();
    }
    EXPECT_FALSE(filter.matches(kSsh));
    auto unknown = parse_filter({"dst", "no-such-host.invalid"}, FilterContext{});
    ASSERT_FALSE(unknown.ok());
    EXPECT_NE(unknown.error().message.find("'no-such-host.invalid'"), std::string::npos);
    // Without look-ups (parse_filter(words)) a name is an error at once.
    EXPECT_NE(error_of({"dst", "localhost"}).find("not looked up"), std::string::npos);
}

TEST(SocketsFilter, ServiceNamesComeFromTheServicesFile) {
    const auto ssh = lookup_service_port("ssh", true, true);
    if (!ssh.ok() || *ssh != 22) GTEST_SKIP() << "no ssh in /etc/services";
    auto with_names = [](const std::vector<std::string>& words) {
        auto filter = parse_filter(words, FilterContext{});
        EXPECT_TRUE(filter.ok());
        return filter.ok() && filter->matches(kSsh);
    };
    EXPECT_TRUE(with_names({"sport", "=", ":ssh"}));
    EXPECT_TRUE(with_names({"src", "10.0.0.5:ssh"}));
    auto unknown = parse_filter({"sport", "=", ":nosuchservice"}, FilterContext{});
    ASSERT_FALSE(unknown.ok());
    EXPECT_NE(unknown.error().message.find("word 3 ':nosuchservice'"), std::string::npos) << unknown.error().message;
    // With neither TCP nor UDP shown (ss -w) there is nothing to look service names up for.
    FilterContext raw_only;
    raw_only.tcp = raw_only.udp = false;
    EXPECT_FALSE(parse_filter({"sport", ":ssh"}, raw_only).ok());
}

TEST(SocketsFilter, UnixGlobs) {
    Socket unix_socket;
    unix_socket.protocol = Protocol::unix_stream;
    unix_socket.local.path = "/run/X.sock";
    unix_socket.inode = 4242;
    FilterContext unix_context;
    unix_context.preferred_family = AF_UNIX;
    auto unix_match = [&](const std::string& text) {
        auto filter = parse_filter({text}, unix_context);
        EXPECT_TRUE(filter.ok()) << text;
        return filter.ok() && filter->matches(unix_socket);
    };
    EXPECT_TRUE(unix_match("src /run/*.sock"));
    EXPECT_TRUE(unix_match("src /RUN/x.SOCK"));  // fnmatch ignoring case, as ss
    EXPECT_FALSE(unix_match("src /tmp/*"));
    EXPECT_TRUE(unix_match("dst *"));            // no peer name: the empty string
    // '=' and parentheses belong to the path: ss cuts words at spaces only.
    unix_socket.local.path = "/run/a=b(1)";
    EXPECT_TRUE(unix_match("src /run/a=b(1)"));
    EXPECT_TRUE(unix_match("src /run/a\\=b\\(1\\)"));
    EXPECT_TRUE(unix_match("src /run/a=b*"));
    unix_socket.local.path = "/run/a b";
    EXPECT_TRUE(unix_match("src /run/a\\ b"));  // a backslash keeps the space
    unix_socket.local.path = "/run/X.sock";
    EXPECT_FALSE(unix_match("dst /run/*"));
    EXPECT_TRUE(match({"src", "unix:/run/*"}, unix_socket));
    // An inet filter on a UNIX socket: ss compares the inode as the port.
    EXPECT_TRUE(match({"sport", "=", ":4242"}, unix_socket));
    EXPECT_TRUE(match({"src", "0.0.0.0/0"}, unix_socket));
    EXPECT_FALSE(match({"src", "10.0.0.0/8"}, unix_socket));
    // A unix: value limits the output to UNIX sockets, as ss's family reset does.
    EXPECT_FALSE(match({"src", "unix:*"}, kSsh));
}

TEST(SocketsFilter, Autobound) {
    Socket unbound;
    unbound.protocol = Protocol::unix_dgram;
    EXPECT_TRUE(match({"autobound"}, unbound));
    unbound.local.path = "@0a1b2";
    EXPECT_TRUE(match({"autobound"}, unbound));
    unbound.local.path = "@0a1b2x";
    EXPECT_FALSE(match({"autobound"}, unbound));
    const Filter filter = parse({"autobound"});
    const MatchContext range{40000, 40010};
    EXPECT_TRUE(filter.matches(tcp("1.1.1.1", 40005, "2.2.2.2", 80), range));
    EXPECT_FALSE(filter.matches(tcp("1.1.1.1", 39999, "2.2.2.2", 80), range));
}

TEST(SocketsFilter, DevFwmarkCgroup) {
    Socket socket = kSsh;
    socket.local.scope_ifindex = 3;
    socket.mark = 0x15;
    socket.cgroup_id = 77;
    EXPECT_TRUE(match({"dev", "3"}, socket));
    EXPECT_TRUE(match({"dev", "=", "if3"}, socket));
    EXPECT_FALSE(match({"dev", "!=", "0x3"}, socket));
    EXPECT_TRUE(match({"fwmark", "0x15"}, socket));
    EXPECT_TRUE(match({"fwmark", "=", "0x10/0x10"}, socket));
    EXPECT_FALSE(match({"fwmark", "!=", "21"}, socket));
    EXPECT_TRUE(match({"fwmark", "0x15zz"}, socket));  // sscanf's %i, as ss reads it
    EXPECT_NE(error_of({"fwmark", "zz"}).find("word 2 'zz'"), std::string::npos);
    EXPECT_NE(error_of({"dev", "no-such-device0"}).find("'no-such-device0'"), std::string::npos);
    EXPECT_NE(error_of({"dev", ">", "3"}).find("dev takes = or != only"), std::string::npos);
    EXPECT_NE(error_of({"cgroup", "/no-such-cgroup-here"}).find("word 2"), std::string::npos);
}

}  // namespace
}  // namespace netlens::sockets
