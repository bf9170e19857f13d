// How -t -u -w -x -4 -6 -0 -f -A -a -l combine, worked out by hand from ss 6.1's rules
// (misc/ss.c: filter_db_set, filter_af_set, the -A case and filter_merge_defaults) and
// checked against what `ss` lists on this kernel (tests/e2e/ss_select_test.sh).
#include "sockets/selection/socket_selection.h"

#include <gtest/gtest.h>

#include "sockets/analysis/states.h"
#include "sockets/model.h"

namespace netlens::sockets {
namespace {

using Type = SelectionStep::Type;

SelectionStep table(SocketKind kind) { return {.type = Type::table, .kind = kind}; }
SelectionStep family(SocketFamily family) { return {.type = Type::family, .family = family}; }
SelectionStep query(const char* words) { return {.type = Type::query, .query = words}; }
SelectionStep all() { return {.type = Type::all}; }
SelectionStep listening() { return {.type = Type::listening}; }

SocketSelection resolve(const std::vector<SelectionStep>& steps) {
    auto selection = resolve_selection(steps);
    EXPECT_TRUE(selection.ok()) << selection.error().message;
    return *selection;
}

uint32_t kinds(std::initializer_list<SocketKind> list) {
    uint32_t mask = 0;
    for (auto kind : list) mask |= 1U << static_cast<unsigned>(kind);
    return mask;
}
uint32_t families(std::initializer_list<SocketFamily> list) {
    uint32_t mask = 0;
    for (auto family : list) mask |= 1U << static_cast<unsigned>(family);
    return mask;
}

const uint32_t kConnectedStates = default_state_mask(StateScope::connected);
const uint32_t kUnixKinds = kinds({SocketKind::unix_dgram, SocketKind::unix_stream, SocketKind::unix_seqpacket});
const uint32_t kInetKinds = kinds({SocketKind::tcp, SocketKind::mptcp, SocketKind::dccp, SocketKind::udp,
                                   SocketKind::raw, SocketKind::sctp});

TEST(SocketsSelection, NoFlagsReadEveryTableInConnectedStates) {
    const auto selection = resolve({});
    EXPECT_TRUE(selection.has(SocketKind::tcp));
    EXPECT_TRUE(selection.has(SocketKind::unix_dgram));
    EXPECT_TRUE(selection.has(SocketKind::netlink));
    EXPECT_FALSE(selection.has(SocketKind::tipc));  // ss 6.1's `all` leaves TIPC out
    EXPECT_TRUE(selection.has(SocketFamily::inet6));
    EXPECT_EQ(selection.states, kConnectedStates);
    EXPECT_EQ(selection.named_kinds, 0U);  // nothing named: no notes on unread kinds
}

TEST(SocketsSelection, TcpAloneIsBothInetFamilies) {
    const auto selection = resolve({table(SocketKind::tcp)});
    EXPECT_EQ(selection.kinds, kinds({SocketKind::tcp}));
    EXPECT_EQ(selection.families, families({SocketFamily::inet, SocketFamily::inet6}));
    EXPECT_FALSE(selection.several_kinds());
}

TEST(SocketsSelection, UdpAloneShowsConnectedOnly) {
    EXPECT_EQ(resolve({table(SocketKind::udp)}).states, state_bit(TcpState::established));
}

TEST(SocketsSelection, FamilyWithoutTableBringsItsTables) {
    const auto selection = resolve({family(SocketFamily::inet)});
    EXPECT_EQ(selection.kinds, kInetKinds);
    EXPECT_EQ(selection.families, families({SocketFamily::inet}));
    EXPECT_EQ(selection.named_kinds, 0U);  // -4 does not ask for DCCP by name
}

TEST(SocketsSelection, LastInetFamilyNamedWins) {
    EXPECT_EQ(resolve({family(SocketFamily::inet), family(SocketFamily::inet6)}).families,
              families({SocketFamily::inet6}));
    EXPECT_EQ(resolve({family(SocketFamily::inet6), family(SocketFamily::unix)}).families,
              families({SocketFamily::inet6, SocketFamily::unix}));
}

TEST(SocketsSelection, TableAndOtherFamilyEachBringTheirOwn) {
    const auto selection = resolve({table(SocketKind::tcp), family(SocketFamily::unix)});
    EXPECT_EQ(selection.kinds, kinds({SocketKind::tcp}) | kUnixKinds);
    EXPECT_EQ(selection.families, families({SocketFamily::inet, SocketFamily::inet6, SocketFamily::unix}));
}

TEST(SocketsSelection, TableAndItsFamilyNarrow) {
    const auto selection = resolve({table(SocketKind::udp), family(SocketFamily::inet6)});
    EXPECT_EQ(selection.kinds, kinds({SocketKind::udp}));
    EXPECT_EQ(selection.families, families({SocketFamily::inet6}));
}

TEST(SocketsSelection, FirstQueryForgetsEarlierTables) {
    EXPECT_EQ(resolve({table(SocketKind::tcp), query("udp")}).kinds, kinds({SocketKind::udp}));
    EXPECT_EQ(resolve({query("udp"), table(SocketKind::tcp)}).kinds, kinds({SocketKind::udp, SocketKind::tcp}));
    EXPECT_EQ(resolve({query("udp"), query("raw")}).kinds, kinds({SocketKind::udp, SocketKind::raw}));
}

TEST(SocketsSelection, QueryWordsCommasAndNegation) {
    EXPECT_EQ(resolve({query("tcp,udp")}).kinds, kinds({SocketKind::tcp, SocketKind::udp}));
    EXPECT_EQ(resolve({query("inet,!tcp")}).kinds & kinds({SocketKind::tcp}), 0U);
    EXPECT_TRUE(resolve({query("inet,!tcp")}).has(SocketKind::udp));
    EXPECT_EQ(resolve({query("unix_stream")}).kinds, kinds({SocketKind::unix_stream}));
    EXPECT_EQ(resolve({query("u_dgr")}).kinds, kinds({SocketKind::unix_dgram}));
}

TEST(SocketsSelection, QueryAsksForConnectedStatesUnlessAllOrListeningCameFirst) {
    // Packet sockets are UNCONN: `-A packet` alone shows none, `-0` shows them.
    EXPECT_EQ(resolve({query("packet")}).states, kConnectedStates);
    EXPECT_EQ(resolve({family(SocketFamily::packet)}).states, state_bit(TcpState::close));
    EXPECT_EQ(resolve({all(), query("packet")}).states, kAllStates);
    EXPECT_EQ(resolve({query("packet"), listening()}).states, default_state_mask(StateScope::listening));
}

TEST(SocketsSelection, LastOfAllAndListeningWins) {
    EXPECT_EQ(resolve({all(), listening()}).states, default_state_mask(StateScope::listening));
    EXPECT_EQ(resolve({listening(), all()}).states, kAllStates);
}

TEST(SocketsSelection, TableDefaultsAddUp) {
    // The packet family's default (UNCONN) joins TCP's connected states.
    EXPECT_EQ(resolve({table(SocketKind::tcp), family(SocketFamily::packet)}).states,
              kConnectedStates | state_bit(TcpState::close));
}

TEST(SocketsSelection, NamedKindsAreThoseTheUserAskedFor) {
    EXPECT_TRUE(resolve({family(SocketFamily::packet)}).named(SocketKind::packet_raw));
    EXPECT_TRUE(resolve({table(SocketKind::mptcp)}).named(SocketKind::mptcp));
    EXPECT_TRUE(resolve({query("sctp")}).named(SocketKind::sctp));
    EXPECT_FALSE(resolve({query("all")}).named(SocketKind::sctp));
    EXPECT_FALSE(resolve({query("inet")}).named(SocketKind::dccp));
    EXPECT_FALSE(resolve({query("all,!netlink")}).has(SocketKind::netlink));
}

TEST(SocketsSelection, SeveralKindsDecideTheNetidColumn) {
    EXPECT_FALSE(resolve({query("unix_stream")}).several_kinds());
    EXPECT_TRUE(resolve({family(SocketFamily::unix)}).several_kinds());
    EXPECT_TRUE(resolve({table(SocketKind::tcp), table(SocketKind::udp)}).several_kinds());
}

TEST(SocketsSelection, UnknownWordsAreUsageErrorsNamingTheWord) {
    auto bad = resolve_selection({query("tcp,tpc")});
    ASSERT_FALSE(bad.ok());
    EXPECT_EQ(bad.error().code, ExitCode::usage);
    EXPECT_NE(bad.error().message.find("'tpc'"), std::string::npos);
    auto family_bad = parse_family("inet4");
    ASSERT_FALSE(family_bad.ok());
    EXPECT_EQ(family_bad.error().code, ExitCode::usage);
    EXPECT_NE(family_bad.error().message.find("inet4"), std::string::npos);
    EXPECT_FALSE(resolve_selection({query("")}).ok());
}

TEST(SocketsSelection, FamilyNamesAsSsSpellsThem) {
    EXPECT_EQ(*parse_family("link"), SocketFamily::packet);
    EXPECT_EQ(*parse_family("inet6"), SocketFamily::inet6);
    EXPECT_EQ(*parse_family("netlink"), SocketFamily::netlink);
    EXPECT_EQ(kind_name(SocketKind::unix_stream), "u_str");
    EXPECT_EQ(kind_name(SocketKind::packet_raw), "p_raw");
}

}  // namespace
}  // namespace netlens::sockets
