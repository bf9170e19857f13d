#include "sockets/analysis/kernel_limits.h"

#include <string>

namespace netlens::sockets {

namespace {

std::optional<std::string> read_optional(source::Source& source, const std::string& path) {
    auto text = source::read_text(source, path);
    if (!text) return std::nullopt;
    return std::move(*text);
}

std::optional<int64_t> read_integer_sysctl(source::Source& source, const std::string& name, Diagnosis& diagnosis) {
    const std::string path = "/proc/sys/net/" + name;
    const auto text = read_optional(source, path);
    const auto value = text ? proc::parse_integer(*text) : std::nullopt;
    if (!value) diagnosis.skip("sysctl", name, text ? path + ": not a number" : path + ": cannot read");
    return value;
}

void merge_sockstat(source::Source& source, const std::string& path, proc::Sockstat& into, Diagnosis& diagnosis) {
    const auto text = read_optional(source, path);
    if (!text) {
        diagnosis.skip("sockstat", path + ": cannot read");
        return;
    }
    auto parsed = proc::parse_sockstat(*text);
    if (parsed.first_bad_line) {
        // The counts after a line that does not parse are missing from the summary.
        diagnosis.damaged("sockstat", path + ": line " + std::to_string(*parsed.first_bad_line) + " does not parse");
    }
    into.merge(parsed.values);
}

}  // namespace

KernelLimits read_kernel_limits(source::Source& source, Diagnosis& diagnosis) {
    KernelLimits limits;
    const auto range_text = read_optional(source, "/proc/sys/net/ipv4/ip_local_port_range");
    limits.port_range = range_text ? proc::parse_port_range(*range_text) : std::nullopt;
    if (!limits.port_range) {
        diagnosis.skip("tcp.local_port_exhaustion", "/proc/sys/net/ipv4/ip_local_port_range: cannot read or parse");
    } else if (const auto reserved = read_optional(source, "/proc/sys/net/ipv4/ip_local_reserved_ports")) {
        limits.reserved_in_range = proc::count_reserved_ports(*reserved, *limits.port_range).value_or(0);
    }
    limits.tw_reuse = read_integer_sysctl(source, "ipv4/tcp_tw_reuse", diagnosis);
    limits.max_orphans = read_integer_sysctl(source, "ipv4/tcp_max_orphans", diagnosis);
    limits.somaxconn = read_integer_sysctl(source, "core/somaxconn", diagnosis);
    merge_sockstat(source, "/proc/net/sockstat", limits.sockstat, diagnosis);
    merge_sockstat(source, "/proc/net/sockstat6", limits.sockstat, diagnosis);
    return limits;
}

}  // namespace netlens::sockets
