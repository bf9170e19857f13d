// netlens route [--table T] [-4|-6] [-s]      the routing table (ip route show)
// netlens route get ADDR [from ADDR] [iif DEV] [oif DEV] [mark N]
//                                              the kernel's decision (ip route get)
#include <arpa/inet.h>

#include "cli/commands.h"
#include "cli/common_flags.h"
#include "route/route_get.h"
#include "route/route_list.h"

namespace netlens::cli {

namespace {

struct RouteFlags {
    CommonFlags common;
    std::string table = "main";
    bool ipv4 = false;
    bool ipv6 = false;
    bool stats = false;
    std::vector<std::string> get_words;  // ADDR [from ADDR] [iif DEV] [oif DEV] [mark N]
};

IpAddress address_or_usage(const std::string& keyword, const std::string& text) {
    auto address = parse_ip_address(text);
    if (!address) throw FatalError(ExitCode::usage, "route get: " + keyword + text + ": not an IPv4 or IPv6 address");
    return *address;
}

// The words after `get`, in ip(8)'s grammar: keywords each take one value.
iface::RouteQuery parse_get_words(const std::vector<std::string>& words) {
    iface::RouteQuery query;
    bool have_destination = false;
    for (size_t i = 0; i < words.size(); ++i) {
        const std::string& word = words[i];
        const bool keyword = word == "from" || word == "iif" || word == "oif" || word == "mark" || word == "to";
        if (keyword && i + 1 == words.size()) throw FatalError(ExitCode::usage, "route get: " + word + ": missing value");
        if (word == "from") {
            query.from = address_or_usage("from ", words[++i]);
        } else if (word == "iif") {
            query.input_interface = words[++i];
        } else if (word == "oif") {
            query.output_interface = words[++i];
        } else if (word == "mark") {
            const std::string& value = words[++i];
            char* end = nullptr;
            const unsigned long mark = std::strtoul(value.c_str(), &end, 0);
            if (value.empty() || *end != '\0' || mark > UINT32_MAX) {
                throw FatalError(ExitCode::usage, "route get: mark " + value + ": not a 32-bit number");
            }
            query.mark = static_cast<uint32_t>(mark);
        } else {
            const std::string& text = word == "to" ? words[++i] : word;
            if (have_destination) throw FatalError(ExitCode::usage, "route get: " + text + ": unexpected word");
            query.destination = address_or_usage("", text);
            have_destination = true;
        }
    }
    if (!have_destination) throw FatalError(ExitCode::usage, "route get: missing destination address");
    if (!query.input_interface.empty() && !query.from) {
        throw FatalError(ExitCode::usage, "route get: iif " + query.input_interface + " needs from ADDRESS");
    }
    return query;
}

ExitCode run_route_list(const RouteFlags& flags) {
    auto table = route::parse_table(flags.table);
    if (!table) throw FatalError(table.error());
    route::RouteListRequest request{*table, flags.ipv4 ? AF_INET : flags.ipv6 ? AF_INET6 : 0, flags.stats, {}};
    return run_stages(flags.common, "route", [&](const RunContext& context, Sink& sink, Diagnosis& diagnosis) {
        request.targets = context.targets;
        return route::list_routes(request, context.session, sink, diagnosis);
    });
}

ExitCode run_route_get(const RouteFlags& flags) {
    const auto query = parse_get_words(flags.get_words);
    return run_stages(flags.common, "route get", [&](const RunContext& context, Sink& sink, Diagnosis& diagnosis) {
        return route::get_route(query, context.session, context.targets, sink, diagnosis);
    });
}

}  // namespace

void setup_route(CLI::App& app, RunState& state) {
    auto flags = std::make_shared<RouteFlags>();
    app.add_option("--table", flags->table, "Table to list: main, local, default, all or a number")
        ->default_str("main");
    auto* v4 = app.add_flag("-4", flags->ipv4, "IPv4 routes only");
    auto* v6 = app.add_flag("-6", flags->ipv6, "IPv6 routes only");
    v4->excludes(v6);
    app.add_flag("-s,--stats", flags->stats, "Show the route cache counters ip -s route shows (users, used, age)");
    add_output_flags(app, flags->common);
    add_netns_flags(app, flags->common);

    CLI::App* get = app.add_subcommand("get", "Ask the kernel which route it would use (ip route get)");
    get->add_option("ADDRESS", flags->get_words,
                    "ADDRESS [from ADDRESS] [iif DEV] [oif DEV] [mark N], as for ip route get")
        ->required();
    add_output_flags(*get, flags->common);
    add_netns_flags(*get, flags->common);
    get->callback([flags, &state] { state.exit_code = run_route_get(*flags); });

    app.require_subcommand(0, 1);
    app.callback([flags, &state, get] {
        if (get->parsed()) return;
        state.exit_code = run_route_list(*flags);
    });
}

}  // namespace netlens::cli
