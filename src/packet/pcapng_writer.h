// pcapng (draft-ietf-opsawg-pcapng): a section header block, an interface description
// block per interface (link type, snaplen, if_name, if_tsresol), then an enhanced packet
// block per packet. Blocks are little-endian; the section length is written as unknown
// (-1), as a streaming writer cannot know it.
#pragma once

#include <vector>

#include "packet/capture_writer.h"

namespace netlens::packet {

class PcapngWriter final : public CaptureWriter {
public:
    explicit PcapngWriter(CaptureOutput output);
    Result<std::uint32_t> add_interface(const InterfaceSpec& spec) override;
    bool write(const PacketRecord& packet) override;

private:
    std::vector<InterfaceSpec> interfaces_;
};

}  // namespace netlens::packet
