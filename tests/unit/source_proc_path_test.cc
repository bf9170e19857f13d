// /proc/net paths are read through /proc/thread-self/net, so a thread that entered
// another namespace reads its own; everything else is read as asked.
#include "source/proc_path.h"

#include <gtest/gtest.h>

namespace netlens::source {
namespace {

TEST(ThreadProcPath, ProcNetGoesThroughThreadSelf) {
    EXPECT_EQ(thread_proc_path("/proc/net/sockstat"), "/proc/thread-self/net/sockstat");
    EXPECT_EQ(thread_proc_path("/proc/net/dev"), "/proc/thread-self/net/dev");
    EXPECT_EQ(thread_proc_path("/proc/net"), "/proc/thread-self/net");
}

TEST(ThreadProcPath, ProcSelfNetToo) {
    EXPECT_EQ(thread_proc_path("/proc/self/net/sockstat6"), "/proc/thread-self/net/sockstat6");
}

TEST(ThreadProcPath, OtherPathsAreUnchanged) {
    for (const char* path : {"/proc/sys/net/core/somaxconn", "/proc/netstat", "/proc/thread-self/net/snmp",
                             "/proc/1/net/dev", "/sys/class/net/lo/mtu", "proc/net/dev", ""}) {
        EXPECT_EQ(thread_proc_path(path), path) << path;
    }
}

}  // namespace
}  // namespace netlens::source
