#include "packet/generate/capture_generator.h"

#include <charconv>
#include <queue>
#include <vector>

#include "packet/generate/flow.h"

namespace netlens::packet::generate {
namespace {

const Mac kGatewayMac{0x02, 0x00, 0x00, 0x00, 0x00, 0x01};

std::size_t pick_scenario(Random& random, const GeneratorOptions& options, unsigned total) {
    auto roll = static_cast<unsigned>(random.below(total));
    for (std::size_t i = 0; i < kScenarios.size(); ++i) {
        if (roll < options.weights[i]) return i;
        roll -= options.weights[i];
    }
    return 0;
}

// Client `index` gets its own address (10.64.0.0/10, fd00:1::/64), so no two of the
// first 4 million flows (some 80 million packets) share a connection's addresses and
// ports; servers sit in 10.0.0.0/24 and fd00:2::/64.
FlowEnds make_ends(std::uint64_t index, const Scenario& scenario, Random& random, const GeneratorOptions& options) {
    FlowEnds ends;
    bool v6 = !scenario.ipv4_only && random.percent(options.ipv6_percent);
    auto host = static_cast<std::uint32_t>(index & 0x3fffff);
    std::uint8_t server = scenario.server_host;
    IpPair& up = ends.ip[0];
    up.v6 = v6;
    if (v6) {
        up.source = {0xfd, 0x00, 0x00, 0x01, 0, 0, 0, 0, 0, 0, 0, 0};
        up.destination = {0xfd, 0x00, 0x00, 0x02, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, server};
        for (int i = 0; i < 4; ++i) up.source[12 + i] = static_cast<std::uint8_t>(host >> (24 - 8 * i));
    } else {
        std::uint32_t client = 0x0a400000 | host;
        for (int i = 0; i < 4; ++i) up.source[i] = static_cast<std::uint8_t>(client >> (24 - 8 * i));
        up.destination = {10, 0, 0, server};
    }
    ends.ip[1] = {v6, up.destination, up.source};
    Mac client_mac{0x02, 0x10, up.source[v6 ? 12 : 0], up.source[v6 ? 13 : 1], up.source[v6 ? 14 : 2],
                   up.source[v6 ? 15 : 3]};
    std::uint16_t vlan = random.percent(options.vlan_percent) ? static_cast<std::uint16_t>(100 + random.below(4)) : 0;
    ends.link[0] = {client_mac, kGatewayMac, vlan};
    ends.link[1] = {kGatewayMac, client_mac, vlan};
    ends.port[0] = static_cast<std::uint16_t>(32768 + random.below(28232));
    ends.port[1] = scenario.server_port;
    return ends;
}

struct Slot {
    FlowFrames frames;
    std::uint64_t flow_index = 0;
};

}  // namespace

Result<std::array<unsigned, kScenarios.size()>> parse_scenario_mix(const std::string& text) {
    std::array<unsigned, kScenarios.size()> weights{};
    std::string_view rest = text;
    while (!rest.empty()) {
        std::string_view part = rest.substr(0, rest.find(','));
        rest.remove_prefix(std::min(rest.size(), part.size() + 1));
        std::string_view name = part.substr(0, part.find('='));
        unsigned weight = 1;
        if (name.size() < part.size()) {
            std::string_view number = part.substr(name.size() + 1);
            auto [end, ec] = std::from_chars(number.data(), number.data() + number.size(), weight);
            if (ec != std::errc{} || end != number.data() + number.size() || weight > 1000)
                return Error{ExitCode::usage, "scenario mix: bad weight in '" + std::string(part) + "'"};
        }
        bool known = false;
        for (std::size_t i = 0; i < kScenarios.size(); ++i)
            if (kScenarios[i].name == name) weights[i] = weight, known = true;
        if (!known) return Error{ExitCode::usage, "scenario mix: unknown kind '" + std::string(name) +
                                                      "' (http, tcp, dns, fragments)"};
    }
    return weights;
}

Result<CaptureSummary> generate_capture(const GeneratorOptions& options, CaptureWriter& writer,
                                        std::uint32_t interface_id) {
    unsigned total_weight = 0;
    for (unsigned weight : options.weights) total_weight += weight;
    if (total_weight == 0) return Error{ExitCode::usage, "scenario mix: every weight is 0"};

    CaptureSummary summary;
    Random schedule(options.seed);
    std::vector<Slot> slots;
    std::vector<std::size_t> free_slots;
    // Flows by the time of their next frame; ties go to the older flow.
    auto later = [&](std::size_t a, std::size_t b) {
        const auto& fa = slots[a].frames;
        const auto& fb = slots[b].frames;
        std::uint64_t ta = fa.frames[fa.next].timestamp_ns;
        std::uint64_t tb = fb.frames[fb.next].timestamp_ns;
        return ta != tb ? ta > tb : slots[a].flow_index > slots[b].flow_index;
    };
    std::priority_queue<std::size_t, std::vector<std::size_t>, decltype(later)> pending(later);

    std::uint64_t next_start = options.start_ns;
    std::uint64_t started = 0;
    auto wants_more = [&] { return options.flows != 0 ? started < options.flows : summary.packets < options.packets; };
    auto next_time = [&](std::size_t slot) {
        const auto& f = slots[slot].frames;
        return f.frames[f.next].timestamp_ns;
    };

    while (true) {
        // A flow starts before any frame later than its start leaves, so the merged
        // stream stays in time order.
        if (wants_more() && (pending.empty() || next_start <= next_time(pending.top()))) {
            if (free_slots.empty()) {
                slots.emplace_back();
                free_slots.push_back(slots.size() - 1);
            }
            std::size_t slot = free_slots.back();
            free_slots.pop_back();
            Random random = Random::derived(options.seed, started);
            const Scenario& scenario = kScenarios[pick_scenario(random, options, total_weight)];
            FlowEnds ends = make_ends(started, scenario, random, options);
            Flow flow(slots[slot].frames, summary, random, next_start, ends);
            scenario.play(flow);
            slots[slot].flow_index = started++;
            if (slots[slot].frames.done())
                free_slots.push_back(slot);
            else
                pending.push(slot);
            next_start += schedule.between(0, 2 * options.mean_flow_gap_ns);
            continue;
        }
        if (pending.empty()) break;
        std::size_t slot = pending.top();
        pending.pop();
        FlowFrames& frames = slots[slot].frames;
        const PendingFrame& frame = frames.frames[frames.next++];
        if (!writer.write({frame.timestamp_ns, frames.bytes(frame), 0, interface_id})) return *writer.error();
        if (frames.done())
            free_slots.push_back(slot);
        else
            pending.push(slot);
    }
    if (!writer.flush()) return *writer.error();
    return summary;
}

}  // namespace netlens::packet::generate
