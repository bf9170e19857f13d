// Text for people: each section a table in the style of ss and ip, or plain lines,
// then the findings. Tables are printed a window of rows at a time so a stream of
// 100 k sockets never sits in memory; widths only grow from one window to the next.
#pragma once

#include <optional>

#include "core/sink.h"

namespace netlens {

class TextSink : public Sink {
public:
    // Rows held before a table is printed; later windows keep the widths seen so far.
    static constexpr size_t kWindowRows = 4096;

    explicit TextSink(OutputDestination& destination) : destination_(destination) {}

    bool structured() const override { return false; }
    bool color() const override { return destination_.color(); }
    void section(const SectionSpec& spec) override;
    using Sink::record;
    void record(Json record) override;
    void row(const std::vector<std::string>& cells) override;
    void line(std::string_view text) override;
    void flush() override;
    void finish(const Diagnosis& diagnosis) override;

private:
    void print_window();
    void close_section();

    OutputDestination& destination_;
    std::optional<SectionSpec> open_;
    std::optional<TextTable> table_;
    std::vector<size_t> widths_;
    bool header_printed_ = false;
    bool wrote_rows_ = false;      // in the open section
    bool wrote_anything_ = false;  // since the start
};

}  // namespace netlens
