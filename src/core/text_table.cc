#include "core/text_table.h"

#include <algorithm>

namespace netlens {

size_t visible_width(const std::string& text) {
    size_t width = 0;
    for (size_t i = 0; i < text.size(); ++i) {
        const auto byte = static_cast<unsigned char>(text[i]);
        if (byte == 0x1b) {
            while (i < text.size() && text[i] != 'm') ++i;
            continue;
        }
        if ((byte & 0xC0) != 0x80) ++width;  // continuation bytes add no width
    }
    return width;
}

void TextTable::add_row(std::vector<std::string> cells) {
    cells.resize(std::max(cells.size(), columns_.size()));
    rows_.push_back(std::move(cells));
}

void TextTable::print(std::ostream& out, bool show_header) const {
    std::vector<size_t> widths(columns_.size(), 0);
    for (size_t c = 0; c < columns_.size(); ++c) {
        if (show_header) widths[c] = visible_width(columns_[c].header);
        for (const auto& row : rows_) widths[c] = std::max(widths[c], visible_width(row[c]));
    }

    // One line buffer reused for every row, written in one call.
    std::string line;
    auto print_row = [&](const std::vector<std::string>& cells) {
        line.clear();
        for (size_t c = 0; c < columns_.size(); ++c) {
            const size_t pad = widths[c] - visible_width(cells[c]);
            const bool last = c + 1 == columns_.size();
            if (columns_[c].align == Align::right) line.append(pad, ' ');
            line += cells[c];
            if (columns_[c].align == Align::left && !last) line.append(pad, ' ');
            if (!last) line += "  ";
        }
        while (!line.empty() && line.back() == ' ') line.pop_back();
        line += '\n';
        out.write(line.data(), static_cast<std::streamsize>(line.size()));
    };

    if (show_header) {
        std::vector<std::string> header;
        for (const auto& column : columns_) header.push_back(column.header);
        print_row(header);
    }
    for (const auto& row : rows_) print_row(row);
}

}  // namespace netlens
