// Recursive descent over the lexer's tokens, one function per rule of ss's yacc
// grammar (misc/ssfilter.y):
//
//   filter := { (state | exclude | excl) NAME } [ list ] END   (state words: whole argv words)
//   list   := unary { [and | && | & | or | || | |] unary }   left to right, no precedence
//   unary  := (not | !) unary | '(' list ')' | term
//   term   := (src | dst) [EQ] HOST
//           | (sport | dport) (EQ | NE | >= | <= | > | <) PORT
//           | (dev | fwmark | cgroup) (EQ | NE) VALUE | autobound
//   EQ     := = | == | eq | nothing        NE := != | ne | neq
//
// ss has no precedence between and and or: `a or b and c` is `(a or b) and c`, and the
// live ss agrees. Keywords and operator spellings live in tables. Nesting is capped so
// that hostile input ("((((((...", "not not not ...", "a or b and c or d and ...")
// cannot exhaust the stack of the parser or of the recursive matcher; runs of the same
// operator are flattened, so long ones add no depth.
#include <array>
#include <string_view>

#include "sockets/filter/bytecode.h"
#include "sockets/filter/filter.h"
#include "sockets/filter/filter_lexer.h"
#include "sockets/filter/filter_value.h"
#include "sockets/analysis/states.h"

namespace netlens::sockets {
namespace {

using Kind = FilterToken::Kind;
using NodeKind = FilterNode::Kind;

constexpr int kMaxDepth = 64;

enum class Operator : uint8_t { eq, ne, ge, le, gt, lt };

struct OperatorName {
    std::string_view text;
    Operator op;
};

constexpr std::array<OperatorName, 16> kOperatorNames{{
    {"=", Operator::eq}, {"==", Operator::eq}, {"eq", Operator::eq},
    {"!=", Operator::ne}, {"ne", Operator::ne}, {"neq", Operator::ne},
    {">=", Operator::ge}, {"ge", Operator::ge}, {"geq", Operator::ge},
    {"<=", Operator::le}, {"le", Operator::le}, {"leq", Operator::le},
    {">", Operator::gt}, {"gt", Operator::gt}, {"<", Operator::lt}, {"lt", Operator::lt},
}};

enum class Term : uint8_t { src, dst, sport, dport, dev, fwmark, cgroup, autobound };

struct TermName {
    std::string_view keyword;
    Term term;
    Side side;
};

constexpr std::array<TermName, 8> kTermNames{{
    {"src", Term::src, Side::local},     {"dst", Term::dst, Side::peer},
    {"sport", Term::sport, Side::local}, {"dport", Term::dport, Side::peer},
    {"dev", Term::dev, Side::local},     {"fwmark", Term::fwmark, Side::local},
    {"cgroup", Term::cgroup, Side::local}, {"autobound", Term::autobound, Side::local},
}};

// Words ss's lexer always reads as operators, never as values.
constexpr std::array<std::string_view, 3> kOperatorWords{"and", "or", "not"};

constexpr const char* kTermExpected =
    "expected src, dst, sport, dport, dev, fwmark, cgroup, autobound, not or '('";

const OperatorName* operator_of(const FilterToken& token) {
    if (token.kind != Kind::compare && token.kind != Kind::word) return nullptr;
    for (const auto& entry : kOperatorNames) {
        if (entry.text == token.text) return &entry;
    }
    return nullptr;
}

const TermName* term_of(const FilterToken& token) {
    if (token.kind != Kind::word) return nullptr;
    for (const auto& entry : kTermNames) {
        if (entry.keyword == token.text) return &entry;
    }
    return nullptr;
}

bool is_word(const FilterToken& token, std::string_view text) {
    return token.kind == Kind::word && token.text == text;
}

// Whether ss would read the token as a value: a word that is no keyword or operator.
bool is_value(const FilterToken& token) {
    if (token.kind != Kind::word || term_of(token) != nullptr || operator_of(token) != nullptr) return false;
    for (auto word : kOperatorWords) {
        if (token.text == word) return false;
    }
    return true;
}

// A word as an error line shows it: a newline or other control character inside (ss
// does not cut there) is written as an escape, so the message stays one line.
std::string printable(std::string_view text) {
    std::string out;
    for (const char c : text) {
        const auto byte = static_cast<unsigned char>(c);
        if (c == '\n') {
            out += "\\n";
        } else if (byte < 0x20 || byte == 0x7F) {
            constexpr std::string_view kHex = "0123456789abcdef";
            out += "\\x";
            out += kHex[byte >> 4];
            out += kHex[byte & 0xF];
        } else {
            out += c;
        }
    }
    return out;
}

// ss cuts the filter at spaces only, so punctuation glued to a word stays in it; saying
// so turns a puzzling "not a port" into the fix.
std::string glued_hint(const FilterToken& token) {
    if (token.text.size() < 2 || token.text.find_first_of("()!=<>&|") == std::string::npos) return "";
    return " (the filter is split at spaces only, as in ss: put spaces around '(', ')', '!' and operators)";
}

bool is_and(const FilterToken& token) { return token.kind == Kind::and_op || is_word(token, "and"); }
bool is_or(const FilterToken& token) { return token.kind == Kind::or_op || is_word(token, "or"); }

FilterNode negated(FilterNode inner) {
    if (inner.kind == NodeKind::negate) return std::move(inner.children.front());
    FilterNode node;
    node.kind = NodeKind::negate;
    node.children.push_back(std::move(inner));
    return node;
}

// `left op right` as one node; a side that is already a list of the same kind is merged.
FilterNode combine(NodeKind kind, FilterNode left, FilterNode right) {
    FilterNode node;
    node.kind = kind;
    for (auto* part : {&left, &right}) {
        if (part->kind == kind) {
            for (auto& child : part->children) node.children.push_back(std::move(child));
        } else {
            node.children.push_back(std::move(*part));
        }
    }
    return node;
}

class Parser {
public:
    Parser(std::vector<FilterToken> tokens, const FilterContext& context, Filter filter)
        : tokens_(std::move(tokens)), context_(context), filter_(std::move(filter)) {
        filter_.devices_somewhere = context.devices_somewhere;
    }

    // `state`/`exclude` are whole command-line words in front of the expression, read
    // before the lexer sees the rest (ss's main, not its lexer, takes them): `state
    // established` works, one word 'state established' does not, as in ss.
    static Result<size_t> read_states(const std::vector<std::string>& words, size_t argument_words, Filter& filter) {
        size_t used = 0;
        const size_t limit = std::min(words.size(), argument_words);
        while (used < limit && (words[used] == "state" || words[used] == "exclude" || words[used] == "excl")) {
            const std::string& keyword = words[used];
            const bool exclude = keyword != "state";
            const auto expected = "expected a state name after '" + keyword + "': one of " + state_filter_names();
            if (used + 1 == limit) return Error{ExitCode::usage, "filter: after the last word: " + expected};
            const std::string& name = words[used + 1];
            const auto mask = state_mask_for(name);
            if (!mask) {
                return Error{ExitCode::usage, "filter: word " + std::to_string(used + 2) + " '" + name + "': " + expected};
            }
            used += 2;
            // As in ss: `state` words add up from nothing, `exclude` words take away
            // from everything, in the order given.
            const uint32_t current = filter.state_mask.value_or(exclude ? kAllStates : 0);
            filter.state_mask = exclude ? current & ~*mask : current | *mask;
        }
        return used;
    }

    Result<Filter> parse() {
        if (peek().kind == Kind::end) return filter_;
        auto expression = parse_list();
        if (!expression) return expression.error();
        if (peek().kind != Kind::end) return error_at(peek(), "')' without a matching '('");
        filter_.expression = std::move(*expression);
        if (auto fits = check_kernel_program(filter_)) return error_at(peek(), fits->message);
        return std::move(filter_);
    }

private:
    Result<FilterNode> parse_list() {
        auto left = parse_unary();
        if (!left) return left;
        const int depth_before = depth_;
        while (peek().kind != Kind::end && peek().kind != Kind::close) {
            const FilterToken& token = peek();
            NodeKind kind = NodeKind::all_of;
            if (is_or(token)) {
                kind = NodeKind::any_of;
                next();
            } else if (is_and(token)) {
                next();
            }
            auto right = parse_unary();
            if (!right) return right;
            // Each change between and and or nests the tree one level deeper.
            if (left->kind != kind && ++depth_ > kMaxDepth) {
                return error_at(token, "and/or alternate more than " + std::to_string(kMaxDepth) + " times");
            }
            left = combine(kind, std::move(*left), std::move(*right));
        }
        depth_ = depth_before;
        return left;
    }

    Result<FilterNode> parse_unary() {
        const FilterToken& token = peek();
        const bool negate = token.kind == Kind::bang || is_word(token, "not");
        if (!negate && token.kind != Kind::open) return parse_term();
        if (++depth_ > kMaxDepth) return error_at(token, "nested deeper than " + std::to_string(kMaxDepth));
        next();
        auto inner = negate ? parse_unary() : parse_list();
        if (!inner) return inner;
        if (!negate) {
            if (peek().kind != Kind::close) {
                return error_at(peek(), "expected ')' to close the '(' of word " + std::to_string(token.word));
            }
            next();
        }
        --depth_;
        return negate ? negated(std::move(*inner)) : std::move(*inner);
    }

    Result<FilterNode> parse_term() {
        const FilterToken& keyword = peek();
        const TermName* term = term_of(keyword);
        if (term == nullptr) {
            if (is_word(keyword, "state") || is_word(keyword, "exclude") || is_word(keyword, "excl")) {
                return error_at(keyword, "state and exclude must come before the expression, each and its state name "
                                         "as words of their own, as ss reads them");
            }
            std::string message = kTermExpected;
            if (is_value(keyword)) message += " (a value needs src, dst, sport, dport, dev, fwmark or cgroup before it)";
            return error_at(keyword, message + glued_hint(keyword));
        }
        next();
        FilterNode node;
        node.side = term->side;
        if (term->term == Term::autobound) {
            node.kind = NodeKind::autobound;
            return node;
        }
        const FilterToken& op_token = peek();
        const OperatorName* op = operator_of(op_token);
        if (op != nullptr) next();
        const Operator compare = op != nullptr ? op->op : Operator::eq;
        const bool ports = term->term == Term::sport || term->term == Term::dport;
        if (!ports && compare != Operator::eq && (compare != Operator::ne || term->term == Term::src ||
                                                  term->term == Term::dst)) {
            return error_at(op_token, std::string(term->keyword) +
                                          (term->term == Term::src || term->term == Term::dst
                                               ? " takes = (or nothing) only, as in ss; write 'not " +
                                                     std::string(term->keyword) + " ...' to negate"
                                               : " takes = or != only"));
        }
        const FilterToken& value = peek();
        if (!is_value(value)) {
            return error_at(value, "expected a value after '" + std::string(term->keyword) + "'");
        }
        next();
        auto filled = fill_term(node, *term, value.text);
        if (filled) return error_at(value, filled->message + glued_hint(value));
        switch (compare) {
            case Operator::eq: return node;
            case Operator::ne: return negated(std::move(node));
            case Operator::ge: node.kind = NodeKind::port_ge; return node;
            case Operator::le: node.kind = NodeKind::port_le; return node;
            // As ss compiles them: a > b is not (a <= b), a < b is not (a >= b).
            case Operator::gt: node.kind = NodeKind::port_le; return negated(std::move(node));
            case Operator::lt: node.kind = NodeKind::port_ge; return negated(std::move(node));
        }
        return node;
    }

    // Reads the value of `term` into `node`; an error without position on failure.
    std::optional<Error> fill_term(FilterNode& node, const TermName& term, const std::string& text) {
        switch (term.term) {
            case Term::dev: {
                auto index = parse_device_value(text);
                if (!index && !context_.devices_elsewhere) return index.error();
                node.kind = NodeKind::device;
                node.number = index ? *index : device_number(text).value_or(0);
                node.device = text;
                return std::nullopt;
            }
            case Term::fwmark: {
                auto mark = parse_mark_value(text);
                if (!mark) return mark.error();
                node.kind = NodeKind::mark;
                node.number = mark->mark;
                node.mask = mark->mask;
                return std::nullopt;
            }
            case Term::cgroup: {
                auto id = parse_cgroup_value(text);
                if (!id) return id.error();
                node.kind = NodeKind::cgroup;
                node.number = *id;
                return std::nullopt;
            }
            default: break;
        }
        const bool is_port = term.term == Term::sport || term.term == Term::dport;
        auto host = parse_host_value(text, is_port, context_);
        if (!host) return host.error();
        node.kind = NodeKind::host;
        node.host = std::move(host->pattern);
        if (host->fixed_family != AF_UNSPEC) filter_.only_family = host->fixed_family;
        return std::nullopt;
    }

    const FilterToken& peek() const { return tokens_[pos_]; }
    // Never moves past the end token, so peek() stays valid.
    const FilterToken& next() { return tokens_[pos_ + 1 < tokens_.size() ? pos_++ : pos_]; }

    static Error error_at(const FilterToken& token, const std::string& message) {
        std::string where;
        if (token.kind == Kind::end) {
            where = "after the last word";
        } else {
            where = "word " + std::to_string(token.word) + " '" + printable(token.text) + "'";
        }
        return Error{ExitCode::usage, "filter: " + where + ": " + message};
    }

    std::vector<FilterToken> tokens_;
    FilterContext context_;
    Filter filter_;
    size_t pos_ = 0;
    int depth_ = 0;
};

}  // namespace

Result<Filter> parse_filter(const std::vector<std::string>& words, const FilterContext& context) {
    Filter filter;
    auto used = Parser::read_states(words, context.argument_words, filter);
    if (!used) return used.error();
    const std::vector<std::string> rest(words.begin() + static_cast<std::ptrdiff_t>(*used), words.end());
    return Parser(tokenize_filter(rest, *used + 1), context, std::move(filter)).parse();
}

Result<Filter> parse_filter(const std::vector<std::string>& words) {
    FilterContext pure;
    pure.name_lookups = false;
    return parse_filter(words, pure);
}

}  // namespace netlens::sockets
