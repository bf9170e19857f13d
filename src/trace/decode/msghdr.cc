// The control buffer is walked with the kernel's CMSG rules, but on a copy of the
// tracee's bytes and with every header and payload checked against that copy's size.
#include "trace/decode/msghdr.h"

#include <sys/socket.h>

#include <algorithm>
#include <cstring>

#include "trace/decode/constants.h"
#include "trace/decode/iovec.h"
#include "trace/decode/sockaddr.h"
#include "trace/decode/strings.h"
#include "trace/decode/tracee_read.h"
#include "trace/decode/value_build.h"

namespace netlens::trace {
namespace {

constexpr size_t kMaxControl = 4096;

size_t cmsg_align(size_t length) { return (length + sizeof(size_t) - 1) & ~(sizeof(size_t) - 1); }

Value cmsg_data(int level, int type, std::span<const std::byte> data, const FdValue& fd_value) {
    if (level == SOL_SOCKET && type == SCM_RIGHTS) {
        std::vector<Value> fds;
        for (size_t at = 0; at + sizeof(int) <= data.size(); at += sizeof(int)) {
            int fd = 0;
            std::memcpy(&fd, data.data() + at, sizeof fd);
            fds.push_back(fd_value(fd));
        }
        return array(std::move(fds));
    }
    if (level == SOL_SOCKET && type == SCM_CREDENTIALS && data.size() >= sizeof(ucred)) {
        ucred credentials;
        std::memcpy(&credentials, data.data(), sizeof credentials);
        return structure({named("pid", signed_value(credentials.pid)), named("uid", unsigned_value(credentials.uid)),
                          named("gid", unsigned_value(credentials.gid))});
    }
    return bytes_value(data, data.size(), DecodeOptions::Hex::all);
}

Value control_messages(std::span<const std::byte> control, const DecodeOptions& options, const FdValue& fd_value) {
    std::vector<Value> messages;
    size_t at = 0;
    bool more = false;
    while (at + sizeof(cmsghdr) <= control.size()) {
        if (messages.size() >= options.string_limit) {
            more = true;
            break;
        }
        cmsghdr header;
        std::memcpy(&header, control.data() + at, sizeof header);
        const size_t length = header.cmsg_len;
        std::vector<Value> fields{named("cmsg_len", unsigned_value(length))};
        const Value level = constant_value(constants::socket_levels(), static_cast<uint32_t>(header.cmsg_level), "SOL");
        fields.push_back(named("cmsg_level", level));
        if (header.cmsg_level == SOL_SOCKET)
            fields.push_back(named("cmsg_type", constant_value(constants::scm_types(), static_cast<uint32_t>(header.cmsg_type), "SCM")));
        else
            fields.push_back(named("cmsg_type", hex_value(static_cast<uint32_t>(header.cmsg_type))));
        if (length < sizeof(cmsghdr) || length > control.size() - at) {
            messages.push_back(structure(std::move(fields)));
            break;
        }
        const auto data = control.subspan(at + sizeof(cmsghdr), length - sizeof(cmsghdr));
        fields.push_back(named("cmsg_data", cmsg_data(header.cmsg_level, header.cmsg_type, data, fd_value)));
        messages.push_back(structure(std::move(fields)));
        at += cmsg_align(length);
    }
    return array(std::move(messages), more);
}

Value msghdr_fields(TraceeMemory& memory, const msghdr& header, uint64_t data_total, const DecodeOptions& options,
                    const FdValue& fd_value) {
    const auto name = reinterpret_cast<uint64_t>(header.msg_name);
    const auto iov = reinterpret_cast<uint64_t>(header.msg_iov);
    const auto control = reinterpret_cast<uint64_t>(header.msg_control);
    std::vector<Value> fields{
        named("msg_name", sockaddr_value(memory, name, header.msg_namelen, options.hex)),
        named("msg_namelen", unsigned_value(header.msg_namelen)),
        named("msg_iov", iovec_array_value(memory, iov, header.msg_iovlen, data_total, options)),
        named("msg_iovlen", unsigned_value(header.msg_iovlen)),
    };
    if (header.msg_controllen > 0) {
        const size_t length = std::min<size_t>(header.msg_controllen, kMaxControl);
        const auto bytes = read_bytes(memory, control, length);
        fields.push_back(named("msg_control", bytes ? control_messages(*bytes, options, fd_value) : pointer_value(control)));
    }
    fields.push_back(named("msg_controllen", unsigned_value(header.msg_controllen)));
    fields.push_back(named("msg_flags", flags_value(constants::message_flags(), static_cast<uint32_t>(header.msg_flags))));
    return structure(std::move(fields));
}

}  // namespace

Value msghdr_value(TraceeMemory& memory, uint64_t address, uint64_t data_total, const DecodeOptions& options,
                   const FdValue& fd_value) {
    const auto header = read_object<msghdr>(memory, address);
    if (!header) return pointer_value(address);
    return msghdr_fields(memory, *header, data_total, options, fd_value);
}

Value mmsghdr_array_value(TraceeMemory& memory, uint64_t address, uint64_t count, bool received,
                          const DecodeOptions& options, const FdValue& fd_value) {
    if (address == 0) return pointer_value(0);
    const uint64_t shown = std::min<uint64_t>({count, options.string_limit, 1024});
    std::vector<Value> items;
    for (uint64_t i = 0; i < shown; ++i) {
        const auto entry = read_object<mmsghdr>(memory, address + i * sizeof(mmsghdr));
        if (!entry) {
            if (i == 0) return pointer_value(address);
            break;
        }
        const uint64_t data = received ? entry->msg_len : kAllData;
        items.push_back(structure({named("msg_hdr", msghdr_fields(memory, entry->msg_hdr, data, options, fd_value)),
                                   named("msg_len", unsigned_value(entry->msg_len))}));
    }
    return array(std::move(items), shown < count);
}

std::vector<std::byte> msghdr_payload(TraceeMemory& memory, uint64_t address, uint64_t data_total, size_t limit) {
    const auto header = read_object<msghdr>(memory, address);
    if (!header) return {};
    return iovec_payload(memory, reinterpret_cast<uint64_t>(header->msg_iov), header->msg_iovlen, data_total, limit);
}

std::vector<std::vector<std::byte>> msghdr_buffers(TraceeMemory& memory, uint64_t address, uint64_t data_total,
                                                   size_t limit) {
    const auto header = read_object<msghdr>(memory, address);
    if (!header) return {};
    return iovec_buffers(memory, reinterpret_cast<uint64_t>(header->msg_iov), header->msg_iovlen, data_total, limit);
}

}  // namespace netlens::trace
