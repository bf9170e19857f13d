#include "packet/pcap_writer.h"

#include <algorithm>

#include "packet/byte_writer.h"

namespace netlens::packet {

Result<std::uint32_t> PcapWriter::add_interface(const InterfaceSpec& spec) {
    if (interface_) {
        fail("pcap holds one interface; use pcapng for more");
        return *error_;
    }
    auto space = output_.reserve(kPcapFileHeaderBytes);
    ByteWriter out(space);
    bool nano = spec.precision == TimestampPrecision::nanoseconds;
    out.u32le(nano ? kPcapMagicNanoseconds : kPcapMagicMicroseconds);
    out.u16le(2);  // version 2.4
    out.u16le(4);
    out.u32le(0);  // thiszone
    out.u32le(0);  // sigfigs
    out.u32le(spec.snaplen);
    out.u32le(static_cast<std::uint16_t>(spec.link_type));
    if (!out.ok()) {
        if (auto e = error()) return *e;
        fail("no room for the file header");
        return *error_;
    }
    output_.commit(out.offset());
    interface_ = spec;
    return 0u;
}

bool PcapWriter::write(const PacketRecord& packet) {
    if (error()) return false;
    if (!interface_ || packet.interface_id != 0)
        return fail("packet " + std::to_string(packets_ + 1) + ": interface " +
                    std::to_string(packet.interface_id) + " was not added");
    std::size_t captured = std::min<std::size_t>(packet.data.size(), interface_->snaplen);
    auto original = static_cast<std::uint32_t>(std::max<std::size_t>(packet.original_length, packet.data.size()));
    bool nano = interface_->precision == TimestampPrecision::nanoseconds;
    std::uint64_t seconds = packet.timestamp_ns / 1'000'000'000;
    std::uint64_t fraction = packet.timestamp_ns % 1'000'000'000;
    if (seconds > UINT32_MAX) return fail("packet " + std::to_string(packets_ + 1) + ": timestamp after 2106");

    ByteWriter out(output_.reserve(kPcapRecordHeaderBytes + captured));
    out.u32le(static_cast<std::uint32_t>(seconds));
    out.u32le(static_cast<std::uint32_t>(nano ? fraction : fraction / 1000));
    out.u32le(static_cast<std::uint32_t>(captured));
    out.u32le(original);
    out.bytes(packet.data.first(captured));
    if (!out.ok()) return error() ? false : fail("no room for packet " + std::to_string(packets_ + 1));
    output_.commit(out.offset());
    ++packets_;
    return true;
}

}  // namespace netlens::packet
