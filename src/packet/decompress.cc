// gzip through zlib's inflate and zstd through its streaming decoder, both into one
// growing buffer. Captures compress well (3-10x), so the buffer starts at four times the
// input and doubles; `limit` keeps a corrupt or hostile stream from eating all memory.
#include "packet/decompress.h"

#include <fmt/format.h>
#include <zlib.h>
#include <zstd.h>

#include <algorithm>
#include <memory>

#include "packet/capture_format.h"

namespace netlens::packet {
namespace {

bool starts_with(Bytes bytes, std::span<const std::uint8_t> magic) {
    return bytes.size() >= magic.size() &&
           std::equal(magic.begin(), magic.end(), bytes.begin(),
                      [](std::uint8_t want, std::byte have) { return std::byte{want} == have; });
}

// Makes room for more output; false once `limit` is reached.
bool grow(std::vector<std::byte>& out, std::size_t used, std::size_t limit) {
    if (used < out.size()) return true;
    if (out.size() >= limit) return false;
    out.resize(std::min(limit, std::max<std::size_t>(out.size() * 2, 1 << 16)));
    return true;
}

Error too_big(const std::string& name, std::size_t limit) {
    return Error{ExitCode::failure,
                 fmt::format("{}: decompresses to more than {} bytes; decompress it to a file first",
                             name, limit)};
}

Result<std::vector<std::byte>> gunzip(Bytes in, const std::string& name, std::size_t limit) {
    z_stream stream{};
    // 15 + 32: the largest window, and a gzip or zlib header recognised by itself.
    if (inflateInit2(&stream, 15 + 32) != Z_OK) {
        return Error{ExitCode::failure, fmt::format("{}: zlib cannot start", name)};
    }
    const std::unique_ptr<z_stream, int (*)(z_stream*)> end(&stream, inflateEnd);
    std::vector<std::byte> out(std::min(limit, in.size() * 4));
    std::size_t used = 0;
    stream.next_in = reinterpret_cast<Bytef*>(const_cast<std::byte*>(in.data()));
    stream.avail_in = 0;
    std::size_t fed = 0;
    while (true) {
        if (stream.avail_in == 0 && fed < in.size()) {
            const auto chunk = std::min<std::size_t>(in.size() - fed, 1u << 30);
            stream.next_in = reinterpret_cast<Bytef*>(const_cast<std::byte*>(in.data() + fed));
            stream.avail_in = static_cast<uInt>(chunk);
            fed += chunk;
        }
        if (!grow(out, used, limit)) return too_big(name, limit);
        const auto room = std::min<std::size_t>(out.size() - used, 1u << 30);
        stream.next_out = reinterpret_cast<Bytef*>(out.data() + used);
        stream.avail_out = static_cast<uInt>(room);
        const int status = inflate(&stream, Z_NO_FLUSH);
        used += room - stream.avail_out;
        if (status == Z_STREAM_END) {
            if (stream.avail_in == 0 && fed == in.size()) break;
            inflateReset(&stream);  // another gzip member follows, as `cat a.gz b.gz` makes
        } else if (status == Z_BUF_ERROR && stream.avail_in == 0 && fed == in.size()) {
            return Error{ExitCode::failure,
                         fmt::format("{}: gzip stream cut short after {} bytes out", name, used)};
        } else if (status != Z_OK && status != Z_BUF_ERROR) {
            return Error{ExitCode::failure,
                         fmt::format("{}: corrupt gzip stream at input byte {}: {}", name,
                                     fed - stream.avail_in, stream.msg ? stream.msg : "inflate failed")};
        }
    }
    out.resize(used);
    return out;
}

Result<std::vector<std::byte>> unzstd(Bytes in, const std::string& name, std::size_t limit) {
    const std::unique_ptr<ZSTD_DStream, std::size_t (*)(ZSTD_DStream*)> stream(ZSTD_createDStream(),
                                                                               ZSTD_freeDStream);
    if (!stream) return Error{ExitCode::failure, fmt::format("{}: zstd cannot start", name)};
    std::vector<std::byte> out(std::min(limit, in.size() * 4));
    std::size_t used = 0;
    ZSTD_inBuffer input{in.data(), in.size(), 0};
    std::size_t pending = 0;  // nonzero: a frame is not finished
    while (input.pos < input.size || pending != 0) {
        if (!grow(out, used, limit)) return too_big(name, limit);
        ZSTD_outBuffer output{out.data() + used, out.size() - used, 0};
        const auto before = input.pos;
        pending = ZSTD_decompressStream(stream.get(), &output, &input);
        if (ZSTD_isError(pending)) {
            return Error{ExitCode::failure, fmt::format("{}: corrupt zstd stream at input byte {}: {}",
                                                        name, input.pos, ZSTD_getErrorName(pending))};
        }
        used += output.pos;
        if (input.pos == input.size && pending != 0 && output.pos < output.size &&
            before == input.pos) {
            return Error{ExitCode::failure,
                         fmt::format("{}: zstd stream cut short after {} bytes out", name, used)};
        }
    }
    out.resize(used);
    return out;
}

}  // namespace

Compression detect_compression(Bytes bytes) {
    if (starts_with(bytes, kGzipMagic)) return Compression::gzip;
    if (starts_with(bytes, kZstdMagic)) return Compression::zstd;
    return Compression::none;
}

Result<std::vector<std::byte>> decompress(Bytes compressed, Compression kind, const std::string& name,
                                          std::size_t limit) {
    if (kind == Compression::gzip) return gunzip(compressed, name, limit);
    if (kind == Compression::zstd) return unzstd(compressed, name, limit);
    return std::vector<std::byte>(compressed.begin(), compressed.end());
}

}  // namespace netlens::packet
