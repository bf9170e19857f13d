// DNS over UDP: one query (A or AAAA) from a client port to a resolver, and what came
// of it — an answer, NXDOMAIN, nothing, a retry after a second that is then answered, or
// an answer from an address the client did not ask (a second resolver, a spoofer).
// Messages are built per RFC 1035 §4.1, the answer's name a pointer to the question's.
#include <string>

#include "packet/byte_writer.h"
#include "packet/generate/scenarios.h"

namespace netlens::packet::generate {
namespace {

constexpr std::uint16_t kTypeA = 1;
constexpr std::uint16_t kTypeAaaa = 28;
constexpr std::uint16_t kRcodeNxdomain = 3;

struct Question {
    std::uint16_t id;
    std::uint16_t type;
    std::uint64_t host;
    bool exists;
};

// Header, question and (when `answer`) one record; `response` with `rcode`.
Bytes build_message(std::string& buffer, const Question& q, bool response, std::uint16_t rcode) {
    buffer.resize(512);
    ByteWriter out(std::as_writable_bytes(std::span(buffer.data(), buffer.size())));
    bool answer = response && rcode == 0;
    out.u16be(q.id);
    out.u16be(static_cast<std::uint16_t>(response ? 0x8180 | rcode : 0x0100));  // RD, and QR+RA
    out.u16be(1);
    out.u16be(answer ? 1 : 0);
    out.u16be(0);
    out.u16be(0);
    std::string label = (q.exists ? "host" : "missing") + std::to_string(q.host);
    for (std::string_view part : {std::string_view(label), std::string_view("example"), std::string_view("net")}) {
        out.u8(static_cast<std::uint8_t>(part.size()));
        out.bytes(std::as_bytes(std::span(part.data(), part.size())));
    }
    out.u8(0);
    out.u16be(q.type);
    out.u16be(1);  // class IN
    if (answer) {
        out.u16be(0xc00c);  // the question's name
        out.u16be(q.type);
        out.u16be(1);
        out.u32be(300);
        if (q.type == kTypeA) {
            out.u16be(4);
            out.u32be(0xc6336400 | static_cast<std::uint32_t>(q.host & 0xff));  // 198.51.100.x
        } else {
            out.u16be(16);
            out.u32be(0x20010db8);
            out.zeros(8);
            out.u32be(static_cast<std::uint32_t>(q.host));
        }
    }
    return std::as_bytes(std::span(buffer.data(), out.ok() ? out.offset() : 0));
}

}  // namespace

void play_dns(Flow& flow) {
    Random& random = flow.random();
    CaptureSummary::Dns& counts = flow.summary().dns;
    Question q{static_cast<std::uint16_t>(random.next()), random.percent(60) ? kTypeA : kTypeAaaa,
               random.below(100000), true};
    auto roll = random.below(100);
    bool nxdomain = roll >= 70 && roll < 82;
    bool unanswered = roll >= 82 && roll < 88;
    bool retried = roll >= 88 && roll < 94;
    bool foreign = roll >= 94;
    q.exists = !nxdomain;

    Bytes query = build_message(flow.scratch(Side::client), q, false, 0);
    auto ask = [&] {
        flow.udp(Side::client, query);
        ++counts.queries;
        ++(q.type == kTypeA ? counts.a_queries : counts.aaaa_queries);
    };
    ask();
    if (unanswered) {
        ++counts.unanswered;
        return;
    }
    if (retried) {
        flow.wait(1'000'000'000);  // glibc's resolver waits a second (scaled by attempts)
        ask();
        ++counts.retries;
    }
    flow.wait(flow.rtt_ns() + random.between(0, 5) * 1'000'000);
    Bytes reply = build_message(flow.scratch(Side::server), q, true, nxdomain ? kRcodeNxdomain : 0);
    if (foreign) {
        IpPair ip = flow.ends().ip[1];
        ip.source[ip.v6 ? 15 : 3] ^= 1;  // the neighbour of the resolver asked
        flow.udp_from(Side::server, ip, reply);
        ++counts.foreign_replies;
    } else {
        flow.udp(Side::server, reply);
    }
    ++counts.responses;
    if (nxdomain) ++counts.nxdomain;
}

}  // namespace netlens::packet::generate
