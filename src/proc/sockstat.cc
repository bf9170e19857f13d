#include "proc/sockstat.h"

#include <charconv>
#include <vector>

namespace netlens::proc {

namespace {

std::vector<std::string_view> words(std::string_view line) {
    std::vector<std::string_view> out;
    size_t i = 0;
    while (i < line.size()) {
        while (i < line.size() && (line[i] == ' ' || line[i] == '\t')) ++i;
        const size_t start = i;
        while (i < line.size() && line[i] != ' ' && line[i] != '\t') ++i;
        if (i > start) out.push_back(line.substr(start, i - start));
    }
    return out;
}

bool parse_line(std::string_view line, Sockstat& values) {
    const auto parts = words(line);
    // "PROTO:" followed by name/value pairs.
    if (parts.empty() || parts[0].size() < 2 || parts[0].back() != ':' || parts.size() % 2 != 1) return false;
    auto& fields = values[std::string(parts[0].substr(0, parts[0].size() - 1))];
    for (size_t i = 1; i + 1 < parts.size(); i += 2) {
        int64_t value = 0;
        const auto [end, error] = std::from_chars(parts[i + 1].data(), parts[i + 1].data() + parts[i + 1].size(), value);
        if (error != std::errc() || end != parts[i + 1].data() + parts[i + 1].size()) return false;
        fields[std::string(parts[i])] = value;
    }
    return true;
}

}  // namespace

SockstatParse parse_sockstat(std::string_view text) {
    SockstatParse result;
    size_t number = 0;
    while (!text.empty()) {
        const size_t end = text.find('\n');
        const std::string_view line = text.substr(0, end);
        text.remove_prefix(end == std::string_view::npos ? text.size() : end + 1);
        ++number;
        if (line.empty()) continue;
        if (!parse_line(line, result.values) && !result.first_bad_line) result.first_bad_line = number;
    }
    return result;
}

std::optional<int64_t> snmp_value(std::string_view text, std::string_view protocol, std::string_view field) {
    std::vector<std::string_view> names;
    while (!text.empty()) {
        const size_t end = text.find('\n');
        const auto parts = words(text.substr(0, end));
        text.remove_prefix(end == std::string_view::npos ? text.size() : end + 1);
        if (parts.empty() || parts[0].size() != protocol.size() + 1 || !parts[0].starts_with(protocol) ||
            parts[0].back() != ':') {
            continue;
        }
        if (names.empty()) {  // the first line of the pair names the columns
            names = parts;
            continue;
        }
        for (size_t i = 1; i < names.size() && i < parts.size(); ++i) {
            if (names[i] != field) continue;
            int64_t value = 0;
            const auto [end_of_number, error] = std::from_chars(parts[i].data(), parts[i].data() + parts[i].size(), value);
            if (error != std::errc() || end_of_number != parts[i].data() + parts[i].size()) return std::nullopt;
            return value;
        }
        return std::nullopt;
    }
    return std::nullopt;
}

int64_t sockstat_value(const Sockstat& sockstat, std::string_view protocol, std::string_view field) {
    const auto p = sockstat.find(protocol);
    if (p == sockstat.end()) return 0;
    const auto f = p->second.find(field);
    return f == p->second.end() ? 0 : f->second;
}

}  // namespace netlens::proc
