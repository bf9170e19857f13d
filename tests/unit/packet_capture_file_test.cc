// Opening captures from disk: a mapped regular file, a pipe, and gzip/zstd files made by
// the gzip and zstd programs — each must read the same as the plain file.
#include <gtest/gtest.h>
#include <fcntl.h>
#include <sys/stat.h>

#include <thread>

#include "packet/capture_file.h"
#include "packet/capture_reader.h"
#include "packet_capture_fixtures.h"

namespace netlens::packet {
namespace {

std::vector<std::byte> sample_file() {
    std::vector<testing::PcapRecord> records;
    for (std::uint8_t i = 0; i < 50; ++i) {
        records.push_back({.seconds = 1'700'000'000u + i, .fraction = i * 1000u,
                           .data = testing::ethernet_frame(6, 40000, 80, i * 7u, i)});
    }
    return testing::pcap_file(false, false, 65535, 1, records);
}

// Reads `path` through CaptureFile and checks it holds exactly `expected`'s packets.
void expect_reads_as(const std::string& path, const std::vector<std::byte>& expected) {
    auto file = CaptureFile::open(path);
    ASSERT_TRUE(file.ok()) << file.error().message;
    EXPECT_EQ(file->name(), path);
    ASSERT_EQ(file->bytes().size(), expected.size());
    EXPECT_TRUE(std::equal(file->bytes().begin(), file->bytes().end(), expected.begin()));
    const auto ours = testing::read_with_reader(file->bytes(), file->name());
    EXPECT_EQ(ours.packets.size(), 50u);
    EXPECT_FALSE(ours.error.has_value());
}

TEST(CaptureFile, ARegularFileIsMappedWhole) {
    const auto bytes = sample_file();
    const testing::TempFile temp(bytes);
    expect_reads_as(temp.path(), bytes);
}

TEST(CaptureFile, GzipAndZstdFilesAreDecompressed) {
    const auto bytes = sample_file();
    for (const std::string program : {"gzip", "zstd"}) {
        if (!testing::have_program(program.c_str())) GTEST_SKIP() << program << " is not installed";
        const testing::TempFile temp(bytes);
        const std::string compressed = temp.path() + (program == "gzip" ? ".gz" : ".zst");
        ASSERT_EQ(std::system((program + " -q -c " + temp.path() + " > " + compressed).c_str()), 0);
        expect_reads_as(compressed, bytes);
        // Two members/frames one after the other read as their concatenation.
        ASSERT_EQ(std::system(("cat " + compressed + " " + compressed + " > " + compressed + "2").c_str()), 0);
        auto twice = CaptureFile::open(compressed + "2");
        ASSERT_TRUE(twice.ok()) << twice.error().message;
        EXPECT_EQ(twice->bytes().size(), 2 * bytes.size());
        // A cut stream is an error naming the file.
        ASSERT_EQ(std::system(("head -c 300 " + compressed + " > " + compressed + "3").c_str()), 0);
        auto cut = CaptureFile::open(compressed + "3");
        ASSERT_FALSE(cut.ok()) << program;
        EXPECT_NE(cut.error().message.find(compressed + "3: "), std::string::npos) << cut.error().message;
        EXPECT_NE(cut.error().message.find("cut short"), std::string::npos) << cut.error().message;
        for (const char* suffix : {"", "2", "3"}) unlink((compressed + suffix).c_str());
    }
}

TEST(CaptureFile, APipeIsReadToItsEnd) {
    const auto bytes = sample_file();
    const std::string fifo = "/tmp/netlens-capture-fifo-" + std::to_string(getpid());
    ASSERT_EQ(mkfifo(fifo.c_str(), 0600), 0);
    std::thread writer([&] {
        const int fd = ::open(fifo.c_str(), O_WRONLY);
        for (std::size_t at = 0; at < bytes.size(); at += 1000) {
            (void)!write(fd, bytes.data() + at, std::min<std::size_t>(1000, bytes.size() - at));
        }
        close(fd);
    });
    expect_reads_as(fifo, bytes);
    writer.join();
    unlink(fifo.c_str());
}

TEST(CaptureFile, ErrorsNameThePath) {
    auto missing = CaptureFile::open("/nonexistent/trace.pcap");
    ASSERT_FALSE(missing.ok());
    EXPECT_EQ(missing.error().message, "/nonexistent/trace.pcap: cannot open: no such file or directory");
    auto directory = CaptureFile::open("/tmp");
    ASSERT_FALSE(directory.ok());
    EXPECT_EQ(directory.error().message, "/tmp: is a directory, not a capture file");
}

TEST(CaptureFile, AnEmptyFileIsNotACapture) {
    const testing::TempFile temp({});
    auto file = CaptureFile::open(temp.path());
    ASSERT_TRUE(file.ok());
    EXPECT_EQ(testing::read_with_reader(file->bytes(), file->name()).open_error,
              temp.path() + ": not a pcap or pcapng file (the file is empty)");
}

}  // namespace
}  // namespace netlens::packet
