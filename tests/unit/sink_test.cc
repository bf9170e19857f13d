// The sinks: one JSON document with the fixed top-level keys, NDJSON with a header
// line and a "type" on every line, text tables printed a window at a time, and
// buffered namespaces replayed section by section.
#include "core/sink.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>
#include <vector>

#include "core/buffered_sink.h"
#include "core/error.h"
#include "core/finding_json.h"
#include "core/text_sink.h"

namespace netlens {
namespace {

Diagnosis sample_diagnosis() {
    Diagnosis diagnosis;
    diagnosis.add({
        .id = "link.no_carrier",
        .layer = Layer::l1_2,
        .severity = Severity::critical,
        .title = "eth0 is up but has no carrier",
        .evidence = {{"carrier", "0", "rtnetlink"}},
        .advice = "Check the cable.",
        .next_command = "ethtool eth0",
        .netns = "blue",
    });
    diagnosis.skip("nic.driver_counters", "no ethtool statistics");
    return diagnosis;
}

const SectionSpec kLinks{.name = "links", .record_type = "link", .columns = {{"IFACE"}, {"MTU", Align::right}}};
const SectionSpec kNeighbours{.name = "neighbours", .record_type = "neighbour", .columns = {{"DST"}}};

// Writes through a sink of `format` into a file and returns what the file holds.
class SinkOutput {
public:
    SinkOutput() {
        char name[] = "/tmp/netlens-sink-XXXXXX";
        const int fd = mkstemp(name);
        if (fd >= 0) close(fd);
        path_ = name;
    }
    ~SinkOutput() { unlink(path_.c_str()); }

    template <typename Produce>
    std::string run(Format format, Produce produce) {
        OutputDestination destination({.format = format, .color = ColorMode::never, .file = path_});
        auto sink = make_sink(destination, "iface");
        produce(*sink);
        std::ifstream in(path_);
        return std::string(std::istreambuf_iterator<char>(in), {});
    }

private:
    std::string path_;
};

void sample(Sink& sink) {
    sink.section(kLinks);
    if (sink.structured()) {
        sink.record({{"name", "lo"}, {"mtu", 65536}});
        sink.record({{"name", "eth0"}, {"mtu", 1500}});
    } else {
        sink.row({"lo", "65536"});
        sink.row({"eth0", "1500"});
    }
    sink.section(kNeighbours);
    if (sink.structured()) {
        sink.record({{"dst", "192.0.2.1"}});
    } else {
        sink.row({"192.0.2.1"});
    }
    sink.finish(sample_diagnosis());
}

std::vector<nlohmann::json> lines_of(const std::string& text) {
    std::istringstream in(text);
    std::vector<nlohmann::json> lines;
    for (std::string line; std::getline(in, line);) lines.push_back(nlohmann::json::parse(line));
    return lines;
}

TEST(JsonSink, DocumentHasEveryTopLevelKey) {
    SinkOutput output;
    const auto json = nlohmann::json::parse(output.run(Format::json, sample));
    EXPECT_EQ(json.at("schema"), "netlens/1");
    EXPECT_EQ(json.at("command"), "iface");
    ASSERT_TRUE(json.at("results").is_object());
    ASSERT_EQ(json.at("results").at("links").size(), 2u);
    EXPECT_EQ(json.at("results").at("links")[1].at("name"), "eth0");
    EXPECT_EQ(json.at("results").at("links")[1].at("mtu"), 1500);
    EXPECT_EQ(json.at("results").at("neighbours").size(), 1u);

    ASSERT_EQ(json.at("findings").size(), 1u);
    const auto& finding = json.at("findings")[0];
    EXPECT_EQ(finding.at("id"), "link.no_carrier");
    EXPECT_EQ(finding.at("layer"), "l1_2");
    EXPECT_EQ(finding.at("severity"), "critical");
    EXPECT_EQ(finding.at("netns"), "blue");
    ASSERT_EQ(json.at("skipped").size(), 1u);
    EXPECT_EQ(json.at("skipped")[0].at("check"), "nic.driver_counters");
    EXPECT_FALSE(json.at("skipped")[0].contains("partial"));
}

TEST(JsonSink, EmptyDocumentStillHasTheKeys) {
    SinkOutput output;
    const auto json = nlohmann::json::parse(output.run(Format::json, [](Sink& sink) { sink.finish({}); }));
    EXPECT_TRUE(json.at("results").is_object());
    EXPECT_TRUE(json.at("results").empty());
    EXPECT_TRUE(json.at("findings").is_array());
    EXPECT_TRUE(json.at("skipped").is_array());
}

TEST(JsonSink, SectionWithoutRecordsIsAnEmptyArray) {
    SinkOutput output;
    const auto json = nlohmann::json::parse(output.run(Format::json, [](Sink& sink) {
        sink.section(kLinks);
        sink.section(kNeighbours);
        sink.finish({});
    }));
    EXPECT_TRUE(json.at("results").at("links").empty());
    EXPECT_TRUE(json.at("results").at("neighbours").is_array());
}

TEST(JsonSink, ReopeningAClosedSectionIsRefused) {
    SinkOutput output;
    EXPECT_THROW(output.run(Format::json,
                            [](Sink& sink) {
                                sink.section(kLinks);
                                sink.section(kNeighbours);
                                sink.section(kLinks);
                            }),
                 std::logic_error);
}

TEST(JsonSink, DamageIsMarkedPartial) {
    SinkOutput output;
    const auto json = nlohmann::json::parse(output.run(Format::json, [](Sink& sink) {
        Diagnosis diagnosis;
        diagnosis.damaged("route dump", "2 message(s) could not be decoded");
        sink.finish(diagnosis);
    }));
    EXPECT_EQ(json.at("skipped")[0].at("partial"), true);
}

TEST(JsonSink, InvalidUtf8IsReplacedNotThrown) {
    SinkOutput output;
    std::string text;
    EXPECT_NO_THROW(text = output.run(Format::json, [](Sink& sink) {
        sink.section(kLinks);
        sink.record({{"name", std::string("bad\xff\xfe")}});
        sink.finish({});
    }));
    EXPECT_FALSE(nlohmann::json::parse(text).is_discarded());
}

TEST(NdjsonSink, HeaderFirstAndTypedLines) {
    SinkOutput output;
    const auto lines = lines_of(output.run(Format::ndjson, sample));
    ASSERT_EQ(lines.size(), 1u + 3u + 1u + 1u);
    EXPECT_EQ(lines[0], (nlohmann::json{{"type", "header"}, {"schema", "netlens/1"}, {"command", "iface"}}));
    for (const auto& line : lines) ASSERT_TRUE(line.at("type").is_string()) << line.dump();
    EXPECT_EQ(lines[1].at("type"), "link");
    EXPECT_EQ(lines[1].at("name"), "lo");
    EXPECT_EQ(lines[2].at("type"), "link");
    EXPECT_EQ(lines[3].at("type"), "neighbour");
    EXPECT_EQ(lines[4].at("type"), "finding");
    EXPECT_EQ(lines[4].at("id"), "link.no_carrier");
    EXPECT_EQ(lines[5].at("type"), "skipped");
}

TEST(TextSink, TablesFindingsAndEmptyText) {
    SinkOutput output;
    const std::string text = output.run(Format::text, [](Sink& sink) {
        sink.section(kLinks);
        sink.row({"lo", "65536"});
        sink.row({"eth0", "1500"});
        SectionSpec empty = kNeighbours;
        empty.gap = true;
        empty.empty_text = "no neighbour entries";
        sink.section(empty);
        sink.finish(sample_diagnosis());
    });
    EXPECT_EQ(text.substr(0, 39), "IFACE    MTU\nlo     65536\neth0    1500\n");
    EXPECT_NE(text.find("\n\nno neighbour entries\n"), std::string::npos) << text;
    EXPECT_NE(text.find("link.no_carrier"), std::string::npos);
    EXPECT_NE(text.find("nic.driver_counters: no ethtool statistics"), std::string::npos);
}

TEST(TextSink, WindowsKeepTheWidthsSeenSoFar) {
    SinkOutput output;
    const std::string text = output.run(Format::text, [](Sink& sink) {
        sink.section({.name = "rows", .record_type = "row", .columns = {{"A"}, {"B"}}});
        sink.row({"a-very-wide-cell", "x"});
        for (size_t i = 0; i < TextSink::kWindowRows; ++i) sink.row({"n", "y"});
        sink.finish({});
    });
    std::istringstream in(text);
    std::string line;
    size_t header_lines = 0;
    size_t rows = 0;
    while (std::getline(in, line)) {
        if (line.rfind("A ", 0) == 0) ++header_lines;
        if (line.rfind("n ", 0) == 0) {
            ++rows;
            // The second window starts after the wide cell's window and keeps its width.
            EXPECT_EQ(line, "n                 y");
        }
    }
    EXPECT_EQ(header_lines, 1u);
    EXPECT_EQ(rows, TextSink::kWindowRows);
}

TEST(OutputDestination, FailedWriteIsAnErrorNamingTheDestination) {
    OutputDestination destination({.format = Format::text, .file = "/dev/full"});
    destination.stream() << std::string(1 << 16, 'x');
    try {
        destination.flush();
        FAIL() << "no error";
    } catch (const FatalError& e) {
        EXPECT_EQ(e.code(), ExitCode::failure);
        EXPECT_NE(std::string(e.what()).find("/dev/full"), std::string::npos) << e.what();
    }
}

TEST(BufferedSink, ReplaysSectionBySectionInBufferOrder) {
    std::vector<BufferedSink> buffers(2, BufferedSink(true, false));
    for (size_t i = 0; i < buffers.size(); ++i) {
        buffers[i].section(kLinks);
        buffers[i].record({{"ns", i}});
        buffers[i].section(kNeighbours);
        buffers[i].record({{"ns", i}});
    }
    SinkOutput output;
    const auto json = nlohmann::json::parse(output.run(Format::json, [&](Sink& sink) {
        BufferedSink::replay(buffers, sink);
        sink.finish({});
    }));
    EXPECT_EQ(json.at("results").at("links"), nlohmann::json::parse(R"([{"ns":0},{"ns":1}])"));
    EXPECT_EQ(json.at("results").at("neighbours"), nlohmann::json::parse(R"([{"ns":0},{"ns":1}])"));
}

TEST(BufferedSink, TextRecordsReplayAsTheyWereWritten) {
    std::vector<BufferedSink> buffers(1, BufferedSink(true, false));
    buffers[0].section(kLinks);
    buffers[0].record(JsonRecord().text("name", "lo").number("mtu", 65536));
    SinkOutput output;
    const auto lines = lines_of(output.run(Format::ndjson, [&](Sink& sink) {
        BufferedSink::replay(buffers, sink);
        sink.finish({});
    }));
    ASSERT_EQ(lines.size(), 2u);
    EXPECT_EQ(lines[1], nlohmann::json::parse(R"({"name":"lo","mtu":65536,"type":"link"})"));
}

TEST(Diagnosis, DamageMakesItPartialAndAppendKeepsIt) {
    Diagnosis one;
    one.skip("raw sockets", "gap");  // skipped checks are named from core/skipped_checks.h
    EXPECT_FALSE(one.partial());
    Diagnosis two;
    two.damaged("route dump", "bad message");
    one.append(std::move(two));
    EXPECT_TRUE(one.partial());
    ASSERT_EQ(one.skipped.size(), 2u);
    EXPECT_TRUE(one.skipped[1].partial);
}

}  // namespace
}  // namespace netlens
