// A tcpdump-style filter expression ("tcp port 80") applied to captured packets, compiled
// by libpcap into BPF and run by its interpreter. A BPF program is bound to a link type,
// so the expression is compiled once per link type met, when its first packet arrives;
// the expression is checked against Ethernet when the filter is made.
#pragma once

#include <pcap/pcap.h>

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "core/error.h"
#include "packet/capture_reader.h"

namespace netlens::packet {

class PacketFilter {
public:
    // Fails on an expression libpcap cannot compile, naming it and libpcap's message.
    static Result<PacketFilter> compile(std::string expression);

    // Whether the packet passes; nullopt when the expression has no meaning for the
    // packet's link type ("ether host" on raw IP), with the reason in error().
    std::optional<bool> matches(const CapturedPacket& packet);

    // Why the last packet matches() saw could not be filtered.
    const std::optional<Error>& error() const { return last_->failure; }
    const std::string& expression() const { return expression_; }

private:
    struct Program {
        LinkType link_type;
        std::optional<Error> failure;  // set: the expression failed for this link type
        bpf_program code{};
    };
    struct ProgramFree {
        void operator()(Program* program) const;
    };
    using ProgramPtr = std::unique_ptr<Program, ProgramFree>;

    explicit PacketFilter(std::string expression) : expression_(std::move(expression)) {}
    const Program* program_for(LinkType link_type);

    std::string expression_;
    std::vector<ProgramPtr> programs_;  // one per link type met; few, searched in order
    const Program* last_ = nullptr;     // the one the previous packet used
};

}  // namespace netlens::packet
