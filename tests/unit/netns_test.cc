// --netns parsing, and namespace enumeration over a fake /run/netns and /proc built in a
// temporary directory: hard links stand in for two names bound to one namespace, since
// enumeration tells namespaces apart by (device, inode) exactly as with nsfs files.
#include "core/netns.h"

#include <gtest/gtest.h>
#include <sys/stat.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

namespace netlens {
namespace {

namespace fs = std::filesystem;

TEST(ParseNetnsTarget, Name) {
    const auto target = parse_netns_target("blue");
    ASSERT_TRUE(target.ok());
    EXPECT_EQ(target->label, "blue");
    EXPECT_EQ(target->path, "/run/netns/blue");
}

TEST(ParseNetnsTarget, Pid) {
    const auto target = parse_netns_target("pid:1234");
    ASSERT_TRUE(target.ok());
    EXPECT_EQ(target->label, "pid:1234");
    EXPECT_EQ(target->path, "/proc/1234/ns/net");
}

TEST(ParseNetnsTarget, AbsolutePath) {
    const auto target = parse_netns_target("/var/run/docker/netns/abc");
    ASSERT_TRUE(target.ok());
    EXPECT_EQ(target->label, "/var/run/docker/netns/abc");
    EXPECT_EQ(target->path, "/var/run/docker/netns/abc");
}

TEST(ParseNetnsTarget, NamesThatLookOddButAreValid) {
    for (const char* value : {"a.b", "ns-1_x", "...", "pidfoo", "pid"}) {
        const auto target = parse_netns_target(value);
        ASSERT_TRUE(target.ok()) << value;
        EXPECT_EQ(target->path, std::string("/run/netns/") + value);
    }
}

TEST(ParseNetnsTarget, InvalidValuesAreUsageErrors) {
    for (const char* value : {"", "pid:", "pid:12a", "pid:-1", "pid: 1", "a/b", "../etc", ".", ".."}) {
        const auto target = parse_netns_target(value);
        ASSERT_FALSE(target.ok()) << value;
        EXPECT_EQ(target.error().code, ExitCode::usage) << value;
        EXPECT_FALSE(target.error().message.empty());
    }
    const auto bad_pid = parse_netns_target("pid:x1");
    ASSERT_FALSE(bad_pid.ok());
    EXPECT_NE(bad_pid.error().message.find("pid:x1"), std::string::npos);
}

// A scratch directory removed when the test ends.
class FakeTree : public ::testing::Test {
protected:
    void SetUp() override {
        std::string pattern = (fs::temp_directory_path() / "netlens-netns-XXXXXX").string();
        ASSERT_NE(mkdtemp(pattern.data()), nullptr);
        root_ = pattern;
        run_ = root_ / "run";
        proc_ = root_ / "proc";
        fs::create_directories(run_);
        fs::create_directories(proc_);
    }
    void TearDown() override { fs::remove_all(root_); }

    // A new "namespace": an empty file with its own inode.
    fs::path make_namespace(const std::string& name) {
        fs::path path = root_ / ("ns-" + name);
        std::ofstream(path).put('x');
        return path;
    }
    void bind_name(const fs::path& ns, const std::string& name) { fs::create_hard_link(ns, run_ / name); }
    void bind_pid(const fs::path& ns, const std::string& pid) {
        fs::create_directories(proc_ / pid / "ns");
        fs::create_hard_link(ns, proc_ / pid / "ns" / "net");
    }
    static ino_t inode_of(const fs::path& path) {
        struct stat st {};
        EXPECT_EQ(stat(path.c_str(), &st), 0);
        return st.st_ino;
    }
    std::vector<NetnsInfo> enumerate() const { return enumerate_netns(run_.string(), proc_.string()); }

    fs::path root_, run_, proc_;
};

TEST_F(FakeTree, DedupesByInodeAndLabels) {
    const auto shared = make_namespace("shared");  // two names and a process
    const auto named = make_namespace("named");    // one name, nothing inside
    const auto host = make_namespace("host");      // processes only; ours
    const auto other = make_namespace("other");    // processes only
    bind_name(shared, "beta");
    bind_name(shared, "alpha");
    bind_name(named, "gamma");
    bind_pid(shared, "300");
    bind_pid(host, "200");
    bind_pid(host, "50");
    bind_pid(other, "1000");
    bind_pid(other, "999");
    fs::create_directory_symlink("200", proc_ / "self");
    fs::create_directories(proc_ / "sys");         // not a pid
    fs::create_directories(proc_ / "4242");        // a pid whose ns we cannot see
    fs::create_directories(proc_ / "12x" / "ns");  // not a pid either

    const auto list = enumerate();
    ASSERT_EQ(list.size(), 4u);

    // Ours first, labelled by its lowest pid, then the rest by label.
    EXPECT_TRUE(list[0].current);
    EXPECT_EQ(list[0].label, "pid:50");
    EXPECT_EQ(list[0].pids, (std::vector<pid_t>{50, 200}));
    EXPECT_TRUE(list[0].names.empty());
    EXPECT_EQ(list[0].inode, inode_of(host));

    EXPECT_EQ(list[1].label, "alpha");
    EXPECT_FALSE(list[1].current);
    EXPECT_EQ(list[1].names, (std::vector<std::string>{"alpha", "beta"}));
    EXPECT_EQ(list[1].pids, (std::vector<pid_t>{300}));
    EXPECT_EQ(list[1].path, (run_ / "alpha").string());
    EXPECT_EQ(list[1].inode, inode_of(shared));

    EXPECT_EQ(list[2].label, "gamma");
    EXPECT_TRUE(list[2].pids.empty());

    EXPECT_EQ(list[3].label, "pid:999");
    EXPECT_EQ(list[3].pids, (std::vector<pid_t>{999, 1000}));
    EXPECT_EQ(list[3].path, (proc_ / "1000" / "ns" / "net").string());
}

TEST_F(FakeTree, PidLabelsSortAsText) {
    bind_pid(make_namespace("a"), "20");
    bind_pid(make_namespace("b"), "100");
    const auto list = enumerate();
    ASSERT_EQ(list.size(), 2u);
    // No "self": nothing is current, and labels sort as strings.
    EXPECT_FALSE(list[0].current || list[1].current);
    EXPECT_EQ(list[0].label, "pid:100");
    EXPECT_EQ(list[1].label, "pid:20");
}

TEST_F(FakeTree, CurrentNamespaceSeenOnlyThroughSelf) {
    const auto ns = make_namespace("self");
    fs::create_directories(proc_ / "self" / "ns");
    fs::create_hard_link(ns, proc_ / "self" / "ns" / "net");
    const auto list = enumerate();
    ASSERT_EQ(list.size(), 1u);
    EXPECT_TRUE(list[0].current);
    EXPECT_EQ(list[0].label, "inode:" + std::to_string(inode_of(ns)));
    EXPECT_EQ(list[0].path, (proc_ / "self" / "ns" / "net").string());
}

TEST_F(FakeTree, NamedCurrentNamespaceKeepsItsName) {
    const auto ns = make_namespace("mine");
    bind_name(ns, "mine");
    bind_pid(ns, "7");
    fs::create_directory_symlink("7", proc_ / "self");
    const auto list = enumerate();
    ASSERT_EQ(list.size(), 1u);
    EXPECT_TRUE(list[0].current);
    EXPECT_EQ(list[0].label, "mine");
    EXPECT_EQ(list[0].pids, (std::vector<pid_t>{7}));
}

TEST_F(FakeTree, MissingDirectoriesGiveNothing) {
    EXPECT_TRUE(enumerate_netns((root_ / "nope").string(), (root_ / "nope2").string()).empty());
}

TEST(EnumerateNetns, RealProcListsTheCurrentNamespaceFirst) {
    const auto list = enumerate_netns();
    ASSERT_FALSE(list.empty());
    EXPECT_TRUE(list[0].current);
    EXPECT_EQ(std::count_if(list.begin(), list.end(), [](const NetnsInfo& i) { return i.current; }), 1);
    // The kernel's word for which namespace is current: the inode of /proc/self/ns/net.
    struct stat own {};
    ASSERT_EQ(stat("/proc/self/ns/net", &own), 0);
    EXPECT_EQ(list[0].inode, own.st_ino);
}

}  // namespace
}  // namespace netlens
