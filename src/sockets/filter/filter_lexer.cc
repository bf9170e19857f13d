// Scans each argv word for space- or tab-separated tokens, removing backslashes as ss
// does, then looks the whole token up in a table of operator spellings.
#include "sockets/filter/filter_lexer.h"

#include <array>
#include <string_view>

namespace netlens::sockets {
namespace {

using Kind = FilterToken::Kind;

struct Punctuation {
    std::string_view text;
    Kind kind;
};

constexpr std::array<Punctuation, 14> kPunctuation{{
    {"(", Kind::open},     {")", Kind::close},    {"&&", Kind::and_op},  {"&", Kind::and_op},
    {"||", Kind::or_op},   {"|", Kind::or_op},    {"!", Kind::bang},     {"=", Kind::compare},
    {"==", Kind::compare}, {"!=", Kind::compare}, {"<=", Kind::compare}, {">=", Kind::compare},
    {"<", Kind::compare},  {">", Kind::compare},
}};

Kind kind_of(std::string_view token) {
    for (const auto& entry : kPunctuation) {
        if (entry.text == token) return entry.kind;
    }
    return Kind::word;
}

// ss splits on these two only; a newline inside an argument is part of a token.
bool is_separator(char c) { return c == ' ' || c == '\t'; }

// The next token of `text` from `pos` on, unescaped; false when only separators remain.
bool next_token(std::string_view text, size_t& pos, std::string& token) {
    while (pos < text.size() && is_separator(text[pos])) ++pos;
    if (pos == text.size()) return false;
    token.clear();
    while (pos < text.size() && !is_separator(text[pos])) {
        if (text[pos] == '\\') {
            // A trailing backslash vanishes, as in ss.
            if (++pos == text.size()) break;
        }
        token += text[pos++];
    }
    return true;
}

}  // namespace

std::vector<FilterToken> tokenize_filter(const std::vector<std::string>& words, size_t first_word) {
    std::vector<FilterToken> tokens;
    size_t number = first_word - 1;
    std::string token;
    for (const auto& argument : words) {
        size_t pos = 0;
        while (next_token(argument, pos, token)) tokens.push_back({kind_of(token), token, ++number});
    }
    tokens.push_back({Kind::end, "", number + 1});
    return tokens;
}

}  // namespace netlens::sockets
