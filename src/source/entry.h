// One question a run asked the kernel in one namespace, with the kernel's answer: the
// unit a recording is made of. The same struct, with the answer left empty, is the
// question a replay looks up, so "what was asked" is spelled one way for both.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <tuple>
#include <vector>

namespace netlens::source {

enum class EntryKind : uint8_t {
    netns = 1,    // a namespace the run visited, in visiting order (no answer)
    netlink = 2,  // a netlink request and its reply datagrams
    file = 3,     // a /proc or /proc/sys read
    ethtool = 4,  // one SIOCETHTOOL exchange
};

struct Entry {
    EntryKind kind = EntryKind::file;
    std::string netns;    // the namespace's label; "" for the one netlens ran in
    std::string subject;  // file: the path as asked; ethtool: the device; otherwise empty
    uint32_t number = 0;  // netlink: the bus; ethtool: the size of the in/out buffer
    // netlink: the request message with seq and pid zeroed (they change every run);
    // ethtool: the input buffer without its trailing zero bytes (the space for the answer).
    std::string request;
    int32_t err = 0;  // the errno the kernel answered with; 0 when it answered with data
    // netlink: reply datagrams in order, seq and pid zeroed; file: its text;
    // ethtool: the output buffer, `number` bytes.
    std::vector<std::string> answer;

    // Everything that identifies the question, for lookups.
    auto question() const { return std::tie(kind, netns, subject, number, request); }
};

// Builders for the questions each source asks.
Entry netlink_question(const std::string& netns, int bus, std::span<const std::byte> request);
Entry file_question(const std::string& netns, const std::string& path);
Entry ethtool_question(const std::string& netns, const std::string& device, std::span<const std::byte> buffer);

// Zeroes nlmsg_seq and nlmsg_pid of every whole message in a netlink datagram (and of
// the request an error reply echoes), in place. The walk stops at the first message
// whose length does not fit.
void zero_netlink_ids(std::span<std::byte> datagram);

// The offset of the first message in a netlink datagram whose length is shorter than a
// header or runs past the end; nullopt when every message fits. libmnl trusts those
// lengths (one near 4 GiB wraps its alignment and loops forever), so recorded datagrams,
// which are outside data, are checked before it sees them.
std::optional<size_t> misfit_netlink_message(std::span<const std::byte> datagram);

// "netlink request type 18 flags 0x301 on bus 0 in the current namespace", for errors.
std::string describe(const Entry& question);

}  // namespace netlens::source
