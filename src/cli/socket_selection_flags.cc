#include "cli/socket_selection_flags.h"

#include <algorithm>

#include "core/error.h"

namespace netlens::cli {

namespace {

using sockets::SelectionStep;
using sockets::SocketFamily;
using sockets::SocketKind;
using Type = SelectionStep::Type;

// Selection flags with no value, by long name, and the step each occurrence adds.
struct FlagStep {
    const char* long_name;
    SelectionStep step;
};

const FlagStep kFlagSteps[] = {
    {"tcp", {.type = Type::table, .kind = SocketKind::tcp}},
    {"udp", {.type = Type::table, .kind = SocketKind::udp}},
    {"raw", {.type = Type::table, .kind = SocketKind::raw}},
    {"mptcp", {.type = Type::table, .kind = SocketKind::mptcp}},
    {"sctp", {.type = Type::table, .kind = SocketKind::sctp}},
    {"dccp", {.type = Type::table, .kind = SocketKind::dccp}},
    {"unix", {.type = Type::family, .family = SocketFamily::unix}},
    {"ipv4", {.type = Type::family, .family = SocketFamily::inet}},
    {"ipv6", {.type = Type::family, .family = SocketFamily::inet6}},
    {"packet", {.type = Type::family, .family = SocketFamily::packet}},
    {"vsock", {.type = Type::family, .family = SocketFamily::vsock}},
    {"tipc", {.type = Type::family, .family = SocketFamily::tipc}},
    {"xdp", {.type = Type::family, .family = SocketFamily::xdp}},
    {"all", {.type = Type::all}},
    {"listening", {.type = Type::listening}},
};

}  // namespace

void add_selection_flags(CLI::App& app, SelectionFlags& flags) {
    app.add_option("-f,--family", flags.families,
                   "Sockets of FAMILY: " + sockets::family_names() + " (-f help lists them)")
        ->type_name("FAMILY")
        ->multi_option_policy(CLI::MultiOptionPolicy::TakeAll);
    app.add_option("-A,--query,--socket", flags.queries,
                   "Socket tables, comma separated, '!' to leave one out: " + sockets::query_names())
        ->type_name("QUERY")
        ->multi_option_policy(CLI::MultiOptionPolicy::TakeAll);
    app.add_flag("-0,--packet", flags.packet, "Packet sockets (-f link)");
    app.add_flag("-M,--mptcp", flags.mptcp, "MPTCP sockets");
    app.add_flag("-S,--sctp", flags.sctp, "SCTP sockets");
    app.add_flag("-d,--dccp", flags.dccp, "DCCP sockets");
    app.add_flag("--vsock", flags.vsock, "vsock sockets (-f vsock)");
    app.add_flag("--tipc", flags.tipc, "TIPC sockets (-f tipc)");
    app.add_flag("--xdp", flags.xdp, "XDP sockets (-f xdp)");
}

bool wants_family_help(const SelectionFlags& flags) {
    return std::find(flags.families.begin(), flags.families.end(), "help") != flags.families.end();
}

sockets::SocketSelection selection_from(const CLI::App& app, const SelectionFlags& flags) {
    std::vector<SelectionStep> steps;
    size_t next_family = 0, next_query = 0;
    for (const CLI::Option* option : app.parse_order()) {
        if (option->check_lname("family") && next_family < flags.families.size()) {
            auto family = sockets::parse_family(flags.families[next_family++]);
            if (!family) throw FatalError(family.error());
            steps.push_back({.type = Type::family, .family = *family});
            continue;
        }
        if (option->check_lname("query") && next_query < flags.queries.size()) {
            steps.push_back({.type = Type::query, .query = flags.queries[next_query++]});
            continue;
        }
        for (const auto& entry : kFlagSteps) {
            if (option->check_lname(entry.long_name)) steps.push_back(entry.step);
        }
    }
    auto selection = sockets::resolve_selection(steps);
    if (!selection) throw FatalError(selection.error());
    return *selection;
}

}  // namespace netlens::cli
