// The capture writers, checked by libpcap reading what they wrote (and tshark where
// libpcap cannot: several link types in one pcapng section), and by the bytes the
// formats' specifications fix.
#include <fcntl.h>
#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

#include "capture_test_support.h"
#include "packet/capture_writer.h"

namespace netlens::packet {
namespace {

using testing::read_with_libpcap;
using testing::ScratchFile;

struct Sample {
    std::uint64_t timestamp_ns;
    std::vector<std::byte> data;
    std::uint32_t original_length;
};

// Packets of awkward lengths (0, 1, 3: pcapng padding) and timestamps that need every
// nanosecond digit.
std::vector<Sample> samples() {
    std::vector<Sample> out;
    for (std::size_t i = 0; i < 40; ++i) {
        std::size_t length = i == 0 ? 0 : i == 1 ? 1 : i == 2 ? 3 : 17 * i + i % 4;
        std::vector<std::byte> data(length);
        for (std::size_t k = 0; k < length; ++k) data[k] = std::byte(static_cast<unsigned char>(i * 31 + k));
        std::uint32_t original = i % 5 == 0 ? static_cast<std::uint32_t>(length + 100) : 0;
        out.push_back({1'700'000'000'123'456'789ULL + i * 1'000'000'007ULL, std::move(data), original});
    }
    return out;
}

void write_samples(CaptureWriter& writer, const std::vector<Sample>& packets, std::uint32_t interface = 0) {
    for (const auto& p : packets) ASSERT_TRUE(writer.write({p.timestamp_ns, p.data, p.original_length, interface}));
}

void expect_same(const testing::PcapRead& read, const std::vector<Sample>& packets, bool nanoseconds) {
    ASSERT_TRUE(read.open_error.empty()) << read.open_error;
    EXPECT_EQ(read.end_status, -2) << read.end_error;
    ASSERT_EQ(read.packets.size(), packets.size());
    for (std::size_t i = 0; i < packets.size(); ++i) {
        const auto& want = packets[i];
        const auto& got = read.packets[i];
        EXPECT_EQ(got.timestamp, nanoseconds ? want.timestamp_ns : want.timestamp_ns / 1000) << "packet " << i;
        EXPECT_EQ(got.captured, want.data.size()) << "packet " << i;
        EXPECT_EQ(got.original, std::max<std::size_t>(want.original_length, want.data.size())) << "packet " << i;
        ASSERT_EQ(got.bytes.size(), want.data.size());
        EXPECT_TRUE(std::equal(got.bytes.begin(), got.bytes.end(), reinterpret_cast<const unsigned char*>(want.data.data())))
            << "packet " << i;
    }
}

std::unique_ptr<CaptureWriter> file_writer(CaptureFormat format, const std::string& path,
                                           std::size_t buffer_bytes = CaptureOutput::kDefaultBufferBytes) {
    auto output = CaptureOutput::create_file(path, buffer_bytes);
    EXPECT_TRUE(output.ok());
    return make_capture_writer(format, std::move(*output));
}

TEST(PacketWriter, PcapMicrosecondsReadByLibpcap) {
    ScratchFile file(".pcap");
    auto packets = samples();
    {
        auto writer = file_writer(CaptureFormat::pcap, file.path());
        ASSERT_TRUE(writer->add_interface({LinkType::ethernet, "", TimestampPrecision::microseconds}).ok());
        write_samples(*writer, packets);
        ASSERT_TRUE(writer->flush());
    }
    auto read = read_with_libpcap(file.path(), false);
    EXPECT_EQ(read.link_type, DLT_EN10MB);
    expect_same(read, packets, false);
}

TEST(PacketWriter, PcapNanosecondsReadByLibpcap) {
    ScratchFile file(".pcap");
    auto packets = samples();
    {
        auto writer = file_writer(CaptureFormat::pcap, file.path());
        ASSERT_TRUE(writer->add_interface({LinkType::raw, "", TimestampPrecision::nanoseconds}).ok());
        write_samples(*writer, packets);
    }  // the destructor flushes
    auto read = read_with_libpcap(file.path(), true);
    EXPECT_EQ(read.link_type, DLT_RAW);
    expect_same(read, packets, true);
}

TEST(PacketWriter, PcapFileHeaderBytesAsTheFormatFixesThem) {
    std::ostringstream stream;
    {
        auto writer = make_capture_writer(CaptureFormat::pcap, CaptureOutput(stream, "memory"));
        ASSERT_TRUE(writer->add_interface({LinkType::ethernet, "", TimestampPrecision::nanoseconds, 65535}).ok());
        std::array<std::byte, 2> data{std::byte{0xab}, std::byte{0xcd}};
        ASSERT_TRUE(writer->write({5'000'000'007ULL, data, 60, 0}));
        ASSERT_TRUE(writer->flush());
    }
    // Little-endian nanosecond magic, version 2.4, zone 0, sigfigs 0, snaplen 65535,
    // linktype 1; then seconds 5, nanoseconds 7, caplen 2, len 60 and the data.
    const unsigned char want[] = {0x4d, 0x3c, 0xb2, 0xa1, 2, 0, 4, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff, 0, 0,
                                  1,    0,    0,    0,    5, 0, 0, 0, 7, 0, 0, 0, 2, 0, 0, 0, 60, 0,  0,    0, 0xab, 0xcd};
    EXPECT_EQ(stream.str(), std::string(reinterpret_cast<const char*>(want), sizeof want));
}

TEST(PacketWriter, SnaplenCutsDataAndKeepsTheOriginalLength) {
    ScratchFile file(".pcap");
    std::vector<std::byte> data(300, std::byte{0x5a});
    {
        auto writer = file_writer(CaptureFormat::pcap, file.path());
        ASSERT_TRUE(writer->add_interface({LinkType::ethernet, "", TimestampPrecision::microseconds, 128}).ok());
        ASSERT_TRUE(writer->write({1'000'000'000, data, 0, 0}));
    }
    auto read = read_with_libpcap(file.path(), false);
    ASSERT_EQ(read.packets.size(), 1u);
    EXPECT_EQ(read.packets[0].captured, 128u);
    EXPECT_EQ(read.packets[0].original, 300u);
}

TEST(PacketWriter, PcapngOneInterfaceReadByLibpcapInEitherResolution) {
    for (auto precision : {TimestampPrecision::nanoseconds, TimestampPrecision::microseconds}) {
        ScratchFile file(".pcapng");
        auto packets = samples();
        {
            auto writer = file_writer(CaptureFormat::pcapng, file.path());
            auto id = writer->add_interface({LinkType::ethernet, "eth0", precision});
            ASSERT_TRUE(id.ok());
            EXPECT_EQ(*id, 0u);
            write_samples(*writer, packets);
        }
        bool nano = precision == TimestampPrecision::nanoseconds;
        auto read = read_with_libpcap(file.path(), true);
        EXPECT_EQ(read.link_type, DLT_EN10MB);
        // A microsecond interface keeps microseconds: libpcap scales them back up.
        if (!nano)
            for (auto& p : packets) p.timestamp_ns -= p.timestamp_ns % 1000;
        expect_same(read, packets, true);
    }
}

TEST(PacketWriter, PcapngSeveralLinkTypesAsTsharkReadsThem) {
    if (!testing::have_tshark()) GTEST_SKIP() << "tshark is not installed (scripts/install-deps)";
    ScratchFile file(".pcapng");
    auto packets = samples();
    {
        auto writer = file_writer(CaptureFormat::pcapng, file.path());
        ASSERT_EQ(*writer->add_interface({LinkType::ethernet, "eth0", TimestampPrecision::nanoseconds}), 0u);
        ASSERT_EQ(*writer->add_interface({LinkType::raw, "tun0", TimestampPrecision::microseconds}), 1u);
        ASSERT_EQ(*writer->add_interface({LinkType::linux_sll, "any", TimestampPrecision::nanoseconds}), 2u);
        for (std::size_t i = 0; i < packets.size(); ++i) {
            const auto& p = packets[i];
            ASSERT_TRUE(writer->write({p.timestamp_ns, p.data, p.original_length, static_cast<std::uint32_t>(i % 3)}));
        }
    }
    std::string out = testing::command_output("tshark -r " + file.path() +
                                              " -T fields -E separator=, -e frame.interface_id -e frame.interface_name"
                                              " -e frame.len -e frame.cap_len -e frame.time_epoch 2>/dev/null");
    std::istringstream lines(out);
    std::string line;
    std::size_t i = 0;
    const char* names[] = {"eth0", "tun0", "any"};
    for (; std::getline(lines, line); ++i) {
        ASSERT_LT(i, packets.size());
        const auto& p = packets[i];
        std::uint64_t ts = i % 3 == 1 ? p.timestamp_ns / 1000 * 1000 : p.timestamp_ns;
        char fraction[16];
        std::snprintf(fraction, sizeof fraction, "%09llu", static_cast<unsigned long long>(ts % 1'000'000'000));
        std::string want = std::to_string(i % 3) + "," + names[i % 3] + "," +
                           std::to_string(std::max<std::size_t>(p.original_length, p.data.size())) + "," +
                           std::to_string(p.data.size()) + "," + std::to_string(ts / 1'000'000'000) + "." + fraction;
        EXPECT_EQ(line, want) << "packet " << i;
    }
    EXPECT_EQ(i, packets.size());
}

TEST(PacketWriter, OstreamAndFdOutputsWriteTheSameBytes) {
    auto packets = samples();
    std::ostringstream stream;
    {
        auto writer = make_capture_writer(CaptureFormat::pcapng, CaptureOutput(stream, "memory", 256));
        ASSERT_TRUE(writer->add_interface({LinkType::ethernet, "eth0"}).ok());
        write_samples(*writer, packets);
    }
    ScratchFile file(".pcapng");
    {
        int fd = ::open(file.path().c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
        ASSERT_GE(fd, 0);
        {
            auto writer = make_capture_writer(CaptureFormat::pcapng, CaptureOutput(fd, file.path()));
            ASSERT_TRUE(writer->add_interface({LinkType::ethernet, "eth0"}).ok());
            write_samples(*writer, packets);
            ASSERT_TRUE(writer->flush());
        }
        ::close(fd);
    }
    std::ifstream in(file.path(), std::ios::binary);
    std::string from_fd((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    EXPECT_EQ(from_fd, stream.str());
}

// A capture stopped at any moment (SIGINT, SIGKILL) leaves what reached the file; with a
// buffer far smaller than the packets written, the buffer went out many times on its own,
// and each time it ended at a record: libpcap reads to a clean end, every packet whole.
TEST(PacketWriter, FileEndsAtARecordWhateverMomentItIsRead) {
    for (auto format : {CaptureFormat::pcap, CaptureFormat::pcapng}) {
        ScratchFile file(format == CaptureFormat::pcap ? ".pcap" : ".pcapng");
        auto packets = samples();
        auto writer = file_writer(format, file.path(), 300);
        ASSERT_TRUE(writer->add_interface({LinkType::ethernet, "eth0", TimestampPrecision::nanoseconds}).ok());
        std::size_t written = 0;
        for (const auto& p : packets) {
            ASSERT_TRUE(writer->write({p.timestamp_ns, p.data, p.original_length, 0}));
            ++written;
            if (written % 7 != 0) continue;
            auto read = read_with_libpcap(file.path(), true);
            ASSERT_TRUE(read.open_error.empty()) << read.open_error;
            EXPECT_EQ(read.end_status, -2) << "after " << written << " packets: " << read.end_error;
            EXPECT_LE(read.packets.size(), written);
            if (written == 21) {
                ASSERT_TRUE(writer->flush());
                EXPECT_EQ(read_with_libpcap(file.path(), true).packets.size(), written);
            }
        }
    }
}

TEST(PacketWriter, ErrorsSayWhatAndWhere) {
    {
        auto writer = make_capture_writer(CaptureFormat::pcap, CaptureOutput(-1, "none.pcap"));
        std::array<std::byte, 4> data{};
        EXPECT_FALSE(writer->write({0, data, 0, 0}));
        ASSERT_TRUE(writer->error());
        EXPECT_EQ(writer->error()->message, "none.pcap: packet 1: interface 0 was not added");
    }
    {
        std::ostringstream stream;
        auto writer = make_capture_writer(CaptureFormat::pcap, CaptureOutput(stream, "one.pcap"));
        ASSERT_TRUE(writer->add_interface({LinkType::ethernet}).ok());
        auto second = writer->add_interface({LinkType::raw});
        ASSERT_FALSE(second.ok());
        EXPECT_NE(second.error().message.find("one interface"), std::string::npos);
    }
    {
        std::ostringstream stream;
        auto writer = make_capture_writer(CaptureFormat::pcapng, CaptureOutput(stream, "ng.pcapng"));
        ASSERT_TRUE(writer->add_interface({LinkType::ethernet}).ok());
        std::array<std::byte, 4> data{};
        EXPECT_TRUE(writer->write({0, data, 0, 0}));
        EXPECT_FALSE(writer->write({0, data, 0, 1}));
        EXPECT_EQ(writer->error()->message, "ng.pcapng: packet 2: interface 1 was not added");
        EXPECT_FALSE(writer->write({0, data, 0, 0}));  // sticky
    }
    {
        auto output = CaptureOutput::create_file("/dev/full", 64);
        ASSERT_TRUE(output.ok());
        auto writer = make_capture_writer(CaptureFormat::pcap, std::move(*output));
        ASSERT_TRUE(writer->add_interface({LinkType::ethernet}).ok());
        std::array<std::byte, 20> data{};
        for (int i = 0; i < 5 && writer->write({0, data, 0, 0}); ++i) {
        }
        ASSERT_TRUE(writer->error());
        EXPECT_EQ(writer->error()->message, "/dev/full: write at offset 0: no space left on device");
    }
    {
        auto output = CaptureOutput::create_file("/nonexistent-dir/x.pcap");
        ASSERT_FALSE(output.ok());
        EXPECT_EQ(output.error().message, "/nonexistent-dir/x.pcap: no such file or directory");
    }
}

}  // namespace
}  // namespace netlens::packet
