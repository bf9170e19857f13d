// The ss filter grammar: the queries users type, the spellings ss accepts, how matching
// treats families and prefixes (checked against ss on live sockets), and errors that
// name the bad word. The kernel push-down is tested in sockets_bytecode_test.cc.
#include "sockets/filter/filter.h"

#include <arpa/inet.h>
#include <gtest/gtest.h>
#include <linux/inet_diag.h>
#include <linux/sock_diag.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cstring>
#include <set>
#include <string>
#include <vector>

#include "netlink/channel.h"
#include "sockets/filter/bytecode.h"
#include "sockets/filter/filter_lexer.h"
#include "sockets/filter/filter_lookup.h"
#include "sockets/filter/filter_value.h"
#include "sockets/analysis/states.h"
#include "sockets_test_support.h"

namespace netlens::sockets {
namespace {

using namespace test_support;  // NOLINT: test shorthands


// --- seed queries -------------------------------------------------------------------

TEST(SocketsFilter, EmptyFilterMatchesEverythingAndLeavesStatesToTheCaller) {
    const Filter filter = parse({});
    EXPECT_FALSE(filter.state_mask);
    EXPECT_FALSE(filter.expression);
    EXPECT_TRUE(filter.matches(kSsh));
    EXPECT_FALSE(parse({"", "  "}).expression);
}

TEST(SocketsFilter, StateOnly) {
    const Filter filter = parse({"state", "close-wait"});
    EXPECT_EQ(filter.state_mask, state_bit(TcpState::close_wait));
    EXPECT_FALSE(filter.expression);
}

TEST(SocketsFilter, StateWithParenthesisedOrAsSeparateWords) {
    const Filter filter = parse({"state", "established", "( dport = :443 or sport = :443 )"});
    EXPECT_EQ(filter.state_mask, state_bit(TcpState::established));
    EXPECT_TRUE(filter.matches(kHttps));
    EXPECT_TRUE(filter.matches(tcp("10.0.0.5", 443, "1.2.3.4", 5000)));
    EXPECT_FALSE(filter.matches(kSsh));
}

TEST(SocketsFilter, WholeExpressionAsOneQuotedWord) {
    const Filter filter = parse({"state", "established", "( dport = :443 or sport = :443 )"});
    EXPECT_EQ(filter.state_mask, state_bit(TcpState::established));
    EXPECT_TRUE(filter.matches(kHttps));
    EXPECT_FALSE(filter.matches(kSsh));
}

TEST(SocketsFilter, StateWordsAreWholeArgumentsAsInSs) {
    // ss takes `state NAME` from its argv before the lexer runs: one quoted word
    // 'state established ...' reaches the lexer, where `state` is no keyword.
    EXPECT_NE(error_of({"state established ( dport = :443 )"}).find("word 1 'state'"), std::string::npos);
    EXPECT_NE(error_of({"state", "established listening"}).find("word 2 'established listening'"), std::string::npos);
    EXPECT_NE(error_of({"state"}).find("after the last word"), std::string::npos);
    // Words from a -F file (after argument_words) never name states.
    FilterContext context;
    context.name_lookups = false;
    context.argument_words = 0;
    const auto from_file = parse_filter({"state", "established"}, context);
    ASSERT_FALSE(from_file.ok());
    EXPECT_NE(from_file.error().message.find("word 1 'state'"), std::string::npos);
    context.argument_words = 2;
    const auto numbered = parse_filter({"state", "established", "dprt"}, context);
    ASSERT_FALSE(numbered.ok());
    EXPECT_NE(numbered.error().message.find("word 3 'dprt'"), std::string::npos) << numbered.error().message;
}

TEST(SocketsFilter, PostgresEitherDirection) {
    const std::vector<std::string> words{"( dport = :5432 or sport = :5432 )"};
    EXPECT_TRUE(match(words, kPostgres));
    EXPECT_TRUE(match(words, tcp("10.0.0.9", 41000, "10.0.0.5", 5432)));
    EXPECT_FALSE(match(words, kSsh));
}

TEST(SocketsFilter, DestinationPrefix) {
    EXPECT_TRUE(match({"dst", "10.0.0.0/8"}, kPostgres));
    EXPECT_FALSE(match({"dst", "10.0.0.0/8"}, kSsh));
    EXPECT_TRUE(match({"dst", "192.168.0.0/23"}, kSsh));
    EXPECT_FALSE(match({"dst", "192.168.0.0/24"}, kSsh));
}

TEST(SocketsFilter, SourcePortEquals) {
    EXPECT_TRUE(match({"sport", "=", ":22"}, kSsh));
    EXPECT_FALSE(match({"sport", "=", ":22"}, kHttps));
}

TEST(SocketsFilter, DestinationPortGreaterIsStrict) {
    EXPECT_FALSE(match({"dport > :1024"}, tcp("10.0.0.1", 1, "10.0.0.2", 1024)));
    EXPECT_TRUE(match({"dport > :1024"}, tcp("10.0.0.1", 1, "10.0.0.2", 1025)));
}

TEST(SocketsFilter, SourceAddressAndPort) {
    EXPECT_TRUE(match({"src", "127.0.0.1:631"}, tcp("127.0.0.1", 631, "0.0.0.0", 0, TcpState::listen)));
    EXPECT_FALSE(match({"src", "127.0.0.1:631"}, tcp("127.0.0.1", 632, "0.0.0.0", 0)));
    EXPECT_FALSE(match({"src", "127.0.0.1:631"}, tcp("127.0.0.2", 631, "0.0.0.0", 0)));
}

TEST(SocketsFilter, StateThenExcludeAppliesInOrder) {
    EXPECT_EQ(parse({"state", "time-wait", "exclude", "established"}).state_mask, state_bit(TcpState::time_wait));
    EXPECT_EQ(parse({"state", "connected", "exclude", "time-wait"}).state_mask,
              *state_mask_for("connected") & ~state_bit(TcpState::time_wait));
}

TEST(SocketsFilter, ExcludeAloneStartsFromAllStates) {
    // `ss -t exclude established` listed LISTEN and TIME-WAIT sockets.
    EXPECT_EQ(parse({"exclude", "established"}).state_mask, kAllStates & ~state_bit(TcpState::established));
    EXPECT_EQ(parse({"exclude", "established", "state", "listening"}).state_mask,
              kAllStates & ~state_bit(TcpState::established));
}

TEST(SocketsFilter, NotDestination) {
    EXPECT_FALSE(match({"not", "dst", "127.0.0.1"}, tcp("127.0.0.1", 1, "127.0.0.1", 2)));
    EXPECT_TRUE(match({"not", "dst", "127.0.0.1"}, kSsh));
    EXPECT_TRUE(match({"!", "dst", "127.0.0.1"}, kSsh));
    EXPECT_TRUE(match({"! dst 127.0.0.1"}, kSsh));
    // Glued to the keyword, '!' is part of a value ss cannot read.
    EXPECT_NE(error_of({"!dst 127.0.0.1"}).find("word 1 '!dst'"), std::string::npos);
}

TEST(SocketsFilter, StateAndTermTogether) {
    const Filter filter = parse({"state", "listening", "sport", "=", ":80"});
    EXPECT_EQ(filter.state_mask, state_bit(TcpState::listen));
    EXPECT_TRUE(filter.matches(tcp("0.0.0.0", 80, "0.0.0.0", 0, TcpState::listen)));
    EXPECT_FALSE(filter.matches(tcp("0.0.0.0", 8080, "0.0.0.0", 0, TcpState::listen)));
}

// --- spellings ----------------------------------------------------------------------

TEST(SocketsFilter, EscapedParenthesesAreOperators) {
    for (const auto& words : std::vector<std::vector<std::string>>{
             {"\\(", "dport", "=", ":22", "\\)"}, {"\\( dport == 22 \\)"}, {"(", "(", "dport", "=", ":22", ")", ")"}}) {
        EXPECT_TRUE(match(words, tcp("1.1.1.1", 1, "2.2.2.2", 22))) << words.front();
        EXPECT_FALSE(match(words, kSsh)) << words.front();
    }
}

// ss's lexer cuts at spaces and tabs only; punctuation glued to a word stays in it, and
// ss then refuses the word (checked against ss 6.1: "Cannot parse dst/src address").
TEST(SocketsFilter, GluedPunctuationIsRefusedAsInSs) {
    const std::vector<std::pair<std::vector<std::string>, std::string>> cases{
        {{"(dport=:22)"}, "word 1 '(dport=:22)'"},
        {{"((dport=:22))"}, "word 1 '((dport=:22))'"},
        {{"\\(dport", "==", "22\\)"}, "word 1 '(dport'"},
        {{"dport>:80"}, "word 1 'dport>:80'"},
        {{"dport", ">:80"}, "word 2 '>:80'"},
        {{"dst!=1.2.3.4"}, "word 1 'dst!=1.2.3.4'"},
        {{"!(sport = :22)"}, "word 1 '!(sport'"},
        {{"( sport = :22)"}, "word 4 ':22)'"},
        {{"dev=lo"}, "word 1 'dev=lo'"},
        {{"sport=:22"}, "word 1 'sport=:22'"},
        {{"sport = :22 &&dport = :1"}, "word 4 '&&dport'"},
    };
    for (const auto& [words, where] : cases) {
        const std::string message = error_of(words);
        EXPECT_NE(message.find(where), std::string::npos) << words.front() << ": " << message;
        EXPECT_NE(message.find("split at spaces only"), std::string::npos) << words.front() << ": " << message;
    }
}

TEST(SocketsFilter, SpacedOperatorsAsSsReadsThem) {
    EXPECT_TRUE(match({"dport > :80"}, tcp("1.1.1.1", 1, "2.2.2.2", 81)));
    EXPECT_FALSE(match({"dport > :80"}, tcp("1.1.1.1", 1, "2.2.2.2", 80)));
    EXPECT_TRUE(match({"! ( sport = :22 )"}, tcp("1.1.1.1", 1, "2.2.2.2", 22)));
    EXPECT_TRUE(match({"src 10.0.0.1/8"}, tcp("10.9.9.9", 1, "2.2.2.2", 22)));
    EXPECT_TRUE(match({"sport\t=\t:22"}, kSsh));  // a tab separates too
    // A newline does not: "sport\n=" is one word.
    EXPECT_NE(error_of({"sport\n= :22"}).find("word 1 'sport\\n='"), std::string::npos);
    // A trailing backslash leaves an empty word, which ss refuses too.
    EXPECT_NE(error_of({"sport = :22 \\"}).find("word 4 ''"), std::string::npos);
    EXPECT_TRUE(match({"sport = :2\\2"}, kSsh));
}

TEST(SocketsFilter, EveryComparisonSpelling) {
    const Socket socket = tcp("1.1.1.1", 100, "2.2.2.2", 1);
    struct Case {
        std::string op;
        bool below, equal, above;  // sport OP 99, 100, 101
    };
    const std::vector<Case> cases{
        {"=", false, true, false},  {"==", false, true, false}, {"eq", false, true, false},
        {"!=", true, false, true},  {"ne", true, false, true},  {"neq", true, false, true},
        {"<", false, false, true},  {"lt", false, false, true}, {">", true, false, false},
        {"gt", true, false, false}, {"<=", false, true, true},  {"le", false, true, true},
        {"leq", false, true, true}, {">=", true, true, false},  {"ge", true, true, false},
        {"geq", true, true, false},
    };
    for (const auto& c : cases) {
        EXPECT_EQ(match({"sport", c.op, ":99"}, socket), c.below) << c.op;
        EXPECT_EQ(match({"sport", c.op, ":100"}, socket), c.equal) << c.op;
        EXPECT_EQ(match({"sport", c.op, "101"}, socket), c.above) << c.op;
    }
}

TEST(SocketsFilter, PortWithoutOperatorMeansEquals) {
    EXPECT_TRUE(match({"sport", ":22"}, kSsh));
    EXPECT_TRUE(match({"sport", "22"}, kSsh));
    EXPECT_TRUE(match({"sport", "*:22"}, kSsh));
    EXPECT_FALSE(match({"sport", "23"}, kSsh));
}

TEST(SocketsFilter, ImplicitAndBetweenAdjacentTerms) {
    EXPECT_TRUE(match({"sport = :22 dport = :50000"}, kSsh));
    EXPECT_FALSE(match({"sport = :22 dport = :50001"}, kSsh));
    EXPECT_TRUE(match({"sport = :22 && dport = :50000"}, kSsh));
    EXPECT_TRUE(match({"sport = :22 and ( dport = :1 || dport = :50000 )"}, kSsh));
}

// ss's yacc grammar has no precedence between and and or: a chain is read left to
// right (tests/e2e/filter_test.sh shows the installed ss doing so).
TEST(SocketsFilter, AndAndOrHaveNoPrecedenceLeftToRightAsInSs) {
    // (sport 22 or sport 1) and dport 3: false for kSsh, whose peer port is 50000.
    EXPECT_FALSE(match({"sport = :22 or sport = :1 and dport = :3"}, kSsh));
    EXPECT_TRUE(match({"sport = :22 or ( sport = :1 and dport = :3 )"}, kSsh));
    // (sport 1 and dport 3) or sport 22
    EXPECT_TRUE(match({"sport = :1 and dport = :3 or sport = :22"}, kSsh));
    // (not sport 1) or sport 22; not binds to one term
    EXPECT_TRUE(match({"not sport = :22 or sport = :22"}, kSsh));
    EXPECT_FALSE(match({"not sport = :22 sport = :22"}, kSsh));
    // & and | are ss's single-character spellings
    EXPECT_FALSE(match({"sport = :22 | sport = :1 & dport = :3"}, kSsh));
    const Filter filter = parse({"sport = :22 or sport = :1 and dport = :3"});
    ASSERT_TRUE(filter.expression);
    EXPECT_EQ(filter.expression->kind, FilterNode::Kind::all_of);
    ASSERT_EQ(filter.expression->children.size(), 2U);
    EXPECT_EQ(filter.expression->children[0].kind, FilterNode::Kind::any_of);
}

TEST(SocketsFilter, DoubleNegationCancels) {
    const Filter filter = parse({"not not sport = :22"});
    ASSERT_TRUE(filter.expression);
    EXPECT_EQ(filter.expression->kind, FilterNode::Kind::host);
    EXPECT_TRUE(filter.matches(kSsh));
}

TEST(SocketsFilter, AndOrChainsAreFlat) {
    const Filter filter = parse({"sport = :1 or sport = :2 or ( sport = :3 or sport = :22 )"});
    ASSERT_TRUE(filter.expression);
    EXPECT_EQ(filter.expression->kind, FilterNode::Kind::any_of);
    EXPECT_EQ(filter.expression->children.size(), 4U);
    EXPECT_TRUE(filter.matches(kSsh));
}

TEST(SocketsFilter, AddressTakesEqualsOrNothingOnly) {
    EXPECT_TRUE(match({"src", "==", "10.0.0.5"}, kSsh));
    EXPECT_TRUE(match({"src", "eq", "10.0.0.5"}, kSsh));
    EXPECT_TRUE(match({"not", "src", "10.0.0.6"}, kSsh));
    EXPECT_NE(error_of({"src", "!=", "10.0.0.5"}).find("write 'not src ...'"), std::string::npos);
    EXPECT_NE(error_of({"dst", "ne", "10.0.0.5"}).find("word 2 'ne'"), std::string::npos);
}

// --- addresses ----------------------------------------------------------------------

TEST(SocketsFilter, AddressesCompareAsSsDoesInUserSpace) {
    const Socket mapped = tcp("::ffff:127.0.0.1", 8080, "::ffff:127.0.0.1", 40000);
    const Socket native = tcp("::1", 8080, "::1", 40000);
    const Socket v4 = tcp("127.0.0.1", 8080, "127.0.0.1", 40000);
    EXPECT_TRUE(match({"src", "127.0.0.1"}, mapped));
    EXPECT_TRUE(match({"src", "127.0.0.0/8"}, mapped));
    EXPECT_TRUE(match({"src", "127.0.0.1:8080"}, mapped));
    // A zero-length prefix matches everything here; the kernel program then keeps only
    // the pattern's family (bytecode.cc), as with ss.
    EXPECT_TRUE(match({"src", "0.0.0.0/0"}, native));
    // Raw bits, no family: ::/8 covers 127.0.0.1's first byte? No (127), but 0/8 does for ::1.
    EXPECT_FALSE(match({"src", "[::/8]"}, v4));
    EXPECT_TRUE(match({"src", "0/8"}, native));
    EXPECT_TRUE(match({"src", "[::ffff:127.0.0.1]"}, mapped));
    EXPECT_FALSE(match({"src", "[::ffff:127.0.0.1]"}, v4));
    EXPECT_FALSE(match({"src", "[::1]"}, v4));
}

TEST(SocketsFilter, Ipv6FormsNeedBracketsWhereSsNeedsThem) {
    const Socket socket = tcp("2001:db8::5", 22, "fe80::1", 50000);
    EXPECT_TRUE(match({"src", "[2001:db8::5]:22"}, socket));
    EXPECT_FALSE(match({"src", "[2001:db8::5]:23"}, socket));
    EXPECT_TRUE(match({"src", "[2001:db8::/32]"}, socket));
    EXPECT_TRUE(match({"src", "[2001:db8::/32]:22"}, socket));
    EXPECT_TRUE(match({"dst", "[fe80::/10]"}, socket));
    EXPECT_FALSE(match({"dst", "[fe80::/10]"}, kSsh));
    // The port starts at the last ':', so a bare IPv6 address is a broken one.
    EXPECT_NE(error_of({"src", "2001:db8::5"}).find("word 2"), std::string::npos);
    EXPECT_NE(error_of({"src", "[2001:db8::]/32"}).find("word 2"), std::string::npos);
}

TEST(SocketsFilter, Wildcards) {
    EXPECT_TRUE(match({"src", "*"}, kSsh));
    EXPECT_TRUE(match({"src", "*:22"}, kSsh));
    EXPECT_TRUE(match({"src", ":22"}, kSsh));
    EXPECT_TRUE(match({"src", "10.0.0.5:*"}, kSsh));
    EXPECT_TRUE(match({"sport", "=", "*"}, kSsh));
    EXPECT_TRUE(match({"sport", "=", ":*"}, kSsh));
    EXPECT_FALSE(match({"src", "*:23"}, kSsh));
    EXPECT_TRUE(match({"src", "default"}, kSsh));
    EXPECT_TRUE(match({"src", "any"}, kSsh));
}

TEST(SocketsFilter, NumbersAreCNumbersAndIpv4MayBeAbbreviated) {
    EXPECT_TRUE(match({"dst", "10/8"}, kPostgres));
    EXPECT_TRUE(match({"dst", "10.1/16"}, kPostgres));
    EXPECT_FALSE(match({"dst", "10.2/16"}, kPostgres));
    EXPECT_TRUE(match({"dst", "10.1.2.3/255.255.0.0"}, kPostgres));
    EXPECT_TRUE(match({"sport", "0x16"}, kSsh));
    EXPECT_TRUE(match({"sport", "026"}, kSsh));
    EXPECT_TRUE(match({"dst", "10.1.2.3"}, kPostgres));
    EXPECT_FALSE(match({"dst", "10"}, kPostgres));  // 10.0.0.0/32
    EXPECT_FALSE(match({"sport", "70000"}, kSsh));  // accepted, never equal
}

TEST(SocketsFilter, HostValueFields) {
    auto value = parse_host_value("10.0.0.0/8:22", false, {});
    ASSERT_TRUE(value.ok());
    ASSERT_EQ(value->pattern.addresses.size(), 1U);
    EXPECT_EQ(value->pattern.addresses[0].to_string(), "10.0.0.0");
    EXPECT_EQ(value->pattern.prefix_len, 8);
    EXPECT_EQ(value->pattern.port, 22);
    EXPECT_EQ(value->fixed_family, AF_UNSPEC);
    auto v6 = parse_host_value("[::1]", false, {});
    ASSERT_TRUE(v6.ok());
    EXPECT_EQ(v6->pattern.prefix_len, 128);
    EXPECT_EQ(v6->pattern.port, -1);
    auto port = parse_host_value(":22", true, {});
    ASSERT_TRUE(port.ok());
    EXPECT_EQ(port->pattern.port, 22);
    EXPECT_TRUE(port->pattern.addresses.empty());
    auto inet = parse_host_value("inet:10/8", false, {});
    ASSERT_TRUE(inet.ok());
    EXPECT_EQ(inet->fixed_family, AF_INET);
}

TEST(SocketsFilter, HostNamesMatchEveryAddressTheyResolveTo) {
    const auto addresses = lookup_host_addresses("localhost", AF_UNSPEC);
    if (addresses.empty()) GTEST_SKIP() << "localhost does not resolve here";
    auto parsed = parse_filter({"dst", "localhost"}, FilterContext{});
    ASSERT_TRUE(parsed.ok());
    const Filter& filter = *parsed;
    for (const auto& address : addresses) {
        EXPECT_TRUE(filter.matches(tcp(address.family == AF_INET ? "10.0.0.1" : "2001:db8::1", 1, address.to_string(), 2)))
            << address.to_string();
    }
    EXPECT_FALSE(filter.matches(kSsh));
    auto unknown = parse_filter({"dst", "no-such-host.invalid"}, FilterContext{});
    ASSERT_FALSE(unknown.ok());
    EXPECT_NE(unknown.error().message.find("'no-such-host.invalid'"), std::string::npos);
    // Without look-ups (parse_filter(words)) a name is an error at once.
    EXPECT_NE(error_of({"dst", "localhost"}).find("not looked up"), std::string::npos);
}

TEST(SocketsFilter, ServiceNamesComeFromTheServicesFile) {
    const auto ssh = lookup_service_port("ssh", true, true);
    if (!ssh.ok() || *ssh != 22) GTEST_SKIP() << "no ssh in /etc/services";
    auto with_names = [](const std::vector<std::string>& words) {
        auto filter = parse_filter(words, FilterContext{});
        EXPECT_TRUE(filter.ok());
        return filter.ok() && filter->matches(kSsh);
    };
    EXPECT_TRUE(with_names({"sport", "=", ":ssh"}));
    EXPECT_TRUE(with_names({"src", "10.0.0.5:ssh"}));
    auto unknown = parse_filter({"sport", "=", ":nosuchservice"}, FilterContext{});
    ASSERT_FALSE(unknown.ok());
    EXPECT_NE(unknown.error().message.find("word 3 ':nosuchservice'"), std::string::npos) << unknown.error().message;
    // With neither TCP nor UDP shown (ss -w) there is nothing to look service names up for.
    FilterContext raw_only;
    raw_only.tcp = raw_only.udp = false;
    EXPECT_FALSE(parse_filter({"sport", ":ssh"}, raw_only).ok());
}

TEST(SocketsFilter, UnixGlobs) {
    Socket unix_socket;
    unix_socket.protocol = Protocol::unix_stream;
    unix_socket.local.path = "/run/X.sock";
    unix_socket.inode = 4242;
    FilterContext unix_context;
    unix_context.preferred_family = AF_UNIX;
    auto unix_match = [&](const std::string& text) {
        auto filter = parse_filter({text}, unix_context);
        EXPECT_TRUE(filter.ok()) << text;
        return filter.ok() && filter->matches(unix_socket);
    };
    EXPECT_TRUE(unix_match("src /run/*.sock"));
    EXPECT_TRUE(unix_match("src /RUN/x.SOCK"));  // fnmatch ignoring case, as ss
    EXPECT_FALSE(unix_match("src /tmp/*"));
    EXPECT_TRUE(unix_match("dst *"));            // no peer name: the empty string
    // '=' and parentheses belong to the path: ss cuts words at spaces only.
    unix_socket.local.path = "/run/a=b(1)";
    EXPECT_TRUE(unix_match("src /run/a=b(1)"));
    EXPECT_TRUE(unix_match("src /run/a\\=b\\(1\\)"));
    EXPECT_TRUE(unix_match("src /run/a=b*"));
    unix_socket.local.path = "/run/a b";
    EXPECT_TRUE(unix_match("src /run/a\\ b"));  // a backslash keeps the space
    unix_socket.local.path = "/run/X.sock";
    EXPECT_FALSE(unix_match("dst /run/*"));
    EXPECT_TRUE(match({"src", "unix:/run/*"}, unix_socket));
    // An inet filter on a UNIX socket: ss compares the inode as the port.
    EXPECT_TRUE(match({"sport", "=", ":4242"}, unix_socket));
    EXPECT_TRUE(match({"src", "0.0.0.0/0"}, unix_socket));
    EXPECT_FALSE(match({"src", "10.0.0.0/8"}, unix_socket));
    // A unix: value limits the output to UNIX sockets, as ss's family reset does.
    EXPECT_FALSE(match({"src", "unix:*"}, kSsh));
}

TEST(SocketsFilter, Autobound) {
    Socket unbound;
    unbound.protocol = Protocol::unix_dgram;
    EXPECT_TRUE(match({"autobound"}, unbound));
    unbound.local.path = "@0a1b2";
    EXPECT_TRUE(match({"autobound"}, unbound));
    unbound.local.path = "@0a1b2x";
    EXPECT_FALSE(match({"autobound"}, unbound));
    const Filter filter = parse({"autobound"});
    const MatchContext range{40000, 40010};
    EXPECT_TRUE(filter.matches(tcp("1.1.1.1", 40005, "2.2.2.2", 80), range));
    EXPECT_FALSE(filter.matches(tcp("1.1.1.1", 39999, "2.2.2.2", 80), range));
}

TEST(SocketsFilter, DevFwmarkCgroup) {
    Socket socket = kSsh;
    socket.local.scope_ifindex = 3;
    socket.mark = 0x15;
    socket.cgroup_id = 77;
    EXPECT_TRUE(match({"dev", "3"}, socket));
    EXPECT_TRUE(match({"dev", "=", "if3"}, socket));
    EXPECT_FALSE(match({"dev", "!=", "0x3"}, socket));
    EXPECT_TRUE(match({"fwmark", "0x15"}, socket));
    EXPECT_TRUE(match({"fwmark", "=", "0x10/0x10"}, socket));
    EXPECT_FALSE(match({"fwmark", "!=", "21"}, socket));
    EXPECT_TRUE(match({"fwmark", "0x15zz"}, socket));  // sscanf's %i, as ss reads it
    EXPECT_NE(error_of({"fwmark", "zz"}).find("word 2 'zz'"), std::string::npos);
    EXPECT_NE(error_of({"dev", "no-such-device0"}).find("'no-such-device0'"), std::string::npos);
    EXPECT_NE(error_of({"dev", ">", "3"}).find("dev takes = or != only"), std::string::npos);
    EXPECT_NE(error_of({"cgroup", "/no-such-cgroup-here"}).find("word 2"), std::string::npos);
}

// --- lexer --------------------------------------------------------------------------

TEST(SocketsFilter, LexerSplitsAtSpacesAndTabsOnly) {
    const auto tokens = tokenize_filter({"( dport\t>= :1024 )", "(dport>=:1024)", "a\\ b", "\\!", "&&", "x\n|"});
    ASSERT_EQ(tokens.size(), 11U);
    EXPECT_EQ(tokens[0].kind, FilterToken::Kind::open);
    EXPECT_EQ(tokens[2].kind, FilterToken::Kind::compare);
    EXPECT_EQ(tokens[2].word, 3U);
    EXPECT_EQ(tokens[4].kind, FilterToken::Kind::close);
    EXPECT_EQ(tokens[5].kind, FilterToken::Kind::word);
    EXPECT_EQ(tokens[5].text, "(dport>=:1024)");
    EXPECT_EQ(tokens[6].text, "a b");
    EXPECT_EQ(tokens[7].kind, FilterToken::Kind::bang);  // an escaped '!' is still '!', as in ss
    EXPECT_EQ(tokens[8].kind, FilterToken::Kind::and_op);
    EXPECT_EQ(tokens[9].kind, FilterToken::Kind::word);
    EXPECT_EQ(tokens[10].kind, FilterToken::Kind::end);
    EXPECT_EQ(tokens[10].word, 11U);
    EXPECT_EQ(tokenize_filter({"x"}, 4).front().word, 4U);
}

// --- errors -------------------------------------------------------------------------

constexpr const char* kExpected = "expected src, dst, sport, dport, dev, fwmark, cgroup, autobound, not or '('";

TEST(SocketsFilter, UnknownKeywordIsNamedWithItsPosition) {
    EXPECT_EQ(error_of({"dprt", "=", ":22"}), std::string("filter: word 1 'dprt': ") + kExpected +
                                                  " (a value needs src, dst, sport, dport, dev, fwmark or cgroup before it)");
    EXPECT_EQ(error_of({"(dprt=:22)"}).rfind("filter: word 1 '(dprt=:22)': ", 0), 0U);
}

TEST(SocketsFilter, StateNamesAsSsSpellsThem) {
    const std::string message = error_of({"state", "listen"});
    EXPECT_EQ(message.rfind("filter: word 2 'listen': expected a state name after 'state': one of all,", 0), 0U)
        << message;
    EXPECT_NE(error_of({"exclude"}).find("after the last word"), std::string::npos);
    EXPECT_EQ(parse({"state", "syn-rcv"}).state_mask, parse({"state", "syn-recv"}).state_mask);
    EXPECT_EQ(parse({"state", "unconnected"}).state_mask, state_bit(TcpState::close));
    EXPECT_EQ(parse({"excl", "established"}).state_mask, kAllStates & ~state_bit(TcpState::established));
}

TEST(SocketsFilter, BadValues) {
    EXPECT_NE(error_of({"dst 10.0.0.0/33"}).find("word 2 '10.0.0.0/33'"), std::string::npos);
    EXPECT_NE(error_of({"dst [::1"}).find("without a closing ']'"), std::string::npos);
    EXPECT_NE(error_of({"dst 10.0.0.300"}).find("'10.0.0.300'"), std::string::npos);
    EXPECT_NE(error_of({"sport = 10.0.0.1:22"}).find("word 3"), std::string::npos);
    EXPECT_NE(error_of({"src link:eth0"}).find("not listed"), std::string::npos);
}

TEST(SocketsFilter, MissingPiecesAreReportedAtTheEnd) {
    EXPECT_EQ(error_of({"dport", "="}), "filter: after the last word: expected a value after 'dport'");
    EXPECT_EQ(error_of({"src"}), "filter: after the last word: expected a value after 'src'");
    EXPECT_NE(error_of({"( dport = :22"}).find("expected ')' to close the '(' of word 1"), std::string::npos);
    EXPECT_NE(error_of({"sport = :22 and"}).find("after the last word"), std::string::npos);
    EXPECT_NE(error_of({"not"}).find("after the last word"), std::string::npos);
}

TEST(SocketsFilter, StrayTokens) {
    EXPECT_EQ(error_of({"dport = :22 )"}), "filter: word 4 ')': ')' without a matching '('");
    EXPECT_NE(error_of({"src < 10.0.0.1"}).find("src takes = (or nothing) only"), std::string::npos);
    EXPECT_NE(error_of({"dport = :22 state established"}).find("word 4 'state': state and exclude must come before"),
              std::string::npos);
    EXPECT_NE(error_of({"( )"}).find("word 2 ')'"), std::string::npos);
    EXPECT_NE(error_of({"src and"}).find("word 2 'and'"), std::string::npos);
    EXPECT_NE(error_of({"dst or"}).find("word 2 'or'"), std::string::npos);
}

TEST(SocketsFilter, DeepNestingIsAnErrorNotACrash) {
    std::vector<std::string> deep(5000, "(");
    EXPECT_NE(error_of(deep).find("nested deeper than"), std::string::npos);
    std::vector<std::string> nots(5000, "!");
    nots.push_back("sport = :1");
    EXPECT_NE(error_of(nots).find("nested deeper than"), std::string::npos);
    std::string alternating = "sport = :1";
    for (int i = 0; i < 200; ++i) alternating += i % 2 == 0 ? " or sport = :2" : " and sport = :3";
    EXPECT_NE(error_of({alternating}).find("alternate more than"), std::string::npos);
    std::vector<std::string> nested(60, "(");
    nested.push_back("sport = :1");
    nested.insert(nested.end(), 60, ")");
    EXPECT_TRUE(parse(nested).matches(tcp("1.1.1.1", 1, "1.1.1.1", 2)));
}


}  // namespace
}  // namespace netlens::sockets
