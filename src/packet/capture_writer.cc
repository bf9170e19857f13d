#include "packet/capture_writer.h"

#include "packet/pcap_writer.h"
#include "packet/pcapng_writer.h"

namespace netlens::packet {

bool CaptureWriter::fail(std::string what) {
    if (!error_) error_ = Error{ExitCode::failure, output_.name() + ": " + std::move(what)};
    return false;
}

std::unique_ptr<CaptureWriter> make_capture_writer(CaptureFormat format, CaptureOutput output) {
    if (format == CaptureFormat::pcap) return std::make_unique<PcapWriter>(std::move(output));
    return std::make_unique<PcapngWriter>(std::move(output));
}

}  // namespace netlens::packet
