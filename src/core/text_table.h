// Aligned columns in the style of ss and ip: a header row, cells padded to the widest
// entry, numbers right-aligned. Cells may carry colour escapes; widths ignore them.
// Cells are kept in one growing buffer rather than a string each, so a table of 100 k
// sockets costs a few megabytes instead of hundreds of thousands of allocations.
#pragma once

#include <cstdint>
#include <ostream>
#include <string>
#include <string_view>
#include <vector>

namespace netlens {

enum class Align { left, right };

struct Column {
    std::string header;
    Align align = Align::left;
    std::string separator = "  ";  // printed before this column (ss puts none before "Port")
};

class TextTable {
public:
    explicit TextTable(std::vector<Column> columns) : columns_(std::move(columns)) {}

    // A row with fewer cells than columns is padded with empty cells; extra cells are
    // ignored.
    void add_row(const std::vector<std::string>& cells);
    bool empty() const { return rows_ == 0; }
    size_t rows() const { return rows_; }
    void print(std::ostream& out, bool show_header = true) const;
    // Prints with columns at least `widths` wide and widens `widths` to what this
    // table needed, so tables printed one after another (a stream printed a window at
    // a time) line up as far as they can. `widths` may start empty.
    void print(std::ostream& out, bool show_header, std::vector<size_t>& widths) const;
    // Drops the rows, keeping the columns.
    void clear();

private:
    struct Cell {
        uint32_t end;    // offset in text_ just past the cell
        uint32_t width;  // printed width
    };
    std::string_view cell_text(size_t index) const;

    std::vector<Column> columns_;
    std::string text_;         // every cell, back to back
    std::vector<Cell> cells_;  // row-major, columns_.size() per row
    size_t rows_ = 0;
};

// Printed width of text, skipping ANSI escape sequences and counting UTF-8 code points.
size_t visible_width(std::string_view text);

}  // namespace netlens
