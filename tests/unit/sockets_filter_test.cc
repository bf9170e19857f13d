// The ss filter grammar: the queries users type, the spellings ss accepts, how ss's lexer
// cuts words, and errors that name the bad word. What each term's value matches is in
// sockets_filter_values_test.cc, the kernel push-down in sockets_bytecode_test.cc.
#include "sockets/filter/filter.h"

#include <arpa/inet.h>
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <sys/socket.h>

#include <string>
#include <vector>

#include "sockets/filter/filter_lexer.h"
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
