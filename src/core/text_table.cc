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

    // The whole window goes into one buffer and leaves in one write: a line per write
    // would cost a call into the stream per row, and the stream's own buffer a copy.
    size_t line_width = 1;
    for (size_t c = 0; c < columns; ++c) line_width += widths[c] + columns_[c].separator.size();
    std::string text;
    text.reserve(text_.size() + (rows_ + 1) * line_width);
    auto append_cell = [&](size_t c, std::string_view cell, size_t width) {
        const size_t pad = widths[c] - width;
        const bool last = c + 1 == columns;
        if (c > 0) text += columns_[c].separator;
        if (columns_[c].align == Align::right) text.append(pad, ' ');
        text += cell;
        if (columns_[c].align == Align::left && !last) text.append(pad, ' ');
    };
    auto end_line = [&](size_t line_start) {
        size_t end = text.size();
        while (end > line_start && text[end - 1] == ' ') --end;
        text.resize(end);
        text += '\n';
    };

    if (show_header) {
        const size_t line_start = text.size();
        for (size_t c = 0; c < columns; ++c) append_cell(c, columns_[c].header, visible_width(columns_[c].header));
        end_line(line_start);
    }
    for (size_t row = 0; row < rows_; ++row) {
        const size_t line_start = text.size();
        for (size_t c = 0; c < columns; ++c) {
            const size_t index = row * columns + c;
            append_cell(c, cell_text(index), cells_[index].width);
        }
        end_line(line_start);
    }
    out.write(text.data(), static_cast<std::streamsize>(text.size()));
}

}  // namespace netlens
