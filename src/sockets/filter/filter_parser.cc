// Recursive descent over the lexer's tokens, one function per rule:
//
//   filter   := { (state | exclude) NAME } [ or_expr ] END
//   or_expr  := and_expr { (or | ||) and_expr }
//   and_expr := unary { [and | &&] unary }          adjacent terms are and-ed, as in ss
//   unary    := (not | !) unary | '(' or_expr ')' | term
//   term     := (sport | dport) [OP] PORT | (src | dst) [= | == | eq | != | ne | neq] HOST
//
// Keywords and operator spellings live in tables. Nesting is capped so that hostile
// input ("((((((...", "not not not ...") cannot exhaust the stack of the parser or of
// the recursive matcher; and/or chains are flattened, so long ones add no depth.
#include <array>
#include <string_view>

#include "sockets/filter/filter.h"
#include "sockets/filter/filter_lexer.h"
#include "sockets/filter/filter_value.h"
#include "sockets/analysis/states.h"

namespace netlens::sockets {
namespace {

using Kind = FilterToken::Kind;
using NodeKind = FilterNode::Kind;

constexpr int kMaxDepth = 64;

struct CompareName {
    std::string_view text;
    Compare compare;
};

constexpr std::array<CompareName, 16> kCompareNames{{
    {"=", Compare::eq}, {"==", Compare::eq}, {"eq", Compare::eq},
    {"!=", Compare::ne}, {"ne", Compare::ne}, {"neq", Compare::ne},
    {"<", Compare::lt}, {"lt", Compare::lt}, {">", Compare::gt}, {"gt", Compare::gt},
    {"<=", Compare::le}, {"le", Compare::le}, {"leq", Compare::le},
    {">=", Compare::ge}, {"ge", Compare::ge}, {"geq", Compare::ge},
}};

struct TermName {
    std::string_view keyword;
    NodeKind kind;
    Side side;
};

constexpr std::array<TermName, 4> kTermNames{{
    {"sport", NodeKind::port, Side::local},
    {"dport", NodeKind::port, Side::peer},
    {"src", NodeKind::host, Side::local},
    {"dst", NodeKind::host, Side::peer},
}};

constexpr const char* kTermExpected = "expected sport, dport, src, dst, not or '('";

const CompareName* compare_of(const FilterToken& token) {
    if (token.kind != Kind::compare && token.kind != Kind::word) return nullptr;
    for (const auto& entry : kCompareNames) {
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

// One node for an and/or list; nested lists of the same kind merge into it.
FilterNode combine(NodeKind kind, std::vector<FilterNode> parts) {
    if (parts.size() == 1) return std::move(parts.front());
    FilterNode node;
    node.kind = kind;
    for (auto& part : parts) {
        if (part.kind == kind) {
            for (auto& child : part.children) node.children.push_back(std::move(child));
        } else {
            node.children.push_back(std::move(part));
        }
    }
    return node;
}

class Parser {
public:
    explicit Parser(std::vector<FilterToken> tokens) : tokens_(std::move(tokens)) {}

    Result<Filter> parse() {
        Filter filter;
        while (is_word(peek(), "state") || is_word(peek(), "exclude")) {
            const bool exclude = peek().text == "exclude";
            const std::string keyword = next().text;
            const FilterToken& name = peek();
            const auto mask = name.kind == Kind::word ? state_mask_for(name.text) : std::nullopt;
            if (!mask) {
                return error_at(name, "expected a state name after '" + keyword + "': one of " +
                                          state_filter_names());
            }
            next();
            // As in ss: `state` words add up from nothing, `exclude` words take away
            // from everything, in the order given.
            const uint32_t current = filter.state_mask.value_or(exclude ? kAllStates : 0);
            filter.state_mask = exclude ? current & ~*mask : current | *mask;
        }
        if (peek().kind == Kind::end) return filter;
        auto expression = parse_or();
        if (!expression) return expression.error();
        if (peek().kind != Kind::end) {
            return error_at(peek(), peek().kind == Kind::close ? "')' without a matching '('"
                                                               : "expected and, or or the end of the filter");
        }
        filter.expression = std::move(*expression);
        return filter;
    }

private:
    Result<FilterNode> parse_or() {
        std::vector<FilterNode> parts;
        while (true) {
            auto part = parse_and();
            if (!part) return part;
            parts.push_back(std::move(*part));
            if (peek().kind != Kind::or_op && !is_word(peek(), "or")) break;
            next();
        }
        return combine(NodeKind::any_of, std::move(parts));
    }

    Result<FilterNode> parse_and() {
        std::vector<FilterNode> parts;
        while (true) {
            auto part = parse_unary();
            if (!part) return part;
            parts.push_back(std::move(*part));
            if (peek().kind == Kind::and_op || is_word(peek(), "and")) {
                next();
            } else if (!starts_unary(peek())) {
                break;
            }
        }
        return combine(NodeKind::all_of, std::move(parts));
    }

    static bool starts_unary(const FilterToken& token) {
        return token.kind == Kind::open || token.kind == Kind::bang ||
               (token.kind == Kind::word && token.text != "or");
    }

    Result<FilterNode> parse_unary() {
        const FilterToken& token = peek();
        const bool negate = token.kind == Kind::bang || is_word(token, "not");
        if (!negate && token.kind != Kind::open) return parse_term();
        if (++depth_ > kMaxDepth) return error_at(token, "nested deeper than " + std::to_string(kMaxDepth));
        next();
        auto inner = negate ? parse_unary() : parse_or();
        if (!inner) return inner;
        if (!negate) {
            if (peek().kind != Kind::close) {
                return error_at(peek(), "expected ')' to close the '(' of word " + std::to_string(token.word));
            }
            next();
        }
        --depth_;
        if (!negate) return inner;
        if (inner->kind == NodeKind::negate) return std::move(inner->children.front());
        FilterNode node;
        node.kind = NodeKind::negate;
        node.children.push_back(std::move(*inner));
        return node;
    }

    Result<FilterNode> parse_term() {
        const FilterToken& keyword = peek();
        const TermName* term = term_of(keyword);
        if (term == nullptr) {
            if (is_word(keyword, "state") || is_word(keyword, "exclude")) {
                return error_at(keyword, "state and exclude must come before the expression");
            }
            std::string message = kTermExpected;
            if (keyword.kind == Kind::word && parse_host_pattern(keyword.text)) {
                message += " (a value needs sport, dport, src or dst before it)";
            }
            return error_at(keyword, message);
        }
        next();
        const FilterToken& op = peek();
        const CompareName* compare = compare_of(op);
        if (compare != nullptr) next();
        const bool is_port = term->kind == NodeKind::port;
        const FilterToken& value = peek();
        if (value.kind != Kind::word) {
            return error_at(value, std::string(is_port ? "expected a port" : "expected an address") +
                                       " after '" + std::string(term->keyword) + "'");
        }
        next();

        FilterNode node;
        node.kind = term->kind;
        node.side = term->side;
        if (is_port) {
            auto port = parse_port_value(value.text);
            if (!port) return error_at(value, port.error().message);
            node.compare = compare != nullptr ? compare->compare : Compare::eq;
            node.port = *port;
            return node;
        }
        if (compare != nullptr && compare->compare != Compare::eq && compare->compare != Compare::ne) {
            return error_at(op, std::string(term->keyword) +
                                    " takes =, == or != only; < and > are for sport and dport");
        }
        auto host = parse_host_pattern(value.text);
        if (!host) return error_at(value, host.error().message);
        node.host = std::move(*host);
        if (compare == nullptr || compare->compare == Compare::eq) return node;
        FilterNode negated;
        negated.kind = NodeKind::negate;
        negated.children.push_back(std::move(node));
        return negated;
    }

    const FilterToken& peek() const { return tokens_[pos_]; }
    // Never moves past the end token, so peek() stays valid.
    const FilterToken& next() { return tokens_[pos_ + 1 < tokens_.size() ? pos_++ : pos_]; }

    static Error error_at(const FilterToken& token, const std::string& message) {
        std::string where;
        if (token.kind == Kind::end) {
            where = "after the last word";
        } else {
            where = "word " + std::to_string(token.word) + " '" + token.text + "'";
            if (!token.in_word.empty()) where += " in '" + token.in_word + "'";
        }
        return Error{ExitCode::usage, "filter: " + where + ": " + message};
    }

    std::vector<FilterToken> tokens_;
    size_t pos_ = 0;
    int depth_ = 0;
};

}  // namespace

Result<Filter> parse_filter(const std::vector<std::string>& words) {
    return Parser(tokenize_filter(words)).parse();
}

}  // namespace netlens::sockets
