#include "packet/pcapng_writer.h"

#include <algorithm>

#include "packet/byte_writer.h"

namespace netlens::packet {
namespace {

constexpr std::size_t pad4(std::size_t n) { return (n + 3) & ~std::size_t{3}; }

// Section header: type, length, byte-order magic, version 1.0, section length unknown.
constexpr std::size_t kSectionHeaderBytes = 28;
// Enhanced packet block without options: 28 bytes of fields and lengths around the data.
constexpr std::size_t kEnhancedPacketOverhead = 32;

}  // namespace

PcapngWriter::PcapngWriter(CaptureOutput output) : CaptureWriter(std::move(output)) {
    ByteWriter out(output_.reserve(kSectionHeaderBytes));
    out.u32le(kPcapngSectionHeader);
    out.u32le(kSectionHeaderBytes);
    out.u32le(kPcapngByteOrderMagic);
    out.u16le(1);
    out.u16le(0);
    out.u32le(0xffffffff);  // section length: -1, unknown
    out.u32le(0xffffffff);
    out.u32le(kSectionHeaderBytes);
    if (out.ok()) output_.commit(out.offset());
}

Result<std::uint32_t> PcapngWriter::add_interface(const InterfaceSpec& spec) {
    if (auto e = error()) return *e;
    // Options: if_name (when given), if_tsresol (one byte: 10^-6 or 10^-9), end of options.
    std::size_t name_option = spec.name.empty() ? 0 : 4 + pad4(spec.name.size());
    std::size_t total = 8 + 8 + name_option + 8 + 4 + 4;
    if (spec.name.size() > 0xffff) {
        fail("interface name longer than an option can hold");
        return *error_;
    }
    ByteWriter out(output_.reserve(total));
    out.u32le(kPcapngInterfaceDescription);
    out.u32le(static_cast<std::uint32_t>(total));
    out.u16le(static_cast<std::uint16_t>(spec.link_type));
    out.u16le(0);  // reserved
    out.u32le(spec.snaplen);
    if (name_option != 0) {
        out.u16le(kPcapngIfName);
        out.u16le(static_cast<std::uint16_t>(spec.name.size()));
        out.bytes(std::as_bytes(std::span(spec.name.data(), spec.name.size())));
        out.zeros(pad4(spec.name.size()) - spec.name.size());
    }
    out.u16le(kPcapngIfTsresol);
    out.u16le(1);
    out.u8(spec.precision == TimestampPrecision::nanoseconds ? 9 : 6);
    out.zeros(3);
    out.u16le(kPcapngOptionEnd);
    out.u16le(0);
    out.u32le(static_cast<std::uint32_t>(total));
    if (!out.ok()) {
        if (!error()) fail("no room for interface " + std::to_string(interfaces_.size()));
        return *error();
    }
    output_.commit(out.offset());
    interfaces_.push_back(spec);
    return static_cast<std::uint32_t>(interfaces_.size() - 1);
}

bool PcapngWriter::write(const PacketRecord& packet) {
    if (error()) return false;
    if (packet.interface_id >= interfaces_.size())
        return fail("packet " + std::to_string(packets_ + 1) + ": interface " +
                    std::to_string(packet.interface_id) + " was not added");
    const InterfaceSpec& interface = interfaces_[packet.interface_id];
    std::size_t captured = std::min<std::size_t>(packet.data.size(), interface.snaplen);
    auto original = static_cast<std::uint32_t>(std::max<std::size_t>(packet.original_length, packet.data.size()));
    std::uint64_t units = interface.precision == TimestampPrecision::nanoseconds ? packet.timestamp_ns
                                                                                 : packet.timestamp_ns / 1000;
    std::size_t total = kEnhancedPacketOverhead + pad4(captured);

    ByteWriter out(output_.reserve(total));
    out.u32le(kPcapngEnhancedPacket);
    out.u32le(static_cast<std::uint32_t>(total));
    out.u32le(packet.interface_id);
    out.u32le(static_cast<std::uint32_t>(units >> 32));
    out.u32le(static_cast<std::uint32_t>(units));
    out.u32le(static_cast<std::uint32_t>(captured));
    out.u32le(original);
    out.bytes(packet.data.first(captured));
    out.zeros(pad4(captured) - captured);
    out.u32le(static_cast<std::uint32_t>(total));
    if (!out.ok()) return error() ? false : fail("no room for packet " + std::to_string(packets_ + 1));
    output_.commit(out.offset());
    ++packets_;
    return true;
}

}  // namespace netlens::packet
