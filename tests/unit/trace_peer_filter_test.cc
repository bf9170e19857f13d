// --peer and --port: each written form means the address, prefix and port it names, and
// a call's ends pass or fail as those say.
#include "trace/peer_filter.h"

#include <sys/socket.h>

#include <gtest/gtest.h>

namespace netlens::trace {
namespace {

Endpoint at(const std::string& text) {
    auto endpoint = parse_endpoint(text);
    EXPECT_TRUE(endpoint.has_value()) << text;
    return endpoint.value_or(Endpoint{});
}

PeerFilter peer(const std::string& text) {
    auto filter = parse_peer_filter(text);
    EXPECT_TRUE(filter) << text;
    return filter ? *filter : PeerFilter{};
}

TEST(PeerFilter, HostMatchesOnlyThatAddress) {
    const PeerFilter filter = peer("10.0.0.1");
    EXPECT_TRUE(filter.matches(std::nullopt, at("10.0.0.1:443")));
    EXPECT_FALSE(filter.matches(std::nullopt, at("10.0.0.2:443")));
    EXPECT_FALSE(filter.matches(at("10.0.0.1:443"), std::nullopt));  // only the far end counts
    EXPECT_FALSE(filter.matches(std::nullopt, at("[::1]:443")));
}

TEST(PeerFilter, PrefixAndPort) {
    const PeerFilter filter = peer("10.0.0.0/8:443");
    EXPECT_TRUE(filter.matches(std::nullopt, at("10.200.3.4:443")));
    EXPECT_FALSE(filter.matches(std::nullopt, at("11.0.0.1:443")));
    EXPECT_FALSE(filter.matches(std::nullopt, at("10.0.0.1:80")));
}

TEST(PeerFilter, Ipv6FormsWithAndWithoutBrackets) {
    EXPECT_TRUE(peer("::1").matches(std::nullopt, at("[::1]:53")));
    EXPECT_TRUE(peer("[::1]:53").matches(std::nullopt, at("[::1]:53")));
    EXPECT_FALSE(peer("[::1]:53").matches(std::nullopt, at("[::1]:54")));
    EXPECT_TRUE(peer("2001:db8::/32").matches(std::nullopt, at("[2001:db8:1::5]:80")));
    EXPECT_FALSE(peer("2001:db8::/32").matches(std::nullopt, at("[2001:db9::5]:80")));
    EXPECT_TRUE(peer("[2001:db8::]/32:80").matches(std::nullopt, at("[2001:db8:1::5]:80")));
    EXPECT_TRUE(peer("[2001:db8::/32]:80").matches(std::nullopt, at("[2001:db8:1::5]:80")));
}

TEST(PeerFilter, PortAloneAndAnyAddress) {
    EXPECT_TRUE(peer(":5432").matches(std::nullopt, at("192.0.2.9:5432")));
    EXPECT_TRUE(peer("*:5432").matches(std::nullopt, at("[::1]:5432")));
    EXPECT_FALSE(peer(":5432").matches(std::nullopt, at("192.0.2.9:5433")));
}

TEST(PeerFilter, PortFlagMatchesEitherEnd) {
    PeerFilter filter;
    filter.any_port = 8080;
    EXPECT_TRUE(filter.matches(at("127.0.0.1:8080"), at("127.0.0.1:40000")));
    EXPECT_TRUE(filter.matches(at("127.0.0.1:40000"), at("127.0.0.1:8080")));
    EXPECT_TRUE(filter.matches(at("0.0.0.0:8080"), std::nullopt));  // a listener
    EXPECT_FALSE(filter.matches(at("127.0.0.1:40000"), at("127.0.0.1:80")));
}

TEST(PeerFilter, BadFormsAreUsageErrorsNamingTheFlag) {
    for (const char* text : {"", "10.0.0.300", "10.0.0.0/33", "10.0.0.1:0", "10.0.0.1:70000", "[::1", "/8",
                             "10.0.0.1:http", "::1/129"}) {
        auto filter = parse_peer_filter(text);
        ASSERT_FALSE(filter) << text;
        EXPECT_EQ(filter.error().code, ExitCode::usage);
        EXPECT_EQ(filter.error().message.rfind("--peer ", 0), 0u) << filter.error().message;
    }
    EXPECT_FALSE(parse_port_filter("0"));
    EXPECT_FALSE(parse_port_filter("65536"));
    EXPECT_FALSE(parse_port_filter("x"));
    EXPECT_EQ(*parse_port_filter("443"), 443);
}

TEST(Endpoint, ParsesTheTraceForms) {
    EXPECT_EQ(at("127.0.0.1:80").port, 80);
    EXPECT_EQ(at("[::1]:443").address.family, AF_INET6);
    EXPECT_FALSE(parse_endpoint("127.0.0.1").has_value());
    EXPECT_FALSE(parse_endpoint("/run/x.sock").has_value());
    EXPECT_FALSE(parse_endpoint("[::1]").has_value());
}

}  // namespace
}  // namespace netlens::trace
