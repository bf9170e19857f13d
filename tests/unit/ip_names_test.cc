// iproute2's name databases as ip 6.1 reads them (lib/rt_names.c): the line grammar,
// which files count, and the order in which built-in names give way to the files'.
#include "iface/ip_names.h"

#include <gtest/gtest.h>
#include <linux/rtnetlink.h>

#include "ip_names_fixture.h"
#include "proc/id_name_file.h"

namespace netlens::iface {
namespace {

using test_support::FileTableSource;
using test_support::names_from;

TEST(IdNameFile, ReadsDecimalAndHexPairsAndSkipsComments) {
    const auto file = proc::parse_id_name_file("# comment\n\n  \t5 five # trailing\n0x10\tsixteen\n-1 negative\n");
    ASSERT_EQ(file.entries.size(), 3u);
    EXPECT_EQ(file.entries[0].id, 5);
    EXPECT_EQ(file.entries[0].name, "five");
    EXPECT_EQ(file.entries[1].id, 16);
    EXPECT_EQ(file.entries[1].name, "sixteen");
    EXPECT_EQ(file.entries[2].id, -1);
    EXPECT_FALSE(file.corrupt_line);
}

TEST(IdNameFile, AMalformedLineEndsTheFileAndKeepsWhatCameBefore) {
    const auto file = proc::parse_id_name_file("1 one\nbad line\n2 two\n");
    ASSERT_EQ(file.entries.size(), 1u);
    EXPECT_EQ(file.corrupt_line, "bad line");
}

TEST(IdNameFile, ANumberWithoutANameIsCorrupt) {
    EXPECT_TRUE(proc::parse_id_name_file("7\n").corrupt_line);
    EXPECT_TRUE(proc::parse_id_name_file("7   \n").corrupt_line);
}

TEST(IdNameFile, ABadHexNumberFallsBackToDecimalAsSscanfDoes) {
    // sscanf("%d %s") reads "0" and then "xzz" as the name.
    const auto file = proc::parse_id_name_file("0xzz name\n");
    ASSERT_EQ(file.entries.size(), 1u);
    EXPECT_EQ(file.entries[0].id, 0);
    EXPECT_EQ(file.entries[0].name, "xzz");
}

TEST(IpNames, BuiltInNamesWithoutDatabases) {
    const IpNames names;
    EXPECT_EQ(names.protocol(RTPROT_KERNEL), "kernel");
    EXPECT_EQ(names.protocol(99), "99");  // ip 6.1 has no built-in openr
    EXPECT_EQ(names.scope(RT_SCOPE_LINK), "link");
    EXPECT_EQ(names.realm(0), "unknown");
    EXPECT_EQ(names.dsfield(0x28), "0x28");
    EXPECT_EQ(names.table(RT_TABLE_MAIN), "main");
    EXPECT_EQ(names.table(1000), "1000");
    EXPECT_EQ(names.group(0), "default");
    EXPECT_EQ(names.group(UINT32_MAX), "-1");
}

TEST(IpNames, FilesAndConfDirectoriesName) {
    const IpNames names = names_from({
        {"/etc/iproute2/rt_protos", "99 openr\n"},
        {"/etc/iproute2/rt_protos.d/", "extra.conf\nignored.txt\n.hidden.conf\n"},
        {"/etc/iproute2/rt_protos.d/extra.conf", "200 mine\n"},
        {"/etc/iproute2/rt_protos.d/ignored.txt", "201 ignored\n"},
        {"/etc/iproute2/rt_tables", "254 main\n100 hundred\n1000 thousand\n"},
        {"/etc/iproute2/rt_tables.d/", "vrf.conf\n"},
        {"/etc/iproute2/rt_tables.d/vrf.conf", "100 vrf-blue\n"},
        {"/etc/iproute2/rt_dsfield", "0x28 AF11\n"},
        {"/etc/iproute2/group", "7 lab\n"},
    });
    EXPECT_EQ(names.protocol(99), "openr");
    EXPECT_EQ(names.protocol(200), "mine");
    EXPECT_EQ(names.protocol(201), "201");
    EXPECT_EQ(names.table(100), "vrf-blue");  // the later entry wins
    EXPECT_EQ(names.table(1000), "thousand");
    EXPECT_EQ(names.dsfield(0x28), "AF11");
    EXPECT_EQ(names.dsfield(0x10), "0x10");
    EXPECT_EQ(names.group(7), "lab");
}

TEST(IpNames, AFileReplacesBuiltInNamesOnlyOnceReadForAMissingName) {
    const IpNames names = names_from({{"/etc/iproute2/rt_realms", "0 cosmos\n5 five\n"}});
    EXPECT_EQ(names.realm(0), "unknown");  // built in; the file is not read yet
    EXPECT_EQ(names.realm(5), "five");     // no built-in name: the file is read
    EXPECT_EQ(names.realm(0), "cosmos");   // and from now on its names win
}

TEST(IpNames, AnUnreadableOrCorruptDatabaseIsASkippedCheck) {
    FileTableSource source(std::map<std::string, std::string>{{"/etc/iproute2/rt_scopes", "1 one\nnot a pair\n"}});
    Diagnosis diagnosis;
    const IpNames names = IpNames::read(source, diagnosis);
    EXPECT_EQ(names.scope(1), "one");
    ASSERT_EQ(diagnosis.skipped.size(), 1u);
    EXPECT_NE(diagnosis.skipped[0].reason.find("rt_scopes is corrupted at not a pair"), std::string::npos);
}

}  // namespace
}  // namespace netlens::iface
