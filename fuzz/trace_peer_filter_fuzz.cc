// Feeds the input, as the text of --peer, to its parser, and as a "HOST:PORT" endpoint to
// the endpoint parser; a filter that parses is matched against the endpoint. Checks that
// a parsed prefix never exceeds its address's length.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "trace/peer_filter.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    const std::string_view text(reinterpret_cast<const char*>(data), size);
    const auto endpoint = netlens::trace::parse_endpoint(text);
    if (auto filter = netlens::trace::parse_peer_filter(text)) {
        if (filter->address && filter->prefix > filter->address->size() * 8) std::abort();
        (void)filter->matches(endpoint, endpoint);
    }
    (void)netlens::trace::parse_port_filter(text);
    return 0;
}
