// Text to address bytes and back.
#include "core/ip_address.h"

#include <arpa/inet.h>
#include <gtest/gtest.h>

#include <string>

namespace netlens {
namespace {

TEST(ParseIpAddress, Ipv4) {
    const auto address = parse_ip_address("192.0.2.33");
    ASSERT_TRUE(address.has_value());
    EXPECT_EQ(address->family, AF_INET);
    EXPECT_EQ(address->size(), 4u);
    ASSERT_EQ(address->view().size(), 4u);
    EXPECT_EQ(address->view()[0], 192);
    EXPECT_EQ(address->view()[3], 33);
    EXPECT_EQ(address->to_string(), "192.0.2.33");
}

TEST(ParseIpAddress, Ipv6IsNormalised) {
    const auto address = parse_ip_address("2001:DB8:0:0::0:1");
    ASSERT_TRUE(address.has_value());
    EXPECT_EQ(address->family, AF_INET6);
    EXPECT_EQ(address->size(), 16u);
    EXPECT_EQ(address->bytes[0], 0x20);
    EXPECT_EQ(address->bytes[15], 0x01);
    EXPECT_EQ(address->to_string(), "2001:db8::1");
}

TEST(ParseIpAddress, Ipv4MappedAndUnspecified) {
    const auto mapped = parse_ip_address("::ffff:10.1.2.3");
    ASSERT_TRUE(mapped.has_value());
    EXPECT_EQ(mapped->family, AF_INET6);
    EXPECT_EQ(mapped->to_string(), "::ffff:10.1.2.3");
    const auto any = parse_ip_address("::");
    ASSERT_TRUE(any.has_value());
    EXPECT_EQ(any->to_string(), "::");
    const auto zero = parse_ip_address("0.0.0.0");
    ASSERT_TRUE(zero.has_value());
    EXPECT_EQ(zero->family, AF_INET);
}

TEST(ParseIpAddress, RejectsWhatIsNotAnAddress) {
    for (const char* text : {"", "1.2.3", "1.2.3.4.5", "256.1.1.1", "1.2.3.4 ", " 1.2.3.4", "::g", "1::2::3",
                             "example.com", "10.0.0.0/8", "fe80::1%eth0", "0x7f.1"}) {
        EXPECT_FALSE(parse_ip_address(text).has_value()) << '"' << text << '"';
    }
}

TEST(IpAddress, DefaultHasNoText) {
    const IpAddress address;
    EXPECT_EQ(address.to_string(), "");
}

}  // namespace
}  // namespace netlens
