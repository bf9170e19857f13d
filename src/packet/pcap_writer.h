// The classic pcap format: a 24-byte file header naming one link type, then a 16-byte
// header before each packet. Written in little-endian order with the microsecond or
// nanosecond magic, as libpcap writes on the machines we run on.
#pragma once

#include "packet/capture_writer.h"

namespace netlens::packet {

class PcapWriter final : public CaptureWriter {
public:
    using CaptureWriter::CaptureWriter;
    Result<std::uint32_t> add_interface(const InterfaceSpec& spec) override;
    bool write(const PacketRecord& packet) override;

private:
    std::optional<InterfaceSpec> interface_;
};

}  // namespace netlens::packet
