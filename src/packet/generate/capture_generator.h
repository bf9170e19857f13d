// The deterministic capture generator: flows of the kinds in kScenarios start one after
// another at random intervals from a seed, each is played whole into its own buffers,
// and their frames are merged in time order into a CaptureWriter. The same options give
// the same frames, byte for byte. Memory follows the number of flows alive at once, not
// the length of the capture.
#pragma once

#include <array>
#include <cstdint>
#include <string>

#include "core/error.h"
#include "packet/capture_writer.h"
#include "packet/generate/capture_summary.h"
#include "packet/generate/scenarios.h"

namespace netlens::packet::generate {

struct GeneratorOptions {
    std::uint64_t seed = 1;
    std::uint64_t packets = 10000;  // start flows until about this many packets were made
    std::uint64_t flows = 0;        // non-zero: start exactly this many flows instead
    std::array<unsigned, kScenarios.size()> weights = default_weights();  // as kScenarios
    unsigned ipv6_percent = 25;
    unsigned vlan_percent = 15;
    std::uint64_t start_ns = 1'700'000'000'000'000'000ULL;  // 2023-11-14, fixed for identical files
    std::uint64_t mean_flow_gap_ns = 2'000'000;             // between flow starts

    static std::array<unsigned, kScenarios.size()> default_weights() {
        std::array<unsigned, kScenarios.size()> weights{};
        for (std::size_t i = 0; i < kScenarios.size(); ++i) weights[i] = kScenarios[i].default_weight;
        return weights;
    }
};

// Parses "http=4,dns=2" into weights; kinds not named get 0. An error names the part
// it could not read.
Result<std::array<unsigned, kScenarios.size()>> parse_scenario_mix(const std::string& text);

// Writes every generated frame to interface `interface_id` of `writer`, which must be
// Ethernet. Fails when the writer does, or when every weight is 0.
Result<CaptureSummary> generate_capture(const GeneratorOptions& options, CaptureWriter& writer,
                                        std::uint32_t interface_id = 0);

}  // namespace netlens::packet::generate
