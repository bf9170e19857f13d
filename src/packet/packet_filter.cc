// Filters through libpcap: pcap_open_dead() gives a handle that only knows a link type and
// snaplen, which is all pcap_compile() needs; pcap_offline_filter() then runs the program
// on one packet. Capture files name LINKTYPE_ values while libpcap's compiler takes DLT_
// values; they are equal except for the few in kLinkTypeToDlt (tcpdump.org/linktypes.html).
#include "packet/packet_filter.h"

#include <fmt/format.h>

#include <utility>

namespace netlens::packet {
namespace {

struct LinkTypeDlt {
    std::uint16_t link_type;
    int dlt;
};

constexpr LinkTypeDlt kLinkTypeToDlt[] = {
    {100, DLT_ATM_RFC1483},
    {101, DLT_RAW},  // 12 on Linux, 14 on OpenBSD
    {102, DLT_SLIP_BSDOS},
    {103, DLT_PPP_BSDOS},
};

int dlt_for(LinkType link_type) {
    const auto value = static_cast<std::uint16_t>(link_type);
    for (const auto& entry : kLinkTypeToDlt) {
        if (entry.link_type == value) return entry.dlt;
    }
    return value;
}

struct PcapClose {
    void operator()(pcap_t* handle) const { pcap_close(handle); }
};

// Compiles for one link type; the error says why not.
std::optional<Error> compile_for(const std::string& expression, LinkType link_type, bpf_program& code) {
    const std::unique_ptr<pcap_t, PcapClose> dead(pcap_open_dead(dlt_for(link_type), kMaxCapturedBytes));
    if (!dead) return Error{ExitCode::failure, "libpcap cannot open a handle to compile filters"};
    if (pcap_compile(dead.get(), &code, expression.c_str(), 1, PCAP_NETMASK_UNKNOWN) != 0) {
        return Error{ExitCode::usage,
                     fmt::format("filter \"{}\": {} (link type {})", expression,
                                 pcap_geterr(dead.get()), static_cast<unsigned>(link_type))};
    }
    return std::nullopt;
}

}  // namespace

void PacketFilter::ProgramFree::operator()(Program* program) const {
    if (!program->failure) pcap_freecode(&program->code);
    delete program;
}

Result<PacketFilter> PacketFilter::compile(std::string expression) {
    PacketFilter filter(std::move(expression));
    filter.last_ = filter.program_for(LinkType::ethernet);
    if (filter.last_->failure) return *filter.last_->failure;
    return filter;
}

const PacketFilter::Program* PacketFilter::program_for(LinkType link_type) {
    for (const auto& program : programs_) {
        if (program->link_type == link_type) return program.get();
    }
    ProgramPtr program(new Program{link_type});
    program->failure = compile_for(expression_, link_type, program->code);
    programs_.push_back(std::move(program));
    return programs_.back().get();
}

std::optional<bool> PacketFilter::matches(const CapturedPacket& packet) {
    if (last_->link_type != packet.link_type) last_ = program_for(packet.link_type);
    if (last_->failure) return std::nullopt;
    pcap_pkthdr header{};
    header.ts.tv_sec = static_cast<time_t>(packet.timestamp_ns / 1'000'000'000);
    header.ts.tv_usec = static_cast<suseconds_t>(packet.timestamp_ns % 1'000'000'000 / 1000);
    header.caplen = static_cast<bpf_u_int32>(packet.data.size());
    header.len = packet.original_length;
    const auto* data = reinterpret_cast<const u_char*>(packet.data.data());
    return pcap_offline_filter(&last_->code, &header, data) != 0;
}

}  // namespace netlens::packet
