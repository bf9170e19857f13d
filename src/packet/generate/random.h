// The generator's only source of chance: SplitMix64 (Steele, Lea and Flood, "Fast
// splittable pseudorandom number generators", 2014). Written out rather than taken from
// <random> because the standard's distributions may differ between library versions,
// and the same seed must give the same file everywhere.
#pragma once

#include <cstdint>

namespace netlens::packet::generate {

class Random {
public:
    explicit Random(std::uint64_t seed) : state_(seed) {}
    // An independent stream for item `index` of a run seeded with `seed`.
    static Random derived(std::uint64_t seed, std::uint64_t index) {
        Random mixer(seed ^ (index * 0xd1b54a32d192ed03ULL));
        return Random(mixer.next());
    }

    std::uint64_t next() {
        std::uint64_t z = (state_ += 0x9e3779b97f4a7c15ULL);
        z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
        z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
        return z ^ (z >> 31);
    }
    // Uniform in [0, bound); 0 when bound is 0. The slight bias of a modulo does not
    // matter for traffic shapes.
    std::uint64_t below(std::uint64_t bound) { return bound == 0 ? 0 : next() % bound; }
    // Uniform in [low, high].
    std::uint64_t between(std::uint64_t low, std::uint64_t high) { return low + below(high - low + 1); }
    // True with probability percent/100.
    bool percent(unsigned percent) { return below(100) < percent; }

private:
    std::uint64_t state_;
};

}  // namespace netlens::packet::generate
