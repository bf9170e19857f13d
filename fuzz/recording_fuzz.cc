// libFuzzer target for the recording loader and the replay path behind it: the input
// is a --replay file. Every record that loads is then replayed as a command would ask
// it: files read, ethtool buffers filled, netlink requests sent through a Channel whose
// replies go to the rtnetlink decoders. A damaged file must give an error, never a
// crash, a hang or a read outside the file.
#include <linux/netlink.h>

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <memory>
#include <vector>

#include "iface/rtnl_decode.h"
#include "source/recording.h"
#include "source/recording_format.h"
#include "source/replay_source.h"

namespace {

using netlens::source::Entry;
using netlens::source::EntryKind;

// Larger buffers are valid but only slow the fuzzer down.
constexpr size_t kMaxBuffer = 1 << 20;

void replay(const std::shared_ptr<const netlens::source::Recording>& recording, const Entry& entry) {
    netlens::source::ReplaySource source(recording, entry.netns);
    switch (entry.kind) {
        case EntryKind::netns: break;
        case EntryKind::file: (void)netlens::source::read_text(source, entry.subject); break;
        case EntryKind::ethtool: {
            if (entry.number > kMaxBuffer) break;
            std::vector<std::byte> buffer(entry.number);
            std::memcpy(buffer.data(), entry.request.data(), std::min(buffer.size(), entry.request.size()));
            (void)source.ethtool(entry.subject, buffer);
            break;
        }
        case EntryKind::netlink: {
            // The request as the recorded run sent it: in an aligned buffer, its length
            // field saying how long it is.
            if (entry.request.size() < sizeof(nlmsghdr) || entry.request.size() > kMaxBuffer) break;
            std::vector<uint32_t> words((entry.request.size() + 3) / 4);
            std::memcpy(words.data(), entry.request.data(), entry.request.size());
            auto* request = reinterpret_cast<nlmsghdr*>(words.data());
            request->nlmsg_len = static_cast<uint32_t>(entry.request.size());
            auto socket = netlens::source::open_channel(source, static_cast<int>(entry.number));
            if (!socket) break;
            (void)socket->dump(
                request,
                [](const nlmsghdr* message) {
                    (void)netlens::iface::decode_link(message);
                    (void)netlens::iface::decode_address(message);
                    (void)netlens::iface::decode_neighbour(message);
                    (void)netlens::iface::decode_route(message);
                },
                "fuzz", [] {});
            break;
        }
    }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    // A heap block of exactly `size` bytes keeps ASan watching its end.
    auto copy = std::make_unique<std::byte[]>(size);
    if (size > 0) std::memcpy(copy.get(), data, size);
    auto recording = std::make_shared<netlens::source::Recording>();
    const auto outcome = netlens::source::parse_recording({copy.get(), size}, *recording);
    if (!outcome) return 0;
    const std::shared_ptr<const netlens::source::Recording> loaded = recording;
    for (const Entry& entry : loaded->entries()) replay(loaded, entry);
    return 0;
}
