// The text of a route as ip prints it: words joined by single spaces, continuation
// lines with their own indent. An empty word leaves the extra space ip leaves where it
// prints " encap ip" after a word that already ended in one.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace netlens::route {

class Line {
public:
    Line& word(std::string_view text) {
        if (!text_.empty() && !at_indent_) text_ += ' ';
        at_indent_ = false;
        text_ += text;
        return *this;
    }
    Line& words(const std::vector<std::string>& texts) {
        for (const auto& text : texts) word(text);
        return *this;
    }
    // Text glued to the last word, as ip's "ts 0x1234" runs into the "tsage" after it.
    Line& glued(std::string_view text) {
        text_ += text;
        return *this;
    }
    Line& next_line(std::string_view indent) {
        text_ += '\n';
        text_ += indent;
        at_indent_ = true;
        return *this;
    }
    std::string take() { return std::move(text_); }

private:
    std::string text_;
    bool at_indent_ = false;
};

}  // namespace netlens::route
