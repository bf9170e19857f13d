// The output model: one JSON document with the fixed top-level keys, or NDJSON with a
// header line and a "type" on every line.
#include "core/document.h"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <sstream>
#include <string>
#include <vector>

namespace netlens {
namespace {

Document sample() {
    Document document;
    document.command = "iface";
    auto& links = document.section("links", "link");
    links.records.push_back({{"name", "lo"}, {"mtu", 65536}});
    links.records.push_back({{"name", "eth0"}, {"mtu", 1500}});
    document.section("neighbours", "neighbour").records.push_back({{"dst", "192.0.2.1"}});
    document.diagnosis.add({
        .id = "link.no_carrier",
        .layer = Layer::l1_2,
        .severity = Severity::critical,
        .title = "eth0 is up but has no carrier",
        .evidence = {{"carrier", "0", "rtnetlink"}},
        .advice = "Check the cable.",
        .next_command = "ethtool eth0",
        .netns = "blue",
    });
    document.diagnosis.skip("nic.driver_counters", "no ethtool statistics");
    return document;
}

std::vector<nlohmann::json> ndjson_lines(const Document& document) {
    std::ostringstream out;
    write_ndjson(out, document);
    std::istringstream in(out.str());
    std::vector<nlohmann::json> lines;
    for (std::string line; std::getline(in, line);) lines.push_back(nlohmann::json::parse(line));
    return lines;
}

TEST(Document, SectionIsFoundAgainByName) {
    Document document;
    Section& first = document.section("links", "link");
    first.records.push_back(1);
    Section& again = document.section("links", "link");
    EXPECT_EQ(&first, &again);
    document.section("routes", "route");
    // Adding a section must not move the first (callers keep references).
    EXPECT_EQ(&first, &document.section("links", "link"));
    EXPECT_EQ(document.sections.size(), 2u);
}

TEST(Document, JsonHasEveryTopLevelKey) {
    std::ostringstream out;
    write_json(out, sample());
    const auto json = nlohmann::json::parse(out.str());
    EXPECT_EQ(json.at("schema"), "netlens/1");
    EXPECT_EQ(json.at("command"), "iface");
    ASSERT_TRUE(json.at("results").is_object());
    ASSERT_EQ(json.at("results").at("links").size(), 2u);
    EXPECT_EQ(json.at("results").at("links")[1].at("name"), "eth0");
    EXPECT_EQ(json.at("results").at("neighbours").size(), 1u);

    ASSERT_EQ(json.at("findings").size(), 1u);
    const auto& finding = json.at("findings")[0];
    EXPECT_EQ(finding.at("id"), "link.no_carrier");
    EXPECT_EQ(finding.at("layer"), "l1_2");
    EXPECT_EQ(finding.at("severity"), "critical");
    EXPECT_EQ(finding.at("title"), "eth0 is up but has no carrier");
    EXPECT_EQ(finding.at("advice"), "Check the cable.");
    EXPECT_EQ(finding.at("next"), "ethtool eth0");
    EXPECT_EQ(finding.at("netns"), "blue");
    ASSERT_EQ(finding.at("evidence").size(), 1u);
    EXPECT_EQ(finding.at("evidence")[0], (nlohmann::json{{"key", "carrier"}, {"value", "0"}, {"source", "rtnetlink"}}));

    ASSERT_EQ(json.at("skipped").size(), 1u);
    EXPECT_EQ(json.at("skipped")[0].at("check"), "nic.driver_counters");
    EXPECT_EQ(json.at("skipped")[0].at("reason"), "no ethtool statistics");
}

TEST(Document, EmptyDocumentStillHasTheKeys) {
    Document document;
    document.command = "route";
    const auto json = to_json(document);
    EXPECT_TRUE(json.at("results").is_object());
    EXPECT_TRUE(json.at("results").empty());
    EXPECT_TRUE(json.at("findings").is_array());
    EXPECT_TRUE(json.at("skipped").is_array());
}

TEST(Document, FindingWithoutNetnsOmitsIt) {
    const auto json = to_json(Finding{.id = "x"});
    EXPECT_FALSE(json.contains("netns"));
    EXPECT_EQ(json.at("severity"), "info");
    EXPECT_TRUE(json.at("evidence").is_array());
}

TEST(Document, InvalidUtf8IsReplacedNotThrown) {
    Document document;
    document.command = "iface";
    document.section("links", "link").records.push_back({{"name", std::string("bad\xff\xfe")}});
    std::ostringstream json_out;
    EXPECT_NO_THROW(write_json(json_out, document));
    EXPECT_FALSE(nlohmann::json::parse(json_out.str()).is_discarded());
    std::ostringstream ndjson_out;
    EXPECT_NO_THROW(write_ndjson(ndjson_out, document));
}

TEST(Document, NdjsonHeaderFirstAndTypedLines) {
    const auto lines = ndjson_lines(sample());
    ASSERT_EQ(lines.size(), 1u + 3u + 1u + 1u);
    EXPECT_EQ(lines[0], (nlohmann::json{{"type", "header"}, {"schema", "netlens/1"}, {"command", "iface"}}));
    for (const auto& line : lines) {
        ASSERT_TRUE(line.contains("type")) << line.dump();
        EXPECT_TRUE(line.at("type").is_string());
    }
    EXPECT_EQ(lines[1].at("type"), "link");
    EXPECT_EQ(lines[1].at("name"), "lo");
    EXPECT_EQ(lines[2].at("type"), "link");
    EXPECT_EQ(lines[3].at("type"), "neighbour");
    EXPECT_EQ(lines[4].at("type"), "finding");
    EXPECT_EQ(lines[4].at("id"), "link.no_carrier");
    EXPECT_EQ(lines[5].at("type"), "skipped");
    EXPECT_EQ(lines[5].at("check"), "nic.driver_counters");
}

TEST(Document, NdjsonIsOneObjectPerLine) {
    std::ostringstream out;
    write_ndjson(out, sample());
    const std::string text = out.str();
    ASSERT_FALSE(text.empty());
    EXPECT_EQ(text.back(), '\n');
    std::istringstream in(text);
    for (std::string line; std::getline(in, line);) {
        EXPECT_EQ(line.front(), '{');
        EXPECT_EQ(line.back(), '}');
    }
}

}  // namespace
}  // namespace netlens
