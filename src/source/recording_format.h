// The recording file: what --record writes and --replay reads (docs/recording.md).
//
// A header, then records. Every record carries its own length, so a reader checks each
// field against what is left of the record and of the file, and skips kinds it does not
// know (files stay readable when kinds are added). Integers of the framing are little
// endian; the answers themselves (netlink messages, ethtool structs) are the kernel's
// bytes in the recording host's byte order, which the header states.
//
//   header, 16 bytes:
//     magic      8 bytes   "NLRECORD"
//     version    u32       1
//     byte order u32       0x01020304 written in host order: a host of the other order
//                          reads 0x04030201 and refuses the file instead of misreading it
//   record:
//     kind       u8        1 namespace visited, 2 netlink, 3 file, 4 ethtool (EntryKind)
//     length     u32       bytes of the body that follows
//     body:
//       netns    blob      namespace label, "" for the one netlens ran in
//       subject  blob      file path; ethtool device
//       number   u32       netlink bus; ethtool buffer size
//       request  blob      netlink request (seq, pid zeroed); ethtool input, trailing zeros cut
//       err      i32       errno the kernel answered with, 0 for an answer with data
//       count    u32       answer parts
//       parts    count x blob   netlink datagrams; the file text; the ethtool output
//   blob = u32 length + that many bytes
// Bytes after the last field of a body are ignored, so later versions may append fields.
#pragma once

#include <cstddef>
#include <optional>
#include <span>
#include <string>

#include "core/error.h"
#include "source/entry.h"

namespace netlens::source {

class Recording;

inline constexpr size_t kRecordingHeaderSize = 16;

std::string encode_recording_header();
std::string encode_entry(const Entry& entry);

// Every record of `bytes` into `into`, in file order. A file whose header is not ours
// is an Error (nothing in it can be trusted); damage after the header stops the reading
// and is returned, naming the byte offset and what was wrong, with every record before
// it already in `into`.
struct ParseOutcome {
    std::optional<Error> damage;  // code partial
};
Result<ParseOutcome> parse_recording(std::span<const std::byte> bytes, Recording& into);

}  // namespace netlens::source
