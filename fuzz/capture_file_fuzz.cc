// Feeds the input, as a whole capture file in memory, to CaptureReader: every packet it
// gives must lie inside the input, be numbered 1, 2, 3..., name a described interface
// and carry no more than the maximum captured length. gzip/zstd inputs go through
// decompress() first, with a small output limit so a bomb cannot exhaust memory.
#include <cstddef>
#include <cstdint>
#include <cstdlib>

#include "packet/capture_reader.h"
#include "packet/decompress.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    using namespace netlens::packet;
    Bytes input(reinterpret_cast<const std::byte*>(data), size);
    std::vector<std::byte> inflated;
    if (const auto kind = detect_compression(input); kind != Compression::none) {
        auto result = decompress(input, kind, "fuzz", 1 << 20);
        if (!result) return 0;
        inflated = std::move(*result);
        input = inflated;
    }
    auto reader = CaptureReader::open(input, "fuzz");
    if (!reader) return 0;
    CapturedPacket packet;
    std::uint64_t expected = 0;
    while (reader->next(packet)) {
        if (packet.number != ++expected) std::abort();
        if (packet.data.data() < input.data() || packet.data.data() + packet.data.size() > input.data() + input.size()) std::abort();
        if (packet.data.size() > kMaxCapturedBytes) std::abort();
        if (packet.file_offset >= input.size()) std::abort();
        if (reader->format() == CaptureFormat::pcapng && packet.interface >= reader->interfaces().size()) std::abort();
    }
    if (const auto& error = reader->error()) {
        if (error->packet_number != expected + 1 || error->offset > input.size()) std::abort();
    }
    return 0;
}
