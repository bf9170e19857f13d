// iproute2's name databases (/etc/iproute2/rt_protos, rt_tables, rt_scopes, rt_realms,
// rt_dsfield, group): one "ID NAME" pair a line, the id decimal or 0x-hex, "#" starting
// a comment line. Parsed by ip's rules (lib/rt_names.c fread_id_name): the first line
// that is not such a pair ends the file ("Database ... is corrupted at ..."), and the
// pairs before it stay.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace netlens::proc {

struct IdName {
    int64_t id = 0;  // as written: ip skips negative ids and ids its table cannot hold
    std::string name;
};

struct IdNameFile {
    std::vector<IdName> entries;       // in file order; a later one for the same id wins
    std::optional<std::string> corrupt_line;  // the line that ended the file early
};

IdNameFile parse_id_name_file(std::string_view text);

}  // namespace netlens::proc
