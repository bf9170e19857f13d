// Splits the filter's argv words into tokens. Users quote the whole expression as one
// word ('state established ( dport = :443 )') or glue punctuation to words
// ('(dport=:22)', '!', '\(' from shells), so the lexer splits on whitespace inside words
// and cuts parentheses and operators out wherever they stand. None of the operator
// characters can occur in a port or address, so cutting them never breaks a value.
#pragma once

#include <cstddef>
#include <string>
#include <vector>

namespace netlens::sockets {

struct FilterToken {
    enum class Kind : unsigned char {
        word,     // keyword or value: "dport", "and", ":22", "[::1]:22"
        open,     // ( or \(
        close,    // ) or \)
        compare,  // = == != < > <= >=
        bang,     // !
        and_op,   // && or &
        or_op,    // || or |
        end,      // after the last word
    };
    Kind kind = Kind::end;
    std::string text;      // as typed
    size_t word = 0;       // 1-based among the whitespace-separated words
    std::string in_word;   // the whole word when the token is only part of it, else ""
};

// Never fails: anything that is not punctuation becomes a word for the parser to judge.
// The last token is always Kind::end.
std::vector<FilterToken> tokenize_filter(const std::vector<std::string>& words);

}  // namespace netlens::sockets
