// A capture file's bytes in memory, for CaptureReader: a regular file is mapped read-only
// (nothing copied, pages read as the reader reaches them); a pipe, a terminal or `-`
// (standard input) is read into a buffer; a gzip or zstd file is decompressed into a
// buffer, as tshark opens them, so `netlens analyze trace.pcap.gz` just works.
#pragma once

#include <string>
#include <vector>

#include "core/error.h"
#include "packet/byte_cursor.h"

namespace netlens::packet {

class CaptureFile {
public:
    // `path` "-" is standard input. Errors name the path and the system's reason.
    static Result<CaptureFile> open(const std::string& path);
    // Takes bytes already in memory (compressed or not) under a name for messages.
    static Result<CaptureFile> from_buffer(std::vector<std::byte> buffer, std::string name);

    CaptureFile(CaptureFile&& other) noexcept;
    CaptureFile& operator=(CaptureFile&& other) noexcept;
    CaptureFile(const CaptureFile&) = delete;
    CaptureFile& operator=(const CaptureFile&) = delete;
    ~CaptureFile();

    // Valid as long as this object lives (moving it keeps the bytes where they are).
    Bytes bytes() const { return bytes_; }
    const std::string& name() const { return name_; }

private:
    CaptureFile() = default;
    void unmap();

    std::string name_;
    Bytes bytes_;
    void* mapping_ = nullptr;  // set when bytes_ is a mapping, else bytes_ is in buffer_
    std::vector<std::byte> buffer_;
};

}  // namespace netlens::packet
