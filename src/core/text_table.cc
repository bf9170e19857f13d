#include "core/text_table.h"

#include <algorithm>

namespace netlens {

size_t visible_width(std::string_view text) {
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

void TextTable::add_row(const std::vector<std::string>& cells) {
    for (size_t c = 0; c < columns_.size(); ++c) {
        const std::string_view cell = c < cells.size() ? std::string_view(cells[c]) : std::string_view();
        text_ += cell;
        cells_.push_back({static_cast<uint32_t>(text_.size()), static_cast<uint32_t>(visible_width(cell))});
    }
    ++rows_;
}

std::string_view TextTable::cell_text(size_t index) const {
    const size_t begin = index == 0 ? 0 : cells_[index - 1].end;
    return std::string_view(text_).substr(begin, cells_[index].end - begin);
}

void TextTable::clear() {
    text_.clear();
    cells_.clear();
    rows_ = 0;
}

void TextTable::print(std::ostream& out, bool show_header) const {
    std::vector<size_t> widths;
    print(out, show_header, widths);
}

void TextTable::print(std::ostream& out, bool show_header, std::vector<size_t>& widths) const {
    const size_t columns = columns_.size();
    widths.resize(columns, 0);
    for (size_t c = 0; c < columns; ++c) {
        if (show_header) widths[c] = std::max(widths[c], visible_width(columns_[c].header));
    }
    for (size_t i = 0; i < cells_.size(); ++i) widths[i % columns] = std::max<size_t>(widths[i % columns], cells_[i].width);

    // One line buffer reused for every row, written in one call.
    std::string line;
    auto append_cell = [&](size_t c, std::string_view text, size_t width) {
        const size_t pad = widths[c] - width;
        const bool last = c + 1 == columns;
        if (c > 0) line += columns_[c].separator;
        if (columns_[c].align == Align::right) line.append(pad, ' ');
        line += text;
        if (columns_[c].align == Align::left && !last) line.append(pad, ' ');
    };
    auto flush_line = [&] {
        while (!line.empty() && line.back() == ' ') line.pop_back();
        line += '\n';
        out.write(line.data(), static_cast<std::streamsize>(line.size()));
        line.clear();
    };

    if (show_header) {
        for (size_t c = 0; c < columns; ++c) append_cell(c, columns_[c].header, visible_width(columns_[c].header));
        flush_line();
    }
    for (size_t row = 0; row < rows_; ++row) {
        for (size_t c = 0; c < columns; ++c) {
            const size_t index = row * columns + c;
            append_cell(c, cell_text(index), cells_[index].width);
        }
        flush_line();
    }
}

}  // namespace netlens
