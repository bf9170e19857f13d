#include "proc/comm.h"

#include <gtest/gtest.h>

namespace netlens::proc {
namespace {

TEST(ProcComm, StripsTheNewlineTheKernelAdds) {
    EXPECT_EQ(parse_comm("nginx\n"), "nginx");
    EXPECT_EQ(parse_comm("kworker/u8:0-kvfree_rcu_reclaim\n"), "kworker/u8:0-kvfree_rcu_reclaim");
}

TEST(ProcComm, KeepsEverythingElse) {
    EXPECT_EQ(parse_comm("Web Content\n"), "Web Content");  // names may hold spaces
    EXPECT_EQ(parse_comm("odd\n\n"), "odd\n");              // a name may itself end in a newline
    EXPECT_EQ(parse_comm("no-newline"), "no-newline");
    EXPECT_EQ(parse_comm("\n"), "");
    EXPECT_EQ(parse_comm(""), "");
}

}  // namespace
}  // namespace netlens::proc
