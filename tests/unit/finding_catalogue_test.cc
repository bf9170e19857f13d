// The catalogue's own rules: ids are unique, dotted and snake_case; every row says when
// it fires, what to do and what to run; skipped checks named like findings are findings;
// and make_finding takes id, layer, severity and advice from the row.
#include "core/finding_catalogue.h"

#include <gtest/gtest.h>

#include <regex>
#include <set>
#include <string>

namespace netlens {
namespace {

TEST(FindingCatalogue, RowsAreCompleteAndIdsUnique) {
    const std::regex dotted("[a-z0-9_]+\\.[a-z0-9_]+");
    std::set<std::string_view> ids;
    for (const auto& entry : kFindingCatalogue) {
        EXPECT_TRUE(std::regex_match(std::string(entry.id), dotted)) << entry.id;
        EXPECT_TRUE(ids.insert(entry.id).second) << "twice: " << entry.id;
        EXPECT_FALSE(entry.raised_by.empty()) << entry.id;
        EXPECT_FALSE(entry.meaning.empty()) << entry.id;
        EXPECT_FALSE(entry.advice.empty()) << entry.id;
        EXPECT_FALSE(entry.next.empty()) << entry.id;
        EXPECT_EQ(find_catalogue_entry(entry.id), &entry);
        if (entry.escalated) {
            EXPECT_GT(entry.escalated->severity, entry.severity.severity) << entry.id;
            EXPECT_FALSE(entry.escalated->when.empty()) << entry.id;
        }
        if (entry.special) {
            EXPECT_FALSE(entry.special->when.empty()) << entry.id;
            EXPECT_FALSE(entry.special->advice.empty()) << entry.id;
        }
    }
    EXPECT_EQ(find_catalogue_entry("no.such_finding"), nullptr);
}

TEST(SkippedChecks, NamesAreUniqueAndSayWhen) {
    std::set<std::string_view> names;
    for (const auto& check : kSkippedChecks) {
        EXPECT_TRUE(names.insert(check.name).second) << "twice: " << check.name;
        EXPECT_FALSE(check.when.empty()) << check.name;
    }
}

TEST(SkippedChecks, FindingsThatCanBeSkippedAreCatalogued) {
    // These checks are skipped under the id of the finding they would raise.
    for (const SkippedCheck check : {SkippedCheck("link.errors_rising"), SkippedCheck("tcp.local_port_exhaustion")}) {
        EXPECT_NE(find_catalogue_entry(check.entry().name), nullptr) << check.entry().name;
    }
}

TEST(SkippedChecks, SubjectFollowsTheName) {
    Diagnosis diagnosis;
    diagnosis.skip("netns", "blue", "cannot enter");
    diagnosis.skip("raw sockets", "no raw_diag");
    ASSERT_EQ(diagnosis.skipped.size(), 2u);
    EXPECT_EQ(diagnosis.skipped[0].check, "netns blue");
    EXPECT_EQ(diagnosis.skipped[1].check, "raw sockets");
}

TEST(SkippedChecks, DamageMarksTheSameEntryPartial) {
    Diagnosis diagnosis;
    diagnosis.skip("route dump", "2 message(s) could not be decoded");
    diagnosis.damaged("route dump", "2 message(s) could not be decoded");
    ASSERT_EQ(diagnosis.skipped.size(), 1u);
    EXPECT_TRUE(diagnosis.skipped[0].partial);
    diagnosis.skip("route dump", "2 message(s) could not be decoded");
    EXPECT_TRUE(diagnosis.skipped[0].partial) << "a later plain skip does not undo the damage";
}

TEST(MakeFinding, TakesTheConstantPartsFromTheRow) {
    const Finding finding = make_finding("link.no_carrier", {
        .title = "eth0 is up but has no carrier",
        .evidence = {{"lower_up", false, "rtnetlink"}},
        .fill = {{"dev", "eth0"}},
        .netns = "blue",
    });
    const CatalogueEntry& entry = *find_catalogue_entry("link.no_carrier");
    EXPECT_EQ(finding.id, "link.no_carrier");
    EXPECT_EQ(finding.layer, Layer::l1_2);
    EXPECT_EQ(finding.severity, entry.severity.severity);
    EXPECT_EQ(finding.advice, entry.advice);
    EXPECT_EQ(finding.next_command, "ethtool eth0");
    EXPECT_EQ(finding.netns, "blue");
    ASSERT_EQ(finding.evidence.size(), 1u);
}

TEST(MakeFinding, EscalatedAndSpecialCases) {
    const Finding finding = make_finding("link.no_carrier", {
        .title = "veth-a is up but has no carrier",
        .escalated = true,
        .special = true,
        .fill = {{"dev", "veth-a"}},
    });
    const CatalogueEntry& entry = *find_catalogue_entry("link.no_carrier");
    EXPECT_EQ(finding.severity, Severity::critical);
    EXPECT_EQ(finding.advice, entry.special->advice);
    EXPECT_EQ(finding.next_command, "ip -d link show veth-a");
}

TEST(MakeFinding, EveryPlaceholderIsFilled) {
    const Finding finding = make_finding("neigh.gateway_unresolved", {
        .title = "default gateway 192.0.2.1 on eth0 does not answer ARP",
        .fill = {{"dev", "eth0"}, {"gateway", "192.0.2.1"}},
    });
    EXPECT_EQ(finding.next_command, "ip neigh show dev eth0 && netlens route get 192.0.2.1");
}

}  // namespace
}  // namespace netlens
