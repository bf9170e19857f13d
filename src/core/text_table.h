// Aligned columns in the style of ss and ip: a header row, cells padded to the widest
// entry, numbers right-aligned. Cells may carry colour escapes; widths ignore them.
#pragma once

#include <ostream>
#include <string>
#include <vector>

namespace netlens {

enum class Align { left, right };

struct Column {
    std::string header;
    Align align = Align::left;
};

class TextTable {
public:
    explicit TextTable(std::vector<Column> columns) : columns_(std::move(columns)) {}

    // A row with fewer cells than columns is padded with empty cells.
    void add_row(std::vector<std::string> cells);
    bool empty() const { return rows_.empty(); }
    void print(std::ostream& out, bool show_header = true) const;

private:
    std::vector<Column> columns_;
    std::vector<std::vector<std::string>> rows_;
};

// Printed width of text, skipping ANSI escape sequences and counting UTF-8 code points.
size_t visible_width(const std::string& text);

}  // namespace netlens
