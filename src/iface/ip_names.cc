#include "iface/ip_names.h"

#include <linux/rtnetlink.h>

#include <cerrno>
#include <cstdio>
#include <string_view>

namespace netlens::iface {

namespace {

// A literal, not a std::string: IpNames may be read while other files' statics start up.
constexpr std::string_view kDirectory = "/etc/iproute2/";

// What ip's own tables hold before it reads a file (iproute2 6.1, lib/rt_names.c).
const std::initializer_list<std::pair<uint8_t, const char*>> kBuiltInProtocols = {
    {RTPROT_UNSPEC, "unspec"}, {RTPROT_REDIRECT, "redirect"}, {RTPROT_KERNEL, "kernel"},
    {RTPROT_BOOT, "boot"}, {RTPROT_STATIC, "static"}, {RTPROT_GATED, "gated"}, {RTPROT_RA, "ra"},
    {RTPROT_MRT, "mrt"}, {RTPROT_ZEBRA, "zebra"}, {RTPROT_BIRD, "bird"}, {RTPROT_BABEL, "babel"},
    {RTPROT_DNROUTED, "dnrouted"}, {RTPROT_XORP, "xorp"}, {RTPROT_NTK, "ntk"}, {RTPROT_DHCP, "dhcp"},
    {RTPROT_KEEPALIVED, "keepalived"}, {RTPROT_BGP, "bgp"}, {RTPROT_ISIS, "isis"}, {RTPROT_OSPF, "ospf"},
    {RTPROT_RIP, "rip"}, {RTPROT_EIGRP, "eigrp"},
};
const std::initializer_list<std::pair<uint8_t, const char*>> kBuiltInScopes = {
    {RT_SCOPE_UNIVERSE, "global"}, {RT_SCOPE_NOWHERE, "nowhere"}, {RT_SCOPE_HOST, "host"},
    {RT_SCOPE_LINK, "link"}, {RT_SCOPE_SITE, "site"},
};

// Reads the databases and collects what could not be read, for one skipped check.
class DatabaseReader {
public:
    DatabaseReader(source::Source& source) : source_(source) {}

    // The pairs of one file; none when it is absent or unreadable.
    std::vector<proc::IdName> pairs(const std::string& name) {
        auto text = text_of(std::string(kDirectory) + name);
        if (!text) return {};
        auto file = proc::parse_id_name_file(*text);
        if (file.corrupt_line) problems_.push_back("database " + std::string(kDirectory) + name + " is corrupted at " + *file.corrupt_line);
        return std::move(file.entries);
    }

    // The pairs of `name` and then of each NAME.d/*.conf, in file name order.
    std::vector<proc::IdName> pairs_with_directory(const std::string& name) {
        auto all = pairs(name);
        auto listing = text_of(std::string(kDirectory) + name + ".d/");
        if (!listing) return all;
        size_t start = 0;
        while (start < listing->size()) {
            const size_t end = listing->find('\n', start);
            const std::string entry = listing->substr(start, end - start);
            start = end == std::string::npos ? listing->size() : end + 1;
            // ip's rule: a name not starting with '.', longer than and ending in ".conf".
            const bool conf = entry.size() > 5 && entry.front() != '.' && entry.ends_with(".conf");
            if (!conf) continue;
            auto more = pairs(name + ".d/" + entry);
            all.insert(all.end(), std::make_move_iterator(more.begin()), std::make_move_iterator(more.end()));
        }
        return all;
    }

    void report(Diagnosis& diagnosis) const {
        if (problems_.empty()) return;
        std::string text;
        for (const auto& problem : problems_) text += (text.empty() ? "" : "; ") + problem;
        diagnosis.skip("iproute2 names", text + " (numbers it would name are shown by ip's built-in names or as numbers)");
    }

private:
    std::optional<std::string> text_of(const std::string& path) {
        auto read = source_.read_file(path);
        if (!read) {
            problems_.push_back(read.error().message);
            return std::nullopt;
        }
        if (read->err == ENOENT) return std::nullopt;  // ip, too, goes on without it
        if (read->err != 0) {
            problems_.push_back(path + ": " + errno_text(read->err));
            return std::nullopt;
        }
        return std::move(read->text);
    }

    source::Source& source_;
    std::vector<std::string> problems_;
};

std::string hex_byte(uint8_t value) {
    char text[8];
    std::snprintf(text, sizeof(text), "0x%02x", value);
    return text;
}

}  // namespace

SmallNameTable::SmallNameTable(std::initializer_list<std::pair<uint8_t, const char*>> built_in) {
    for (const auto& [id, name] : built_in) names_[id] = name;
}

void SmallNameTable::add_file(std::vector<proc::IdName> entries) {
    unread_.insert(unread_.end(), std::make_move_iterator(entries.begin()), std::make_move_iterator(entries.end()));
}

std::optional<std::string> SmallNameTable::name(uint32_t id) const {
    if (id >= names_.size()) return std::nullopt;
    if (!names_[id] && !read_) {
        read_ = true;
        for (auto& entry : unread_) {
            if (entry.id >= 0 && entry.id < static_cast<int64_t>(names_.size())) names_[entry.id] = std::move(entry.name);
        }
        unread_.clear();
    }
    return names_[id];
}

IpNames::IpNames()
    : protocols_(kBuiltInProtocols),
      scopes_(kBuiltInScopes),
      realms_({{0, "unknown"}}),
      dsfields_({{0, "0"}}),
      tables_{{RT_TABLE_DEFAULT, "default"}, {RT_TABLE_MAIN, "main"}, {RT_TABLE_LOCAL, "local"}},
      groups_{{0, "default"}} {}

IpNames IpNames::read(source::Source& source, Diagnosis& diagnosis) {
    IpNames names;
    DatabaseReader reader(source);
    names.protocols_.add_file(reader.pairs_with_directory("rt_protos"));
    names.scopes_.add_file(reader.pairs("rt_scopes"));
    names.realms_.add_file(reader.pairs("rt_realms"));
    names.dsfields_.add_file(reader.pairs("rt_dsfield"));
    // Tables and groups: every entry counts, a later one over an earlier one and over
    // the built-in name (ip keeps them in hash chains, newest first).
    for (auto& entry : reader.pairs_with_directory("rt_tables")) {
        if (entry.id >= 0 && entry.id <= INT32_MAX) names.tables_[static_cast<uint32_t>(entry.id)] = std::move(entry.name);
    }
    for (auto& entry : reader.pairs("group")) {
        if (entry.id >= 0 && entry.id <= INT32_MAX) names.groups_[entry.id] = std::move(entry.name);
    }
    reader.report(diagnosis);
    return names;
}

std::string IpNames::protocol(uint8_t protocol) const {
    return protocols_.name(protocol).value_or(std::to_string(protocol));
}

std::string IpNames::scope(uint8_t scope) const { return scopes_.name(scope).value_or(std::to_string(scope)); }

std::string IpNames::realm(uint32_t realm) const { return realms_.name(realm).value_or(std::to_string(realm)); }

std::string IpNames::dsfield(uint8_t tos) const { return dsfields_.name(tos).value_or(hex_byte(tos)); }

std::string IpNames::table(uint32_t table) const {
    const auto found = tables_.find(table);
    return found != tables_.end() ? found->second : std::to_string(table);
}

std::string IpNames::group(uint32_t group) const {
    // ip holds the group in an int: 4294967295 is -1, which no entry names.
    const auto as_int = static_cast<int32_t>(group);
    const auto found = groups_.find(as_int);
    return found != groups_.end() ? found->second : std::to_string(as_int);
}

}  // namespace netlens::iface
