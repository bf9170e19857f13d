#include "proc/socket_link.h"

#include <gtest/gtest.h>

namespace netlens::proc {
namespace {

TEST(ProcSocketLink, ReadsTheInode) {
    EXPECT_EQ(parse_socket_link("socket:[12345]"), 12345u);
    EXPECT_EQ(parse_socket_link("socket:[0]"), 0u);
    EXPECT_EQ(parse_socket_link("socket:[18446744073709551615]"), UINT64_MAX);
}

TEST(ProcSocketLink, OtherTargetsAreNotSockets) {
    EXPECT_EQ(parse_socket_link("pipe:[12345]"), std::nullopt);
    EXPECT_EQ(parse_socket_link("anon_inode:[eventfd]"), std::nullopt);
    EXPECT_EQ(parse_socket_link("/dev/null"), std::nullopt);
    EXPECT_EQ(parse_socket_link("/tmp/socket:[1]"), std::nullopt);  // a file with a strange name
    EXPECT_EQ(parse_socket_link(""), std::nullopt);
}

TEST(ProcSocketLink, MalformedTextIsRejected) {
    EXPECT_EQ(parse_socket_link("socket:[]"), std::nullopt);
    EXPECT_EQ(parse_socket_link("socket:["), std::nullopt);
    EXPECT_EQ(parse_socket_link("socket:[123"), std::nullopt);  // cut short by a small buffer
    EXPECT_EQ(parse_socket_link("socket:[12x]"), std::nullopt);
    EXPECT_EQ(parse_socket_link("socket:[-1]"), std::nullopt);
    EXPECT_EQ(parse_socket_link("socket:[+1]"), std::nullopt);
    EXPECT_EQ(parse_socket_link("socket:[ 1]"), std::nullopt);
    EXPECT_EQ(parse_socket_link("socket:[18446744073709551616]"), std::nullopt);  // overflows
    EXPECT_EQ(parse_socket_link("socket:[1]\n"), std::nullopt);
}

}  // namespace
}  // namespace netlens::proc
