// The capture_file fuzzer's seeds (fuzz/capture_file_seeds.py), whole and damaged, read
// through CaptureFile and CaptureReader: the packets delivered, and whether reading ends
// in an error, are what tshark says for the same file.
#include <gtest/gtest.h>

#include <filesystem>

#include "packet/capture_file.h"
#include "packet/capture_reader.h"
#include "packet_capture_fixtures.h"

namespace netlens::packet {
namespace {

TEST(CaptureSeeds, PacketsAndDamageAgreeWithTshark) {
    if (!testing::have_program("tshark")) GTEST_SKIP() << "tshark is not installed";
    const std::filesystem::path corpus = std::filesystem::path(NETLENS_SOURCE_DIR) / "fuzz/corpus/capture_file";
    std::size_t files = 0;
    for (const auto& entry : std::filesystem::directory_iterator(corpus)) {
        const auto path = entry.path().string();
        const auto name = entry.path().filename().string();
        // tshark reads a 2^-127 resolution as whole seconds; libpcap refuses it, as we do.
        if (name == "edge_pcapng_tsresol_huge") continue;
        // tshark shows a custom block as a frame; we skip it (CaptureReader's header says why).
        if (name == "pcapng_custom_block") continue;
        ++files;
        const auto tshark = testing::read_with_tshark(path);
        const bool tshark_failed = !testing::output_lines("tshark -r '" + path + "' >/dev/null 2>&1 || echo failed").empty();

        testing::OurRead ours;
        auto file = CaptureFile::open(path);
        if (file) {
            ours = testing::read_with_reader(file->bytes(), file->name());
        } else {
            ours.open_error = file.error().message;
        }
        const bool we_failed = !ours.open_error.empty() || ours.error.has_value();
        EXPECT_EQ(we_failed, tshark_failed) << name << ": " << ours.open_error
                                            << (ours.error ? ours.error->message : "");
        ASSERT_EQ(ours.packets.size(), tshark.size()) << name;
        for (std::size_t i = 0; i < tshark.size(); ++i) {
            EXPECT_EQ(ours.packets[i].data.size(), tshark[i].captured) << name << " packet " << i + 1;
            EXPECT_EQ(ours.packets[i].original_length, tshark[i].original) << name << " packet " << i + 1;
            EXPECT_EQ(ours.packets[i].interface, tshark[i].interface) << name << " packet " << i + 1;
            if (tshark[i].has_timestamp) {
                EXPECT_EQ(ours.packets[i].timestamp_ns, tshark[i].timestamp_ns) << name << " packet " << i + 1;
            }
        }
    }
    EXPECT_GE(files, 10u);
}

}  // namespace
}  // namespace netlens::packet
