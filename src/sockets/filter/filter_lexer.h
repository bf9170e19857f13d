// Splits the filter's argv words into tokens exactly as ss's lexer does
// (get_token_from_line and yylex in misc/ssfilter.y): a token runs from one space or tab
// to the next, a backslash makes the next character literal (so '\(' is '(' and 'a\ b'
// is one token), and only a whole token is an operator. Punctuation glued to a word
// stays part of it: ss reads '(dport=:22)' or 'dport>:80' as one value and rejects it,
// and a UNIX path such as '/run/a=b(1)' keeps its '=' and parentheses.
#pragma once

#include <cstddef>
#include <string>
#include <vector>

namespace netlens::sockets {

struct FilterToken {
    enum class Kind : unsigned char {
        word,     // keyword or value: "dport", "and", ":22", "[::1]:22"
        open,     // (
        close,    // )
        compare,  // = == != < > <= >=
        bang,     // !
        and_op,   // && or &
        or_op,    // || or |
        end,      // after the last word
    };
    Kind kind = Kind::end;
    std::string text;  // with backslash escapes removed, as ss compares it
    size_t word = 0;   // 1-based among the space- or tab-separated words
};

// Never fails: anything that is not a whole operator becomes a word for the parser to
// judge. The last token is always Kind::end.
// Tokens are numbered from `first_word` (the words before were taken by the caller).
std::vector<FilterToken> tokenize_filter(const std::vector<std::string>& words, size_t first_word = 1);

}  // namespace netlens::sockets
