#include "core/text_sink.h"

#include <iostream>
#include <stdexcept>

#include "core/diagnosis_text.h"

namespace netlens {

void TextSink::section(const SectionSpec& spec) {
    if (open_ && open_->name == spec.name) return;
    close_section();
    std::ostream& out = destination_.stream();
    if (spec.gap && wrote_anything_) out << '\n';
    if (!spec.heading.empty()) {
        out << spec.heading << '\n';
        wrote_anything_ = true;
    }
    open_ = spec;
    if (!spec.columns.empty()) table_.emplace(spec.columns);
    widths_.clear();
    header_printed_ = !spec.header;
    wrote_rows_ = false;
}

void TextSink::record(Json) { throw std::logic_error("JSON record given to the text sink"); }

void TextSink::row(const std::vector<std::string>& cells) {
    if (!table_) throw std::logic_error("table row outside a table section");
    table_->add_row(cells);
    wrote_rows_ = true;
    if (table_->rows() >= kWindowRows) print_window();
}

void TextSink::line(std::string_view text) {
    // A line between rows (ss's -i detail lines) ends the window above it.
    if (table_) print_window();
    std::ostream& out = destination_.stream();
    out.write(text.data(), static_cast<std::streamsize>(text.size()));
    out << '\n';
    wrote_rows_ = true;
    wrote_anything_ = true;
}

void TextSink::flush() {
    print_window();
    destination_.flush();
}

void TextSink::print_window() {
    if (!table_ || (table_->empty() && header_printed_)) return;
    table_->print(destination_.stream(), !header_printed_, widths_);
    header_printed_ = true;
    table_->clear();
    wrote_anything_ = true;
    destination_.flush();
}

void TextSink::close_section() {
    if (!open_) return;
    if (!wrote_rows_ && !open_->empty_text.empty()) {
        destination_.stream() << open_->empty_text << '\n';
        wrote_anything_ = true;
    } else {
        print_window();
    }
    open_.reset();
    table_.reset();
}

void TextSink::finish(const Diagnosis& diagnosis) {
    close_section();
    if (destination_.options().notes_to_stderr) {
        destination_.flush();
        print_diagnosis_text(std::cerr, diagnosis, false);
        return;
    }
    print_diagnosis_text(destination_.stream(), diagnosis, destination_.color());
    destination_.flush();
}

}  // namespace netlens
