// Writing capture files. One interface over two formats: pcap (one link type, micro- or
// nanosecond timestamps) and pcapng (a section with any number of interfaces, each with
// its own link type, name and timestamp resolution). Records go through a CaptureOutput,
// so the file is readable up to the last packet whenever flush() has returned.
//
// Errors are sticky: after the first failed write every call is a no-op that returns
// false, and error() says what failed and at which offset.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>

#include "core/error.h"
#include "packet/byte_cursor.h"
#include "packet/capture_format.h"
#include "packet/capture_output.h"

namespace netlens::packet {

enum class CaptureFormat { pcap, pcapng };
enum class TimestampPrecision { microseconds, nanoseconds };

struct InterfaceSpec {
    LinkType link_type = LinkType::ethernet;
    std::string name;  // pcapng if_name; pcap has nowhere to keep it
    TimestampPrecision precision = TimestampPrecision::nanoseconds;
    std::uint32_t snaplen = 262144;
};

struct PacketRecord {
    std::uint64_t timestamp_ns = 0;  // since the Unix epoch
    Bytes data;                      // cut to the interface's snaplen when longer
    std::uint32_t original_length = 0;  // on the wire; 0 means data.size()
    std::uint32_t interface_id = 0;     // as returned by add_interface
};

class CaptureWriter {
public:
    explicit CaptureWriter(CaptureOutput output) : output_(std::move(output)) {}
    virtual ~CaptureWriter() = default;
    CaptureWriter(const CaptureWriter&) = delete;
    CaptureWriter& operator=(const CaptureWriter&) = delete;

    // Declares an interface and returns its id for PacketRecord::interface_id. pcap
    // takes exactly one, and its precision decides the file's magic.
    virtual Result<std::uint32_t> add_interface(const InterfaceSpec& spec) = 0;
    virtual bool write(const PacketRecord& packet) = 0;

    bool flush() { return output_.flush(); }
    const std::optional<Error>& error() const { return error_ ? error_ : output_.error(); }
    std::uint64_t packets_written() const { return packets_; }
    std::uint64_t offset() const { return output_.offset(); }

protected:
    // Records a failure that is the caller's (unknown interface), not the output's.
    bool fail(std::string what);

    CaptureOutput output_;
    std::optional<Error> error_;
    std::uint64_t packets_ = 0;
};

std::unique_ptr<CaptureWriter> make_capture_writer(CaptureFormat format, CaptureOutput output);

}  // namespace netlens::packet
