#include "source/entry.h"

#include <libmnl/libmnl.h>
#include <linux/netlink.h>

#include <cstring>
#include <string_view>

#include <fmt/format.h>

namespace netlens::source {

namespace {

std::string bytes_text(std::span<const std::byte> bytes) {
    return std::string(reinterpret_cast<const char*>(bytes.data()), bytes.size());
}

std::string where(const std::string& netns) {
    return netns.empty() ? "in the current namespace" : "in namespace " + netns;
}

}  // namespace

Entry netlink_question(const std::string& netns, int bus, std::span<const std::byte> request) {
    Entry entry{.kind = EntryKind::netlink, .netns = netns, .number = static_cast<uint32_t>(bus)};
    entry.request = bytes_text(request);
    zero_netlink_ids(std::as_writable_bytes(std::span(entry.request.data(), entry.request.size())));
    return entry;
}

Entry file_question(const std::string& netns, const std::string& path) {
    return Entry{.kind = EntryKind::file, .netns = netns, .subject = path};
}

Entry ethtool_question(const std::string& netns, const std::string& device, std::span<const std::byte> buffer) {
    size_t used = buffer.size();
    while (used > 0 && buffer[used - 1] == std::byte{0}) --used;
    return Entry{.kind = EntryKind::ethtool,
                 .netns = netns,
                 .subject = device,
                 .number = static_cast<uint32_t>(buffer.size()),
                 .request = bytes_text(buffer.first(used))};
}

void zero_netlink_ids(std::span<std::byte> datagram) {
    size_t offset = 0;
    while (datagram.size() - offset >= sizeof(nlmsghdr)) {
        auto* message = reinterpret_cast<nlmsghdr*>(datagram.data() + offset);
        const size_t length = message->nlmsg_len;
        if (length < sizeof(nlmsghdr) || length > datagram.size() - offset) return;
        message->nlmsg_seq = 0;
        message->nlmsg_pid = 0;
        if (message->nlmsg_type == NLMSG_ERROR && length >= MNL_NLMSG_HDRLEN + sizeof(nlmsgerr)) {
            auto* error = static_cast<nlmsgerr*>(mnl_nlmsg_get_payload(message));
            error->msg.nlmsg_seq = 0;
            error->msg.nlmsg_pid = 0;
        }
        offset += MNL_ALIGN(length);
        if (offset > datagram.size()) return;
    }
}

std::optional<size_t> misfit_netlink_message(std::span<const std::byte> datagram) {
    size_t offset = 0;
    while (datagram.size() - offset >= sizeof(nlmsghdr)) {
        uint32_t length = 0;
        std::memcpy(&length, datagram.data() + offset, sizeof length);
        if (length < sizeof(nlmsghdr) || length > datagram.size() - offset) return offset;
        offset += MNL_ALIGN(size_t{length});
        if (offset >= datagram.size()) break;
    }
    return std::nullopt;
}

std::string describe(const Entry& question) {
    switch (question.kind) {
        case EntryKind::netlink: {
            nlmsghdr header{};
            std::memcpy(&header, question.request.data(), std::min(sizeof header, question.request.size()));
            return fmt::format("netlink request type {} flags {:#x} on bus {} {}", header.nlmsg_type,
                               header.nlmsg_flags, question.number, where(question.netns));
        }
        case EntryKind::file: return "file " + question.subject + " " + where(question.netns);
        case EntryKind::ethtool: {
            uint32_t command = 0;
            std::memcpy(&command, question.request.data(), std::min(sizeof command, question.request.size()));
            return fmt::format("ethtool command {:#x} on {} {}", command, question.subject, where(question.netns));
        }
        case EntryKind::netns: return "namespace " + question.netns;
    }
    return "unknown question";
}

}  // namespace netlens::source
