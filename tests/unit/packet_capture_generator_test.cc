// The capture generator: the same options give the same bytes; libpcap reads every
// frame in time order; and tshark, decoding the file with its own dissectors, finds no
// damage and counts what the generator's summary says it made.
#include <gtest/gtest.h>

#include <fstream>
#include <map>
#include <regex>
#include <sstream>

#include "capture_test_support.h"
#include "packet/capture_writer.h"
#include "packet/generate/capture_generator.h"

namespace netlens::packet::generate {
namespace {

using packet::testing::ScratchFile;

struct Generated {
    CaptureSummary summary;
    std::string bytes;
};

Generated generate(const GeneratorOptions& options, CaptureFormat format, TimestampPrecision precision) {
    std::ostringstream stream;
    Generated out;
    {
        auto writer = make_capture_writer(format, CaptureOutput(stream, "memory"));
        EXPECT_TRUE(writer->add_interface({LinkType::ethernet, "eth0", precision}).ok());
        auto summary = generate_capture(options, *writer);
        EXPECT_TRUE(summary.ok()) << (summary.ok() ? "" : summary.error().message);
        if (summary.ok()) out.summary = *summary;
    }
    out.bytes = stream.str();
    return out;
}

void save(const std::string& bytes, const std::string& path) {
    std::ofstream(path, std::ios::binary) << bytes;
}

GeneratorOptions small(std::uint64_t seed) {
    GeneratorOptions options;
    options.seed = seed;
    options.packets = 3000;
    return options;
}

TEST(PacketCaptureGenerator, SameOptionsSameBytesOtherSeedOtherBytes) {
    for (auto format : {CaptureFormat::pcap, CaptureFormat::pcapng}) {
        auto a = generate(small(5), format, TimestampPrecision::nanoseconds);
        auto b = generate(small(5), format, TimestampPrecision::nanoseconds);
        auto c = generate(small(6), format, TimestampPrecision::nanoseconds);
        EXPECT_GT(a.bytes.size(), 100'000u);
        EXPECT_TRUE(a.bytes == b.bytes);
        EXPECT_FALSE(a.bytes == c.bytes);
    }
}

TEST(PacketCaptureGenerator, LibpcapReadsEveryFrameInTimeOrder) {
    ScratchFile file(".pcap");
    auto generated = generate(small(3), CaptureFormat::pcap, TimestampPrecision::nanoseconds);
    save(generated.bytes, file.path());
    auto read = packet::testing::read_with_libpcap(file.path(), true);
    ASSERT_TRUE(read.open_error.empty()) << read.open_error;
    EXPECT_EQ(read.end_status, -2) << read.end_error;
    ASSERT_EQ(read.packets.size(), generated.summary.packets);
    std::uint64_t bytes = 0;
    for (std::size_t i = 0; i < read.packets.size(); ++i) {
        bytes += read.packets[i].captured;
        EXPECT_EQ(read.packets[i].captured, read.packets[i].original);
        if (i > 0) {
            ASSERT_GE(read.packets[i].timestamp, read.packets[i - 1].timestamp) << "packet " << i + 1;
        }
    }
    EXPECT_EQ(bytes, generated.summary.bytes);
    // About as many packets as asked for: flows under way when the count was reached finish.
    EXPECT_GE(generated.summary.packets, 3000u);
    EXPECT_LT(generated.summary.packets, 3600u);
}

TEST(PacketCaptureGenerator, FlowCountAndMix) {
    GeneratorOptions options = small(9);
    options.flows = 50;
    options.weights = *parse_scenario_mix("dns=3,fragments");
    auto generated = generate(options, CaptureFormat::pcapng, TimestampPrecision::nanoseconds);
    EXPECT_EQ(generated.summary.flows, 50u);
    EXPECT_EQ(generated.summary.tcp.streams, 0u);
    EXPECT_EQ(generated.summary.http.requests, 0u);
    EXPECT_GT(generated.summary.dns.queries, 0u);
    EXPECT_GT(generated.summary.fragments.datagrams, 0u);

    auto weights = parse_scenario_mix("http=2,tcp");
    ASSERT_TRUE(weights.ok());
    EXPECT_EQ((*weights)[0], 2u);
    EXPECT_EQ((*weights)[1], 1u);
    EXPECT_EQ((*weights)[2], 0u);
    EXPECT_EQ(parse_scenario_mix("smtp=1").error().message,
              "scenario mix: unknown kind 'smtp' (http, tcp, dns, fragments)");
    EXPECT_EQ(parse_scenario_mix("dns=x").error().message, "scenario mix: bad weight in 'dns=x'");
    options.weights = *parse_scenario_mix("dns=0");
    std::ostringstream stream;
    auto writer = make_capture_writer(CaptureFormat::pcap, CaptureOutput(stream, "memory"));
    ASSERT_TRUE(writer->add_interface({}).ok());
    EXPECT_FALSE(generate_capture(options, *writer).ok());
}

// tshark's counts in one pass: a frame count per display filter (-z io,stat), the TCP
// conversations (-z conv,tcp) and the HTTP status codes (-z http,stat).
struct TsharkCounts {
    std::vector<std::uint64_t> frames;  // per filter, in order
    std::uint64_t tcp_conversations = 0;
    std::map<int, std::uint64_t> http_statuses;
};

TsharkCounts tshark_counts(const std::string& path, const std::vector<std::string>& filters) {
    std::string command = "tshark -r " + path +
                          " -q -o tcp.check_checksum:TRUE -o udp.check_checksum:TRUE -o ip.check_checksum:TRUE"
                          " -z 'io,stat,0";
    for (const auto& filter : filters) command += "," + filter;
    command += "' -z conv,tcp -z http,stat 2>/dev/null";
    std::string out = packet::testing::command_output(command);
    TsharkCounts counts;
    std::istringstream lines(out);
    std::string line;
    bool in_statuses = false;
    std::regex status_line(R"(^\s+(\d{3}) .*\s(\d+)\s*$)");
    while (std::getline(lines, line)) {
        if (line.rfind("| 0.000 <>", 0) == 0) {
            std::vector<std::string> cells;
            std::istringstream row(line);
            std::string cell;
            while (std::getline(row, cell, '|')) cells.push_back(cell);
            // "", interval, then frames and bytes per filter, then padding when the
            // header is wider than the table.
            for (std::size_t i = 2; i < cells.size(); i += 2)
                if (cells[i].find_first_not_of(' ') != std::string::npos) counts.frames.push_back(std::stoull(cells[i]));
        } else if (line.find("<->") != std::string::npos) {
            ++counts.tcp_conversations;
        } else if (line.find("HTTP Response Status Codes") != std::string::npos) {
            in_statuses = true;
        } else if (line.find("HTTP Request Methods") != std::string::npos) {
            in_statuses = false;
        } else if (std::smatch m; in_statuses && std::regex_match(line, m, status_line)) {
            counts.http_statuses[std::stoi(m[1])] = std::stoull(m[2]);
        }
    }
    return counts;
}

const char* kDamage =
    "_ws.malformed || _ws.expert.severity==error || ip.checksum.status==0 || tcp.checksum.status==0 || "
    "udp.checksum.status==0";

// The oracle's own check: a frame with a wrong TCP checksum is one tshark reports.
TEST(PacketCaptureGenerator, TsharkReportsABadChecksum) {
    if (!packet::testing::have_tshark()) GTEST_SKIP() << "tshark is not installed (scripts/install-deps)";
    std::array<std::byte, 2048> frame{};
    IpPair ip;
    ip.source = {10, 0, 0, 1};
    ip.destination = {10, 0, 0, 2};
    std::size_t n = build_tcp_frame(frame, {}, ip, {1000, 2000, 1, 1, kTcpAck, 100, 0}, {}, 1);
    ASSERT_GT(n, 0u);
    ScratchFile file(".pcap");
    {
        auto output = CaptureOutput::create_file(file.path());
        auto writer = make_capture_writer(CaptureFormat::pcap, std::move(*output));
        ASSERT_TRUE(writer->add_interface({}).ok());
        ASSERT_TRUE(writer->write({1'000'000'000, std::span(frame).first(n)}));
        frame[14 + 20 + 16] ^= std::byte{0x01};  // the TCP checksum's high byte
        ASSERT_TRUE(writer->write({2'000'000'000, std::span(frame).first(n)}));
    }
    auto counts = tshark_counts(file.path(), {kDamage, "tcp.checksum.status==0"});
    ASSERT_EQ(counts.frames.size(), 2u);
    EXPECT_EQ(counts.frames[0], 1u);
    EXPECT_EQ(counts.frames[1], 1u);
}

class PacketCaptureGeneratorTshark : public ::testing::TestWithParam<std::pair<CaptureFormat, TimestampPrecision>> {};

TEST_P(PacketCaptureGeneratorTshark, DecodesCleanlyAndCountsWhatTheSummarySays) {
    if (!packet::testing::have_tshark()) GTEST_SKIP() << "tshark is not installed (scripts/install-deps)";
    auto [format, precision] = GetParam();
    ScratchFile file(format == CaptureFormat::pcap ? ".pcap" : ".pcapng");
    auto generated = generate(small(format == CaptureFormat::pcap ? 21 : 22), format, precision);
    save(generated.bytes, file.path());
    const CaptureSummary& s = generated.summary;

    std::vector<std::pair<std::string, std::uint64_t>> expected = {
        {kDamage, 0},
        {"frame", s.packets},
        {"ip", s.ipv4_packets},
        {"ipv6", s.ipv6_packets},
        {"vlan", s.vlan_frames},
        {"tcp.flags.syn==1 && tcp.flags.ack==0", s.tcp.handshakes + 3 * s.tcp.unanswered_syns},
        {"tcp.flags.syn==1 && tcp.flags.ack==1", s.tcp.handshakes},
        {"tcp.flags.fin==1", 2 * s.tcp.fin_closes},
        {"tcp.flags.reset==1", s.tcp.rst_closes},
        {"tcp.analysis.retransmission", s.tcp.retransmissions},
        {"tcp.analysis.fast_retransmission", s.tcp.fast_retransmissions},
        {"tcp.analysis.out_of_order", s.tcp.out_of_order},
        {"tcp.analysis.duplicate_ack", s.tcp.duplicate_acks},
        {"tcp.analysis.zero_window", s.tcp.zero_windows},
        {"tcp.analysis.keep_alive", s.tcp.keep_alives},
        {"http.request", s.http.requests},
        {"http.response", s.http.responses},
        {"http.transfer_encoding == \"chunked\"", s.http.chunked_responses},
        {"dns.flags.response==0", s.dns.queries},
        {"dns.flags.response==1", s.dns.responses},
        {"dns.flags.rcode==3", s.dns.nxdomain},
        {"dns.flags.response==0 && dns.qry.type==1", s.dns.a_queries},
        {"dns.flags.response==0 && dns.qry.type==28", s.dns.aaaa_queries},
        {"dns.retransmission", s.dns.retries},
        {"ip.flags.mf==1", s.fragments.more_fragments},
        {"ip.frag_offset > 0 || ip.flags.mf==1", s.fragments.fragments},
    };
    std::vector<std::string> filters;
    for (const auto& e : expected) filters.push_back(e.first);
    auto counts = tshark_counts(file.path(), filters);
    ASSERT_EQ(counts.frames.size(), expected.size()) << "tshark gave no io,stat row";
    for (std::size_t i = 0; i < expected.size(); ++i)
        EXPECT_EQ(counts.frames[i], expected[i].second) << expected[i].first;
    EXPECT_EQ(counts.tcp_conversations, s.tcp.streams);
    for (std::size_t i = 0; i < kHttpStatuses.size(); ++i) {
        auto found = counts.http_statuses.find(kHttpStatuses[i].code);
        EXPECT_EQ(found == counts.http_statuses.end() ? 0 : found->second, s.http.by_status[i])
            << "HTTP " << kHttpStatuses[i].code;
    }
    // Every kind of trouble is there to be counted at all.
    EXPECT_GT(s.tcp.retransmissions, 0u);
    EXPECT_GT(s.tcp.out_of_order, 0u);
    EXPECT_GT(s.tcp.zero_windows, 0u);
    EXPECT_GT(s.http.by_status[3], 0u);  // 404
    EXPECT_GT(s.dns.nxdomain, 0u);
}

INSTANTIATE_TEST_SUITE_P(Formats, PacketCaptureGeneratorTshark,
                         ::testing::Values(std::pair{CaptureFormat::pcap, TimestampPrecision::microseconds},
                                           std::pair{CaptureFormat::pcapng, TimestampPrecision::nanoseconds}));

}  // namespace
}  // namespace netlens::packet::generate
