// The names ip(8) prints for numbers it looks up in iproute2's databases under
// /etc/iproute2: route protocols (rt_protos, rt_protos.d/*.conf), tables (rt_tables,
// rt_tables.d/*.conf), scopes, realms, DS fields (a route's tos) and link groups.
//
// ip's built-in names come first. It reads the protocol, scope, realm and DS-field
// databases only when a number has no built-in name, and from then on the files' names
// win, also over built-in ones (rt_realms names realm 0 "cosmos", built in as
// "unknown"); tables and groups are read at the first lookup. The lookups here keep that
// order, so a listing names each number as ip's listing of the same routes does.
#pragma once

#include <array>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/finding.h"
#include "proc/id_name_file.h"
#include "source/source.h"

namespace netlens::iface {

// A database of numbers below 256, read on the first number without a built-in name.
class SmallNameTable {
public:
    explicit SmallNameTable(std::initializer_list<std::pair<uint8_t, const char*>> built_in);
    void add_file(std::vector<proc::IdName> entries);
    std::optional<std::string> name(uint32_t id) const;

private:
    // Lookups fill the table from the files the first time a name is missing, as ip does.
    mutable std::array<std::optional<std::string>, 256> names_;
    mutable std::vector<proc::IdName> unread_;
    mutable bool read_ = false;
};

class IpNames {
public:
    IpNames();  // the built-in names only: ip's output on a host without the databases

    // The databases of the namespace's host, read through `source`. A database that
    // cannot be read (other than absent, which ip ignores too) is a skipped check
    // naming it; its numbers are then shown by their built-in names or as numbers.
    static IpNames read(source::Source& source, Diagnosis& diagnosis);

    std::string protocol(uint8_t protocol) const;  // "kernel", "static", or "250"
    std::string scope(uint8_t scope) const;        // "global", "link", or "7"
    std::string realm(uint32_t realm) const;       // "cosmos", or "5"
    std::string dsfield(uint8_t tos) const;        // "AF11", or "0x10"
    std::string table(uint32_t table) const;       // "main", or "1000"
    std::string group(uint32_t group) const;       // "default", or "7" (ip prints it signed)

private:
    SmallNameTable protocols_;
    SmallNameTable scopes_;
    SmallNameTable realms_;
    SmallNameTable dsfields_;
    std::map<uint32_t, std::string> tables_;
    std::map<int64_t, std::string> groups_;
};

}  // namespace netlens::iface
