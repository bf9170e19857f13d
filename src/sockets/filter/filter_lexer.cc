// Longest-match scan over a table of punctuation; everything between punctuation and
// whitespace is a word.
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

// Two-character forms first so "<=" is not read as "<" then "=".
constexpr std::array<Punctuation, 16> kPunctuation{{
    {"\\(", Kind::open}, {"\\)", Kind::close}, {"&&", Kind::and_op}, {"||", Kind::or_op},
    {"==", Kind::compare}, {"!=", Kind::compare}, {"<=", Kind::compare}, {">=", Kind::compare},
    {"(", Kind::open}, {")", Kind::close}, {"=", Kind::compare}, {"<", Kind::compare},
    {">", Kind::compare}, {"!", Kind::bang}, {"&", Kind::and_op}, {"|", Kind::or_op},
}};

const Punctuation* punctuation_at(std::string_view rest) {
    for (const auto& entry : kPunctuation) {
        if (rest.starts_with(entry.text)) return &entry;
    }
    return nullptr;
}

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v'; }

// Tokens of one whitespace-free word.
void split_word(std::string_view word, size_t number, std::vector<FilterToken>& out) {
    const size_t first = out.size();
    size_t start = 0;
    auto flush = [&](size_t end) {
        if (end > start) out.push_back({Kind::word, std::string(word.substr(start, end - start)), number, {}});
    };
    for (size_t pos = 0; pos < word.size();) {
        const Punctuation* punct = punctuation_at(word.substr(pos));
        if (punct == nullptr) {
            ++pos;
            continue;
        }
        flush(pos);
        out.push_back({punct->kind, std::string(punct->text), number, {}});
        pos += punct->text.size();
        start = pos;
    }
    flush(word.size());
    if (out.size() - first > 1) {
        for (size_t i = first; i < out.size(); ++i) out[i].in_word = word;
    }
}

}  // namespace

std::vector<FilterToken> tokenize_filter(const std::vector<std::string>& words) {
    std::vector<FilterToken> tokens;
    size_t number = 0;
    for (const auto& argument : words) {
        const std::string_view text = argument;
        size_t pos = 0;
        while (pos < text.size()) {
            while (pos < text.size() && is_space(text[pos])) ++pos;
            const size_t start = pos;
            while (pos < text.size() && !is_space(text[pos])) ++pos;
            if (pos > start) split_word(text.substr(start, pos - start), ++number, tokens);
        }
    }
    tokens.push_back({Kind::end, "", number + 1, {}});
    return tokens;
}

}  // namespace netlens::sockets
