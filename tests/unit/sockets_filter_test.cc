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

TEST(SocketsFilter, WholeQueryAsOneQuotedWord) {
    const Filter filter = parse({"state established ( dport = :443 or sport = :443 )"});
    EXPECT_EQ(filter.state_mask, state_bit(TcpState::established));
    EXPECT_TRUE(filter.matches(kHttps));
    EXPECT_FALSE(filter.matches(kSsh));
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
    EXPECT_TRUE(match({"!dst 127.0.0.1"}, kSsh));
}

TEST(SocketsFilter, StateAndTermTogether) {
    const Filter filter = parse({"state", "listening", "sport", "=", ":80"});
    EXPECT_EQ(filter.state_mask, state_bit(TcpState::listen));
    EXPECT_TRUE(filter.matches(tcp("0.0.0.0", 80, "0.0.0.0", 0, TcpState::listen)));
    EXPECT_FALSE(filter.matches(tcp("0.0.0.0", 8080, "0.0.0.0", 0, TcpState::listen)));
}

// --- spellings ----------------------------------------------------------------------

TEST(SocketsFilter, GluedAndEscapedParentheses) {
    for (const auto& words : std::vector<std::vector<std::string>>{
             {"(dport=:22)"}, {"\\(", "dport", "=", ":22", "\\)"}, {"\\(dport", "==", "22\\)"}, {"((dport=:22))"}}) {
        EXPECT_TRUE(match(words, tcp("1.1.1.1", 1, "2.2.2.2", 22))) << words.front();
        EXPECT_FALSE(match(words, kSsh)) << words.front();
    }
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
    EXPECT_TRUE(match({"sport = :22 and (dport = :1 || dport = :50000)"}, kSsh));
}

TEST(SocketsFilter, AndBindsTighterThanOr) {
    // sport 22 or (sport 1 and dport 3): true for kSsh through the first alternative.
    EXPECT_TRUE(match({"sport = :22 or sport = :1 and dport = :3"}, kSsh));
    EXPECT_FALSE(match({"( sport = :22 or sport = :1 ) and dport = :3"}, kSsh));
}

TEST(SocketsFilter, DoubleNegationCancels) {
    const Filter filter = parse({"not not sport = :22"});
    ASSERT_TRUE(filter.expression);
    EXPECT_EQ(filter.expression->kind, FilterNode::Kind::port);
    EXPECT_TRUE(filter.matches(kSsh));
}

TEST(SocketsFilter, AndOrChainsAreFlat) {
    const Filter filter = parse({"sport = :1 or sport = :2 or ( sport = :3 or sport = :22 )"});
    ASSERT_TRUE(filter.expression);
    EXPECT_EQ(filter.expression->kind, FilterNode::Kind::any_of);
    EXPECT_EQ(filter.expression->children.size(), 4U);
    EXPECT_TRUE(filter.matches(kSsh));
}

TEST(SocketsFilter, AddressInequality) {
    EXPECT_FALSE(match({"src", "!=", "10.0.0.5"}, kSsh));
    EXPECT_TRUE(match({"src", "ne", "10.0.0.6"}, kSsh));
    EXPECT_TRUE(match({"src", "==", "10.0.0.5"}, kSsh));
    EXPECT_TRUE(match({"src", "eq", "10.0.0.5"}, kSsh));
}

// --- addresses ----------------------------------------------------------------------

TEST(SocketsFilter, Ipv4PrefixMatchesMappedIpv6LikeSs) {
    const Socket mapped = tcp("::ffff:127.0.0.1", 8080, "::ffff:127.0.0.1", 40000);
    const Socket native = tcp("::1", 8080, "::1", 40000);
    const Socket v4 = tcp("127.0.0.1", 8080, "127.0.0.1", 40000);
    EXPECT_TRUE(match({"src", "127.0.0.1"}, mapped));
    EXPECT_TRUE(match({"src", "127.0.0.0/8"}, mapped));
    EXPECT_TRUE(match({"src", "127.0.0.1:8080"}, mapped));
    EXPECT_TRUE(match({"src", "0.0.0.0/0"}, mapped));
    EXPECT_FALSE(match({"src", "0.0.0.0/0"}, native));
    // The other way round ss does not convert: a mapped pattern misses IPv4 sockets.
    EXPECT_TRUE(match({"src", "[::ffff:127.0.0.1]"}, mapped));
    EXPECT_FALSE(match({"src", "[::ffff:127.0.0.1]"}, v4));
    EXPECT_FALSE(match({"src", "[::1]"}, v4));
}

TEST(SocketsFilter, Ipv6Forms) {
    const Socket socket = tcp("2001:db8::5", 22, "fe80::1", 50000);
    EXPECT_TRUE(match({"src", "[2001:db8::5]:22"}, socket));
    EXPECT_FALSE(match({"src", "[2001:db8::5]:23"}, socket));
    EXPECT_TRUE(match({"src", "[2001:db8::]/32"}, socket));
    EXPECT_TRUE(match({"src", "[2001:db8::/32]:22"}, socket));
    EXPECT_TRUE(match({"src", "2001:db8::/32"}, socket));
    EXPECT_TRUE(match({"src", "2001:db8::5"}, socket));
    EXPECT_TRUE(match({"dst", "fe80::/10"}, socket));
    EXPECT_FALSE(match({"dst", "fe80::/10"}, kSsh));
}

TEST(SocketsFilter, Wildcards) {
    EXPECT_TRUE(match({"src", "*"}, kSsh));
    EXPECT_TRUE(match({"src", "*:22"}, kSsh));
    EXPECT_TRUE(match({"src", ":22"}, kSsh));
    EXPECT_TRUE(match({"src", "10.0.0.5:*"}, kSsh));
    EXPECT_FALSE(match({"src", "*:23"}, kSsh));
}

TEST(SocketsFilter, AbbreviatedIpv4NeedsAPrefix) {
    EXPECT_TRUE(match({"dst", "10/8"}, kPostgres));
    EXPECT_TRUE(match({"dst", "10.1/16"}, kPostgres));
    EXPECT_FALSE(match({"dst", "10.2/16"}, kPostgres));
    EXPECT_NE(error_of({"dst", "22"}).find("for a port write :22"), std::string::npos);
}

TEST(SocketsFilter, HostPatternFields) {
    auto pattern = parse_host_pattern("10.0.0.0/8:22");
    ASSERT_TRUE(pattern.ok());
    EXPECT_EQ(pattern->address->to_string(), "10.0.0.0");
    EXPECT_EQ(pattern->prefix_len, 8);
    EXPECT_EQ(pattern->port, 22);
    auto v6 = parse_host_pattern("[::1]");
    ASSERT_TRUE(v6.ok());
    EXPECT_EQ(v6->prefix_len, 128);
    EXPECT_FALSE(v6->port);
}

TEST(SocketsFilter, UnixSocketsMatchOnlyWildcardAddresses) {
    Socket unix_socket;
    unix_socket.protocol = Protocol::unix_stream;
    unix_socket.local.path = "/run/x.sock";
    EXPECT_TRUE(match({"src", "*"}, unix_socket));
    EXPECT_FALSE(match({"src", "0.0.0.0/0"}, unix_socket));
}

// --- lexer --------------------------------------------------------------------------

TEST(SocketsFilter, LexerNumbersWhitespaceSeparatedWords) {
    const auto tokens = tokenize_filter({"state established", "(dport>=:1024)"});
    ASSERT_EQ(tokens.size(), 8U);
    EXPECT_EQ(tokens[2].text, "(");
    EXPECT_EQ(tokens[2].word, 3U);
    EXPECT_EQ(tokens[4].text, ">=");
    EXPECT_EQ(tokens[4].in_word, "(dport>=:1024)");
    EXPECT_EQ(tokens[7].kind, FilterToken::Kind::end);
    EXPECT_EQ(tokens[1].in_word, "");
}

// --- errors -------------------------------------------------------------------------

TEST(SocketsFilter, UnknownKeywordIsNamedWithItsPosition) {
    EXPECT_EQ(error_of({"dprt", "=", ":22"}), "filter: word 1 'dprt': expected sport, dport, src, dst, not or '('");
    EXPECT_EQ(error_of({"state established ( dprt = :22 )"}),
              "filter: word 4 'dprt': expected sport, dport, src, dst, not or '('");
    EXPECT_EQ(error_of({"(dprt=:22)"}),
              "filter: word 1 'dprt' in '(dprt=:22)': expected sport, dport, src, dst, not or '('");
}

TEST(SocketsFilter, UnknownStateListsTheNames) {
    const std::string message = error_of({"state", "listen"});
    EXPECT_EQ(message.rfind("filter: word 2 'listen': expected a state name after 'state': one of all,", 0), 0U)
        << message;
    EXPECT_NE(error_of({"exclude"}).find("after the last word"), std::string::npos);
}

TEST(SocketsFilter, ServiceNamesAreRefused) {
    const std::string message = error_of({"sport", "=", ":ssh"});
    EXPECT_NE(message.find("word 3 ':ssh'"), std::string::npos) << message;
    EXPECT_NE(message.find("service names are not supported"), std::string::npos) << message;
    EXPECT_NE(error_of({"src", "127.0.0.1:ipp"}).find("port 'ipp'"), std::string::npos);
}

TEST(SocketsFilter, BadValues) {
    EXPECT_NE(error_of({"dport = :70000"}).find("out of range"), std::string::npos);
    EXPECT_NE(error_of({"dst 10.0.0.0/33"}).find("prefix length '33'"), std::string::npos);
    EXPECT_NE(error_of({"dst [::1"}).find("without a closing ']'"), std::string::npos);
    EXPECT_NE(error_of({"dst example.com"}).find("'example.com' is not an address"), std::string::npos);
    EXPECT_NE(error_of({"dst 10.0.0.300"}).find("is not an address"), std::string::npos);
    EXPECT_NE(error_of({"sport = 10.0.0.1:22"}).find("expected a port"), std::string::npos);
}

TEST(SocketsFilter, MissingPiecesAreReportedAtTheEnd) {
    EXPECT_EQ(error_of({"dport", "="}), "filter: after the last word: expected a port after 'dport'");
    EXPECT_EQ(error_of({"src"}), "filter: after the last word: expected an address after 'src'");
    EXPECT_NE(error_of({"( dport = :22"}).find("expected ')' to close the '(' of word 1"), std::string::npos);
    EXPECT_NE(error_of({"sport = :22 and"}).find("after the last word"), std::string::npos);
    EXPECT_NE(error_of({"not"}).find("after the last word"), std::string::npos);
}

TEST(SocketsFilter, StrayTokens) {
    EXPECT_EQ(error_of({"dport = :22 )"}), "filter: word 4 ')': ')' without a matching '('");
    EXPECT_NE(error_of({"src < 10.0.0.1"}).find("src takes =, == or != only"), std::string::npos);
    EXPECT_NE(error_of({"dport = :22 state established"}).find("word 4 'state': state and exclude must come before"),
              std::string::npos);
    EXPECT_NE(error_of({"10.0.0.1"}).find("a value needs sport, dport, src or dst"), std::string::npos);
    EXPECT_NE(error_of({"( )"}).find("word 2 ')'"), std::string::npos);
    EXPECT_NE(error_of({"sport = :1 & sport = :2"}).find("word 4 '&'"), std::string::npos);
}

TEST(SocketsFilter, DeepNestingIsAnErrorNotACrash) {
    std::string deep(5000, '(');
    EXPECT_NE(error_of({deep}).find("nested deeper than"), std::string::npos);
    std::vector<std::string> nots(5000, "!");
    nots.push_back("sport = :1");
    EXPECT_NE(error_of(nots).find("nested deeper than"), std::string::npos);
    EXPECT_TRUE(parse({std::string(60, '(') + "sport=:1" + std::string(60, ')')}).matches(tcp("1.1.1.1", 1, "1.1.1.1", 2)));
}


}  // namespace
}  // namespace netlens::sockets
